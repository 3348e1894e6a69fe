/**
 * How often a password reset email may be asked for: at most 3 requests per email address and 10
 * per client IP in any hour. Without it anyone who knows an address could flood its inbox with
 * reset mails (and spend the server's SMTP reputation doing so).
 *
 * Every request counts, whether or not the address has an account, so the limit answers the same
 * for both and cannot be used to learn who has one. Requests are reserved atomically in the shared
 * database like sign-in attempts (attempt-window.ts), so a parallel burst gets exactly the
 * allowance, however many web processes serve it.
 */
import type { AppContext } from '../context.js';
import { describeWait, RateLimited, reserveAttempt, type AttemptWindow } from './attempt-window.js';

export const RESET_REQUEST_WINDOW_MS = 60 * 60 * 1000;
export const MAX_RESET_REQUESTS_PER_EMAIL = 3;
export const MAX_RESET_REQUESTS_PER_IP = 10;

const RESET_WINDOW: AttemptWindow = { windowMs: RESET_REQUEST_WINDOW_MS, keyPrefixes: ['reset:email:', 'reset:ip:'] };

export class PasswordResetRateLimited extends RateLimited {
  constructor(retryAfterSeconds: number) {
    super(
      `Too many password reset requests. If an account exists for this address, the email is on its way: check your inbox and spam folder, or try again in ${describeWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
}

/** Counts one reset request against the email and the IP, or throws PasswordResetRateLimited. */
export async function reservePasswordResetRequest(ctx: AppContext, request: { email: string; ip: string }): Promise<void> {
  // Always email before IP (the lock order).
  const limits = [
    { key: `reset:email:${request.email.trim().toLowerCase()}`, limit: MAX_RESET_REQUESTS_PER_EMAIL },
    { key: `reset:ip:${request.ip}`, limit: MAX_RESET_REQUESTS_PER_IP },
  ];
  await reserveAttempt(ctx, RESET_WINDOW, limits, (seconds) => new PasswordResetRateLimited(seconds));
}
