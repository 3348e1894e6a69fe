/**
 * SignalWire signs every webhook with the project's Signing Key (Dashboard → API Credentials; not the
 * API token) in `X-SignalWire-Signature`: the same HMAC-SHA1 over the URL and the sorted form
 * parameters as Twilio's scheme, which is why its own compatibility SDK validates with the Twilio
 * helper. Source: developer.signalwire.com/guides/webhook-security; field notes §8.
 */
import twilio from 'twilio';
import type { CarrierWebhookRequest } from '../carrier.js';

export function isValidSignalWireSignature(signingKey: string, req: CarrierWebhookRequest): boolean {
  const header = req.headers['x-signalwire-signature'];
  const signature = typeof header === 'string' ? header : undefined;
  if (!signature || !signingKey) return false;
  return twilio.validateRequest(signingKey, signature, req.url, (req.params ?? {}) as Record<string, string>);
}
