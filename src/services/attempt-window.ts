/**
 * Counting attempts per key (an email, a client IP) in a sliding window, for the rate limits on
 * signing in (login-rate-limit.ts) and on asking for password reset emails
 * (password-reset-rate-limit.ts). Attempts are rows of `login_failures` in the shared database (not
 * process memory), so a limit holds however many web processes serve the requests, and it survives
 * a restart. Time comes from the injected clock.
 *
 * An attempt is reserved before the work it limits: in one transaction the window is counted and,
 * if every key has room, one row per key is written (PostgreSQL: under an advisory lock per key;
 * SQLite: transactions begin immediate, so writers take turns). A burst of parallel requests
 * therefore gets exactly the remaining allowance, never one more.
 *
 * Each limit owns the key prefixes it writes (`email:` and `ip:` for sign-in, `reset:email:` and
 * `reset:ip:` for reset emails), and sweeps only its own rows, since the windows differ.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { newId } from '../store/ids.js';

/** A limited request: 429 with the caller's sentence; `retryAfterSeconds` also goes in the Retry-After header. */
export class RateLimited extends AppError {
  declare readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'rate_limited', message, undefined, retryAfterSeconds);
  }
}

export interface AttemptWindow {
  windowMs: number;
  /** The prefixes of every key this limit writes: its sweep deletes only these. */
  keyPrefixes: string[];
}

export interface KeyLimit {
  key: string;
  limit: number;
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
 * Reserves one attempt against every key, or throws what `limited` makes (given the seconds until
 * the fullest key has room again) when any key has used up its allowance in the window. Keys are
 * locked in the order given: callers always list them in one fixed order, so two attempts can
 * never wait on each other in a cycle. Returns the attempt id its rows carry.
 */
export async function reserveAttempt(
  ctx: AppContext,
  window: AttemptWindow,
  limits: KeyLimit[],
  limited: (retryAfterSeconds: number) => Error,
): Promise<string> {
  const now = ctx.clock.now();
  const since = now - window.windowMs;
  const attemptId = newId('att', now);
  await ctx.db.transaction().execute(async (trx) => {
    if (ctx.store.dialect === 'postgres') {
      // The `login:` namespace is the one sign-in locked under before this module served resets
      // too: kept, so old and new processes lock alike during a rolling upgrade.
      for (const { key } of limits) await sql`select pg_advisory_xact_lock(hashtext(${`login:${key}`}))`.execute(trx);
    }
    for (const { key, limit } of limits) {
      const { count, oldest } = await windowOf(trx, key, since);
      if (count >= limit) {
        // Allowed again once the oldest attempt in the window ages out.
        const retryAfterMs = (oldest ?? now) + window.windowMs - now;
        throw limited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
      }
    }
    await trx
      .insertInto('login_failures')
      .values(limits.map(({ key }) => ({ key, at: now, attempt_id: attemptId })))
      .execute();
  });
  await ctx.db
    .deleteFrom('login_failures')
    .where('at', '<=', since)
    .where((eb) => eb.or(window.keyPrefixes.map((prefix) => eb('key', 'like', `${prefix}%`))))
    .execute();
  return attemptId;
}

/** "3 minutes", "1 hour": a wait in the words a person reads, rounded up to a whole minute. */
export function describeWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
