/**
 * Webhook signatures: a receiver proves a POST came from this Textback and was not replayed.
 *
 *   X-Textback-Timestamp: <unix seconds>
 *   X-Textback-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * The timestamp is inside the signed text, so an old delivery cannot be replayed with a fresh
 * timestamp; receivers reject timestamps more than a few minutes off. Each workflow has its own
 * secret (shown once when it is created), so one leaked secret forges one workflow's calls only.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Textback-Timestamp';
export const SIGNATURE_HEADER = 'X-Textback-Signature';

/** A new signing secret: 32 random bytes, prefixed so it is recognizable in a config file. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The X-Textback-Signature value for `body` sent at `timestamp` (unix seconds). */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (and what docs/workflows.md shows): true when the signature matches and the
 * timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhookSignature(opts: {
  secret: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(opts.timestamp);
  if (!opts.timestamp || !/^\d+$/.test(opts.timestamp) || !Number.isSafeInteger(ts)) return false;
  if (Math.abs(opts.nowSeconds - ts) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhookBody(opts.secret, ts, opts.body));
  const given = Buffer.from(opts.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
