/**
 * The signature a phone system puts on a call event (POST /api/v1/call-events):
 *   X-Textback-Timestamp: <unix seconds>
 *   X-Textback-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 * The timestamp is inside the signed text, so an old request cannot be re-dated, and a request more
 * than five minutes from our clock is refused (a captured request stops working quickly).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CALL_EVENT_TOLERANCE_SECONDS = 5 * 60;

export function signCallEvent(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

export type CallEventSignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks the headers' shape and freshness (no secret needed). */
export function checkCallEventTimestamp(timestamp: string | undefined, nowMs: number): CallEventSignatureCheck {
  if (!timestamp) return { ok: false, reason: 'X-Textback-Timestamp is missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Textback-Timestamp must be unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > CALL_EVENT_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'X-Textback-Timestamp is more than 5 minutes from the server clock' };
  }
  return { ok: true };
}

export function isValidCallEventSignature(secret: string, timestamp: string, rawBody: string, signature: string | undefined): boolean {
  if (!signature || !/^sha256=[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signCallEvent(secret, timestamp, rawBody), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
