/**
 * Authentication and the workspace a request acts on. Two ways in:
 * - `Authorization: Bearer`: the operator's ADMIN_TOKEN for operator routes, a workspace API key
 *   for everything else (an API key acts as the workspace's owner).
 * - The dashboard's `tb_session` cookie: the workspace is named by `X-Workspace-Id` and the user
 *   must be a member of it; every state-changing request also carries `X-CSRF-Token`.
 * A Bearer header always wins, so integrations behave exactly as before sessions existed.
 * The workspace id found here scopes every query the request makes.
 */
// Brings in the `req.cookies` typing; the plugin itself is registered in app.ts.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError, badRequest, forbidden, notFound, unauthorized } from '../errors.js';
import { hashToken, tokensEqual } from '../security/tokens.js';
import { getMemberRole } from '../services/members.js';
import { resolveSession, SESSION_COOKIE, type ActiveSession } from '../services/sessions.js';
import { authenticateApiKey } from '../services/workspaces.js';
import type { MemberRole } from '../store/schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    workspaceId?: string;
    /** The caller's role in `workspaceId` (an API key counts as owner). */
    role?: MemberRole;
    /** The dashboard session this request came with, once resolved. */
    authSession?: ActiveSession;
    /** Who acts, for per-caller limits: `key:<hash of the API key>` or `user:<user id>`. */
    principal?: string;
  }
}

export const WORKSPACE_HEADER = 'x-workspace-id';
export const CSRF_HEADER = 'x-csrf-token';

function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function sessionCookie(req: FastifyRequest): string | null {
  const value = req.cookies?.[SESSION_COOKIE];
  return value ? value : null;
}

function headerValue(req: FastifyRequest, name: string): string | null {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.trim() : null;
}

const csrfError = () => new AppError(403, 'csrf', 'Missing or wrong X-CSRF-Token header');

/** Safe methods change nothing, so they need no CSRF token (and EventSource cannot send one). */
function isSafeMethod(req: FastifyRequest): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/** Rejects a state-changing cookie request whose X-CSRF-Token is not the session's token. */
function assertCsrf(req: FastifyRequest, session: ActiveSession): void {
  if (isSafeMethod(req)) return;
  const given = headerValue(req, CSRF_HEADER);
  if (!given || !tokensEqual(given, session.csrfToken)) throw csrfError();
}

/**
 * The request's live dashboard session, or null when it carries no cookie or a dead one. When a
 * session is found, CSRF is enforced for non-GET/HEAD requests: acting on a session's authority
 * always needs the token, even on routes that also work without a session.
 */
export async function optionalSession(ctx: AppContext, req: FastifyRequest): Promise<ActiveSession | null> {
  if (req.authSession) return req.authSession;
  const token = sessionCookie(req);
  if (!token) return null;
  const session = await resolveSession(ctx, token);
  if (!session) return null;
  assertCsrf(req, session);
  req.authSession = session;
  req.log = req.log.child({ userId: session.userId });
  return session;
}

/** The signed-in user's session, or 401; 403 `csrf` for a state-changing request without the token. */
export async function requireSession(ctx: AppContext, req: FastifyRequest): Promise<{ userId: string; sessionId: string }> {
  const session = await optionalSession(ctx, req);
  if (!session) throw unauthorized(sessionCookie(req) ? 'Your session has expired: sign in again' : undefined);
  return { userId: session.userId, sessionId: session.sessionId };
}

/**
 * Resolves the request's workspace. Bearer: the API key's workspace, or 401 (403 for the operator
 * token). Cookie: the X-Workspace-Id the user is a member of; 400 without the header, 404 when
 * they are not a member (indistinguishable from a workspace that does not exist).
 */
export async function requireWorkspace(ctx: AppContext, req: FastifyRequest): Promise<string> {
  if (req.workspaceId) return req.workspaceId;
  const token = bearerToken(req);
  if (token || !sessionCookie(req)) {
    if (!token) throw unauthorized();
    if (tokensEqual(token, ctx.config.adminToken)) {
      throw forbidden('This route needs a workspace API key, not the operator token');
    }
    const workspaceId = await authenticateApiKey(ctx, token);
    if (!workspaceId) throw unauthorized();
    req.workspaceId = workspaceId;
    req.role = 'owner';
    req.principal = `key:${hashToken(token)}`;
    req.log = req.log.child({ workspaceId });
    return workspaceId;
  }

  const { userId } = await requireSession(ctx, req);
  const workspaceId = headerValue(req, WORKSPACE_HEADER);
  if (!workspaceId) throw badRequest('The X-Workspace-Id header must name the workspace', 'X-Workspace-Id');
  const role = await getMemberRole(ctx, workspaceId, userId);
  if (!role) throw notFound('Workspace');
  req.workspaceId = workspaceId;
  req.role = role;
  req.principal = `user:${userId}`;
  req.log = req.log.child({ workspaceId });
  return workspaceId;
}

/**
 * Login CSRF defence for the routes that sign a browser in without a session (login, setup, invite
 * acceptance): an HTML form on another site can post urlencoded or text/plain bodies, but not
 * JSON without a CORS preflight, which this server never grants. 415 otherwise.
 */
export function requireJsonBody(req: FastifyRequest): void {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
}

/** Like requireWorkspace, and the caller must hold `role` there (403 otherwise). Returns the workspace id. */
export async function requireRole(ctx: AppContext, req: FastifyRequest, role: MemberRole): Promise<string> {
  const workspaceId = await requireWorkspace(ctx, req);
  if (role === 'owner' && req.role !== 'owner') throw forbidden('Only an owner of this workspace can do this');
  return workspaceId;
}

/** Requires the operator token; a workspace key gets 403, anything else 401. */
export async function requireOperator(ctx: AppContext, req: FastifyRequest): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw unauthorized();
  if (tokensEqual(token, ctx.config.adminToken)) return;
  if (await authenticateApiKey(ctx, token)) throw forbidden('This route needs the operator token (ADMIN_TOKEN)');
  throw unauthorized();
}

/** Hook form for route groups. */
export const workspaceHook = (ctx: AppContext) => async (req: FastifyRequest, _reply: FastifyReply) => {
  await requireWorkspace(ctx, req);
};
