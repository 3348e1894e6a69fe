/**
 * Password hashing for dashboard accounts: scrypt from node:crypto (no native dependency), with
 * the parameters stored in each hash so they can be raised later without locking anyone out.
 *
 * Format: `scrypt$N$r$p$salt$hash`, salt and hash in base64url.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/** 2^15 × r=8 costs 32 MiB and roughly 50–100 ms per hash: slow for a guesser, fine for a login. */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * A new password as a person chooses it. The upper bound keeps a hash cheap to compute on an
 * attacker's megabyte-long "password"; there is no composition rule (length is what matters).
 */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** A password as typed at login: only bounded, since old rules may have allowed other lengths. */
export const givenPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Node refuses scrypt above 32 MiB by default; 128·N·r is exactly that, so leave headroom. */
function maxmemFor(n: number, r: number): number {
  return 128 * n * r * 2;
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Checks a password against a stored hash in constant time. A hash this module cannot read (or
 * parameters out of a sane range) verifies as false rather than throwing, so a damaged row means
 * "wrong password", never a 500 that tells an attacker something.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every(Number.isInteger) || n < 2 || n > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: maxmemFor(n, r) });
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | null = null;

/**
 * Runs a full verification against a throwaway hash, for a login whose email has no account: the
 * answer then takes as long as a real one, so response time does not reveal which emails exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(password, await prepareDummyHash());
  return false;
}

/**
 * Makes the throwaway hash ahead of time (the server calls this at start), so even the first
 * unknown-email login of a process costs one scrypt, not two.
 */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummyHash;
}

/** A random password for the CLI to hand out (24 characters, 144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
