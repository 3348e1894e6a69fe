/**
 * First-run setup and dashboard sign-in: /api/v1/setup, /api/v1/auth/{login,logout,session,password}.
 * Also keeps the session cookie's expiry sliding along with the session's.
 */
import { confirmPasswordReset, confirmResetSchema, requestPasswordReset, requestResetSchema } from '../../services/password-reset.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { givenPasswordSchema, newPasswordSchema, prepareDummyHash, verifyPassword } from '../../security/passwords.js';
import { loginSucceeded, reserveLoginAttempt } from '../../services/login-rate-limit.js';
import { firstRunSetupSchema, runFirstRunSetup } from '../../provisioning/first-run-setup.js';
import {
  createSession,
  deleteOtherSessions,
  deleteSession,
  describeSession,
  sessionIdOf,
  SESSION_COOKIE,
  sessionCookieOptions,
  type SessionView,
} from '../../services/sessions.js';
import { checkCredentials, emailSchema, getUserRow, noUserExists, setPassword, wrongCurrentPassword } from '../../services/users.js';
import { requireJsonBody, requireSession } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { acceptedResponse, passwordResetAvailabilityResponse, sessionResponse, setupStateResponse } from '../responses/session.js';

const loginSchema = z.object({ email: emailSchema, password: givenPasswordSchema }).strict();

const changePasswordSchema = z.object({ currentPassword: givenPasswordSchema, newPassword: newPasswordSchema }).strict();

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong email or password');

/**
 * Signs the browser in as `userId`: a new session, its cookie, and the session view to answer
 * with. A session the browser already had is ended, since its cookie is being replaced.
 */
export async function startBrowserSession(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<SessionView> {
  const previous = req.cookies?.[SESSION_COOKIE];
  if (previous) await deleteSession(ctx, sessionIdOf(previous));
  // Keep the sliding-expiry hook from writing the old cookie back over the new one.
  req.authSession = undefined;
  const session = await createSession(ctx, userId);
  reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(ctx, session.expiresAt));
  req.log.info({ userId }, 'signed in');
  return describeSession(ctx, userId, session.csrfToken);
}

export function registerSessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  void prepareDummyHash();

  // A session used after a minute of quiet was extended (services/sessions.ts): send its cookie
  // again with the new Max-Age, so the browser's copy slides too.
  app.addHook('onSend', async (req, reply, payload) => {
    const session = req.authSession;
    const token = req.cookies?.[SESSION_COOKIE];
    if (session?.refreshed && token) reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx, session.expiresAt));
    return payload;
  });

  app.get('/api/v1/setup', doc({ tag: 'Session', summary: 'Whether first-run setup is still needed', auth: 'none', response: { description: 'Whether setup is needed', schema: setupStateResponse } }), async () => ({ needsSetup: await noUserExists(ctx.db) }));

  // Forgotten passwords: by email when SMTP is configured (the same answer whoever asks), else 409 naming the CLI.
  app.get('/api/v1/auth/password-reset', doc({ tag: 'Session', summary: 'Whether a forgotten password can be reset by email', auth: 'none', response: { description: 'Whether email is available', schema: passwordResetAvailabilityResponse } }), async () => ({ emailAvailable: ctx.config.smtpUrl !== null }));
  app.post('/api/v1/auth/password-reset', doc({ tag: 'Session', summary: 'Email a password reset link', description: 'The same answer whether or not the email has an account. At most 3 requests per email and 10 per client IP in an hour, then 429 with Retry-After. Without email configured: 409, naming the CLI command.', auth: 'none', body: requestResetSchema, response: { status: 202, description: 'Accepted', schema: acceptedResponse } }), async (req, reply) => {
    requireJsonBody(req);
    await requestPasswordReset(ctx, requestResetSchema.parse(req.body).email, req.ip);
    return reply.code(202).send({ ok: true });
  });
  app.post('/api/v1/auth/password-reset/confirm', doc({ tag: 'Session', summary: 'Set a new password with the token from the reset email', auth: 'none', body: confirmResetSchema, response: { status: 204, description: 'Password set' } }), async (req, reply) => {
    requireJsonBody(req);
    await confirmPasswordReset(ctx, confirmResetSchema.parse(req.body));
    return reply.code(204).send();
  });

  app.post('/api/v1/setup', doc({ tag: 'Session', summary: 'First-run setup: the first owner and workspace', description: 'Needs the operator token in the body; works once.', auth: 'none', body: firstRunSetupSchema, response: { status: 201, description: 'The session', schema: sessionResponse } }), async (req, reply) => {
    requireJsonBody(req);
    const { userId, workspaceId } = await runFirstRunSetup(ctx, firstRunSetupSchema.parse(req.body));
    req.log.info({ userId, workspaceId }, 'first-run setup done');
    return reply.code(201).send(await startBrowserSession(ctx, req, reply, userId));
  });

  app.post('/api/v1/auth/login', doc({ tag: 'Session', summary: 'Sign in', description: 'Sets the session cookie; answers the CSRF token to send with state-changing requests.', auth: 'none', body: loginSchema, response: { description: 'The session', schema: sessionResponse } }), async (req, reply) => {
    requireJsonBody(req);
    const { email, password } = loginSchema.parse(req.body);
    // Reserved before the password check: a wrong password keeps the reservation as its failure.
    const attemptId = await reserveLoginAttempt(ctx, { email, ip: req.ip });
    const user = await checkCredentials(ctx, email, password);
    if (!user) {
      req.log.info('sign-in refused: wrong email or password');
      throw invalidCredentials();
    }
    await loginSucceeded(ctx, attemptId, email);
    return startBrowserSession(ctx, req, reply, user.id);
  });

  app.post('/api/v1/auth/logout', doc({ tag: 'Session', summary: 'Sign out', auth: 'session', response: { status: 204, description: 'Signed out' } }), async (req, reply) => {
    const { sessionId } = await requireSession(ctx, req);
    await deleteSession(ctx, sessionId);
    req.authSession = undefined;
    const { httpOnly, sameSite, path, secure } = sessionCookieOptions(ctx, 0);
    reply.clearCookie(SESSION_COOKIE, { httpOnly, sameSite, path, secure });
    return reply.code(204).send();
  });

  app.get('/api/v1/auth/session', doc({ tag: 'Session', summary: 'The signed-in user and their workspaces', auth: 'session', response: { description: 'The session', schema: sessionResponse } }), async (req) => {
    const { userId } = await requireSession(ctx, req);
    return describeSession(ctx, userId, req.authSession?.csrfToken ?? '');
  });

  app.post('/api/v1/auth/password', doc({ tag: 'Session', summary: 'Change the password', auth: 'session', body: changePasswordSchema, response: { status: 204, description: 'Password changed; other sessions signed out' } }), async (req, reply) => {
    const { userId, sessionId } = await requireSession(ctx, req);
    const input = changePasswordSchema.parse(req.body);
    const user = await getUserRow(ctx, userId);
    // Guessing the current password from a stolen session is a login attempt like any other.
    const attemptId = await reserveLoginAttempt(ctx, { email: user.email, ip: req.ip });
    if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw wrongCurrentPassword();
    await setPassword(ctx, userId, input.newPassword);
    await loginSucceeded(ctx, attemptId, user.email);
    // Whoever else held a session (a lost laptop, the reason for the change) is signed out.
    await deleteOtherSessions(ctx, userId, sessionId);
    req.log.info({ userId }, 'password changed');
    return reply.code(204).send();
  });
}
