/**
 * Dashboard sessions: a random cookie value (only its SHA-256 is stored), a CSRF token per
 * session, and a 30-day lifetime that slides with use. Rows live in the shared database, so any
 * web process can serve any request.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { hashToken } from '../security/tokens.js';
import { listUserWorkspaces, type UserWorkspace } from './members.js';
import { getUserRow, presentUser, type User } from './users.js';

export const SESSION_COOKIE = 'tb_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding costs a write; once a minute per session is plenty for a 30-day window. */
export const SESSION_REFRESH_MS = 60 * 1000;

export interface NewSession {
  /** The cookie value: given to the browser once, never stored. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: number;
}

export interface ActiveSession {
  sessionId: string;
  userId: string;
  csrfToken: string;
  expiresAt: number;
  /** True when this lookup extended the session, so the cookie should be sent again with the new expiry. */
  refreshed: boolean;
}

/** What login, setup, invite acceptance and GET /auth/session answer. */
export interface SessionView {
  user: User;
  workspaces: UserWorkspace[];
  csrfToken: string;
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session for a user. */
export async function createSession(ctx: AppContext, userId: string): Promise<NewSession> {
  const now = ctx.clock.now();
  const token = randomToken();
  const session = { sessionId: sessionIdOf(token), csrfToken: randomToken(), expiresAt: now + SESSION_TTL_MS };
  await ctx.db
    .insertInto('sessions')
    .values({ id: session.sessionId, user_id: userId, csrf_token: session.csrfToken, created_at: now, expires_at: session.expiresAt, last_seen_at: now })
    .execute();
  // Expired rows are otherwise only removed when presented; sweep this user's on each login.
  await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
  return { token, ...session };
}

/** The live session for a cookie value, extended if it was last seen over a minute ago; null if none. */
export async function resolveSession(ctx: AppContext, token: string): Promise<ActiveSession | null> {
  const id = sessionIdOf(token);
  const row = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock.now();
  if (row.expires_at <= now) {
    await ctx.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const session = { sessionId: row.id, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at, refreshed: false };
  if (now - row.last_seen_at >= SESSION_REFRESH_MS) {
    const expiresAt = now + SESSION_TTL_MS;
    await ctx.db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
    return { ...session, expiresAt, refreshed: true };
  }
  return session;
}

/** The session id a cookie value maps to (its SHA-256), whether or not that session still exists. */
export function sessionIdOf(token: string): string {
  return hashToken(token);
}

export async function deleteSession(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs the user out everywhere except `keepSessionId` (after a password change). */
export async function deleteOtherSessions(ctx: AppContext, userId: string, keepSessionId: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
}

/** Signs the user out everywhere (after an operator reset their password). */
export async function deleteAllSessions(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The user, their workspaces with their role in each, and the session's CSRF token. */
export async function describeSession(ctx: AppContext, userId: string, csrfToken: string): Promise<SessionView> {
  const user = presentUser(await getUserRow(ctx, userId));
  return { user, workspaces: await listUserWorkspaces(ctx, userId), csrfToken };
}

/**
 * Cookie attributes: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs),
 * Secure whenever the installation is served over https.
 */
export function sessionCookieOptions(ctx: AppContext, expiresAt: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: ctx.config.publicUrl.startsWith('https'),
    maxAge: Math.max(0, Math.floor((expiresAt - ctx.clock.now()) / 1000)),
  };
}
