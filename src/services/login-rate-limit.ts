/**
 * Login rate limiting: at most 5 failed attempts per email and 20 per client IP in any 15 minutes.
 * Failures are rows in the shared database (not process memory), so the limit holds however many
 * web processes serve the logins, and it survives a restart. Time comes from the injected clock.
 *
 * The count and the insert are not one atomic step: a burst of parallel guesses can overshoot the
 * limit by the number of requests in flight, which is harmless next to scrypt's cost per guess.
 */
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

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

async function windowOf(ctx: AppContext, key: string, since: number): Promise<{ count: number; oldest: number | null }> {
  const row = await ctx.db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest) };
}

/**
 * Throws LoginRateLimited when the email or the IP has used up its failures in the window.
 * Checked before the password, so a limited attempt costs no scrypt and reveals nothing.
 */
export async function assertLoginAllowed(ctx: AppContext, attempt: LoginAttempt): Promise<void> {
  const now = ctx.clock.now();
  const since = now - LOGIN_WINDOW_MS;
  const checks: Array<[string, number]> = [
    [emailKey(attempt.email), MAX_FAILURES_PER_EMAIL],
    [ipKey(attempt.ip), MAX_FAILURES_PER_IP],
  ];
  for (const [key, limit] of checks) {
    const { count, oldest } = await windowOf(ctx, key, since);
    if (count >= limit) {
      // Allowed again once the oldest failure in the window ages out.
      const retryAfterMs = (oldest ?? now) + LOGIN_WINDOW_MS - now;
      throw new LoginRateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    }
  }
}

/** Records one failed attempt against both the email and the IP, and drops rows past the window. */
export async function recordLoginFailure(ctx: AppContext, attempt: LoginAttempt): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('login_failures')
    .values([
      { key: emailKey(attempt.email), at: now },
      { key: ipKey(attempt.ip), at: now },
    ])
    .execute();
  await ctx.db.deleteFrom('login_failures').where('at', '<=', now - LOGIN_WINDOW_MS).execute();
}

/** A successful sign-in forgives the email's failures (the IP's stay: it may be guessing other emails). */
export async function clearLoginFailures(ctx: AppContext, email: string): Promise<void> {
  await ctx.db.deleteFrom('login_failures').where('key', '=', emailKey(email)).execute();
}
