/**
 * API keys and the operator token: keys are random, shown once, stored as SHA-256 (they carry 192
 * bits of entropy, so a slow hash adds nothing), and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new workspace API key; the prefix makes leaked keys recognisable to secret scanners. */
export function generateApiKey(): string {
  return `tbk_${randomBytes(24).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time string comparison (hashes first so lengths never leak). */
export function tokensEqual(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(a), 'hex'), Buffer.from(hashToken(b), 'hex'));
}
