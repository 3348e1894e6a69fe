/**
 * Login rate limiting: at most 5 failed attempts per email and 20 per client IP in any 15 minutes.
 * Failures are rows in the shared database (services/attempt-window.ts), so the limit holds however
 * many web processes serve the logins, and it survives a restart.
 *
 * An attempt is reserved before the password is checked, atomically (attempt-window.ts), so a
 * burst of parallel guesses gets exactly the remaining allowance, never one more. A wrong password
 * keeps the rows as its failure; a right one takes them back.
 */
import type { AppContext } from '../context.js';
import { RateLimited, reserveAttempt, type AttemptWindow } from './attempt-window.js';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface LoginAttempt {
  email: string;
  ip: string;
}

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
const LOGIN_WINDOW: AttemptWindow = { windowMs: LOGIN_WINDOW_MS, keyPrefixes: ['email:', 'ip:'] };

/** The error a limited attempt answers with; `retryAfterSeconds` also goes in the Retry-After header. */
export class LoginRateLimited extends RateLimited {
  constructor(retryAfterSeconds: number) {
    super('Too many failed sign-in attempts. Try again later.', retryAfterSeconds);
  }
}

/**
 * Reserves one attempt against the email and the IP, or throws LoginRateLimited when either has
 * used up its failures in the window (a limited attempt costs no scrypt and reveals nothing).
 * Returns the attempt id: pass it to loginSucceeded when the password was right.
 */
export async function reserveLoginAttempt(ctx: AppContext, attempt: LoginAttempt): Promise<string> {
  // Always email before IP (the lock order).
  const limits = [
    { key: emailKey(attempt.email), limit: MAX_FAILURES_PER_EMAIL },
    { key: ipKey(attempt.ip), limit: MAX_FAILURES_PER_IP },
  ];
  return reserveAttempt(ctx, LOGIN_WINDOW, limits, (seconds) => new LoginRateLimited(seconds));
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
