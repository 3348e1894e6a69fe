/**
 * Checks X-Twilio-Signature with the official helper, against the URL Twilio called as the public
 * world sees it (PUBLIC_URL + path and query), over every form parameter received.
 */
import { timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';
import type { CarrierWebhookRequest } from '../carrier.js';

export function isValidTwilioSignature(authToken: string, req: CarrierWebhookRequest): boolean {
  const header = req.headers['x-twilio-signature'];
  const signature = typeof header === 'string' ? header : undefined;
  if (!signature) return false;
  const params = (req.params ?? {}) as Record<string, string>;
  // The URL exactly as Twilio was given it is what Twilio signs. The SDK's helper tries it with
  // its port removed first, so behind a PUBLIC_URL with a port (http://host:3000) every genuine
  // webhook cost two HMACs; one suffices. Anything else gets the helper's every variant.
  if (sameSignature(signature, twilio.getExpectedTwilioSignature(authToken, req.url, params))) return true;
  return twilio.validateRequest(authToken, signature, req.url, params);
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
