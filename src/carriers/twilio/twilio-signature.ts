/**
 * Checks X-Twilio-Signature with the official helper, against the URL Twilio called as the public
 * world sees it (PUBLIC_URL + path and query), over every form parameter received.
 */
import twilio from 'twilio';
import type { CarrierWebhookRequest } from '../carrier.js';

export function isValidTwilioSignature(authToken: string, req: CarrierWebhookRequest): boolean {
  const header = req.headers['x-twilio-signature'];
  const signature = typeof header === 'string' ? header : undefined;
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, req.url, (req.params ?? {}) as Record<string, string>);
}
