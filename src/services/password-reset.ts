/**
 * "Forgot your password?" by email, when the server has SMTP. Asking always answers the same (no
 * way to learn who has an account, not even from its timing: the lookup runs in a job), and is
 * rate limited per email and per IP; a known email gets a one-time link valid for an hour (stored as
 * its SHA-256). Setting the new password uses the link once and signs the account out everywhere.
 * Without SMTP the operator resets a password with `textback user reset-password --email …`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, badRequest } from '../errors.js';
import { newPasswordSchema } from '../security/passwords.js';
import { hashToken } from '../security/tokens.js';
import { passwordResetRequestJob, type PasswordResetRequestPayload } from '../jobs/definitions/password-reset-request.js';
import { enqueue, type TypedJob } from '../jobs/job-definition.js';
import { queueEmail } from './mailer.js';
import { reservePasswordResetRequest } from './password-reset-rate-limit.js';
import { deleteAllSessions } from './sessions.js';
import { emailSchema, findUserByEmail, setPassword } from './users.js';

export const RESET_TTL_MS = 60 * 60 * 1000;
export const requestResetSchema = z.object({ email: emailSchema }).strict();
export const confirmResetSchema = z.object({ token: z.string().min(1).max(200), password: newPasswordSchema }).strict();

const noEmail = () =>
  new AppError(409, 'email_not_configured', 'This server cannot send email. Ask the person who runs it to reset your password with: textback user reset-password --email you@example.com');

const SEAL_CONTEXT = 'password-reset-request';

/**
 * Asks for a reset link for `email`; answers the same either way. Counted against the email and
 * the client `ip` (password-reset-rate-limit.ts), then handed to a job: looking the account up and
 * writing its token here would make a known address answer measurably slower than an unknown one
 * (a way to learn who has an account); queueing one job costs the same for both.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, ip: string): Promise<void> {
  if (!ctx.config.smtpUrl) throw noEmail();
  await reservePasswordResetRequest(ctx, { email, ip });
  await enqueue(ctx.db, ctx.clock.now(), passwordResetRequestJob, { sealedEmail: ctx.secrets.seal(email, SEAL_CONTEXT) }, { workspaceId: null });
  ctx.wakeWorker();
}

/** The job: a known email gets a one-time link valid for an hour; an unknown one, nothing. */
export async function answerPasswordResetRequest(ctx: AppContext, job: TypedJob<PasswordResetRequestPayload>): Promise<void> {
  const user = await findUserByEmail(ctx, ctx.secrets.open(job.payload.sealedEmail, SEAL_CONTEXT));
  if (!user) return;
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('password_resets').values({ token_hash: hashToken(token), user_id: user.id, created_at: now, expires_at: now + RESET_TTL_MS, used_at: null }).execute();
    await queueEmail(ctx, trx, {
      workspaceId: null,
      to: user.email,
      subject: 'Reset your Textback password',
      text: `Someone (hopefully you) asked to reset the password of ${user.email} on Textback.\n\nChoose a new password here (the link works once, for one hour):\n${ctx.config.publicUrl}/reset-password?token=${token}\n\nIf it wasn't you, ignore this email: your password stays as it is.`,
      // One email per request, even if this job runs again after its transaction committed.
      uniqueKey: `reset:${job.id}`,
      now,
    });
  });
  ctx.wakeWorker();
}

export async function confirmPasswordReset(ctx: AppContext, input: z.infer<typeof confirmResetSchema>): Promise<void> {
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(input.token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  if (!claimed) throw badRequest('This reset link has expired or was already used: ask for a new one.', 'token');
  await setPassword(ctx, claimed.user_id, input.password);
  await deleteAllSessions(ctx, claimed.user_id);
}
