/**
 * Login rate limiting: at most 5 failed attempts per email and 20 per client IP in any 15 minutes.
 * Failures are rows in the shared database (not process memory), so the limit holds however many
 * web processes serve the logins, and it survives a restart. Time comes from the injected clock.
 *
 * An attempt is reserved before the password is checked: in one transaction the window is
 * counted and, if there is room, the attempt's rows are written (PostgreSQL: under an advisory
 * lock per key; SQLite: transactions begin immediate, so writers take turns). A burst of parallel
 * guesses therefore gets exactly the remaining allowance, never one more. A wrong password keeps
 * the rows as its failure; a right one takes them back.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { newId } from '../store/ids.js';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface LoginAttempt {
  email: string;
  ip: string;
}

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** The error a limited attempt answers with; `retryAfterSeconds` also goes in the Retry-After header. */
export class LoginRateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', 'Too many failed sign-in attempts. Try again later.');
  }
}

async function windowOf(db: AppContext['db'], key: string, since: number): Promise<{ count: number; oldest: number | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest) };
}

/**
 * Reserves one attempt against the email and the IP, or throws LoginRateLimited when either has
 * used up its failures in the window (a limited attempt costs no scrypt and reveals nothing).
 * Returns the attempt id: pass it to loginSucceeded when the password was right.
 */
export async function reserveLoginAttempt(ctx: AppContext, attempt: LoginAttempt): Promise<string> {
  const now = ctx.clock.now();
  const since = now - LOGIN_WINDOW_MS;
  const checks: Array<[string, number]> = [
    [emailKey(attempt.email), MAX_FAILURES_PER_EMAIL],
    [ipKey(attempt.ip), MAX_FAILURES_PER_IP],
  ];
  const attemptId = newId('att', now);
  await ctx.db.transaction().execute(async (trx) => {
    if (ctx.store.dialect === 'postgres') {
      // Always email before IP, so two attempts can never wait on each other in a cycle.
      for (const [key] of checks) await sql`select pg_advisory_xact_lock(hashtext(${`login:${key}`}))`.execute(trx);
    }
    for (const [key, limit] of checks) {
      const { count, oldest } = await windowOf(trx, key, since);
      if (count >= limit) {
        // Allowed again once the oldest failure in the window ages out.
        const retryAfterMs = (oldest ?? now) + LOGIN_WINDOW_MS - now;
        throw new LoginRateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
      }
    }
    await trx
      .insertInto('login_failures')
      .values(checks.map(([key]) => ({ key, at: now, attempt_id: attemptId })))
      .execute();
  });
  await ctx.db.deleteFrom('login_failures').where('at', '<=', since).execute();
  return attemptId;
}

/** The password was right: the attempt was no failure, and the email's earlier failures are forgiven. */
export async function loginSucceeded(ctx: AppContext, attemptId: string, email: string): Promise<void> {
  await ctx.db.deleteFrom('login_failures').where('attempt_id', '=', attemptId).execute();
  await clearLoginFailures(ctx, email);
}

/** A successful sign-in forgives the email's failures (the IP's stay: it may be guessing other emails). */
export async function clearLoginFailures(ctx: AppContext, email: string): Promise<void> {
  await ctx.db.deleteFrom('login_failures').where('key', '=', emailKey(email)).execute();
}
