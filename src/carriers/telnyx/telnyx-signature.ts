/**
 * Telnyx webhook signatures (API v2 webhooks, and TeXML call webhooks alike): Ed25519 over
 * `${telnyx-timestamp}|${raw body}`, the signature base64 in `telnyx-signature-ed25519`, the
 * timestamp in Unix seconds in `telnyx-timestamp`, checked with the account's public key (Mission
 * Control → Keys & Credentials → Public Key, base64 of the 32-byte key). Sources:
 * developers.telnyx.com/docs/messaging/messages/receiving-webhooks and the TeXML callback references
 * (developers.telnyx.com/api-reference/callbacks/texml-call-initiated: form-encoded body, the same two
 * headers). Telnyx leaves the replay window to the application ("reject signatures outside the
 * application's replay window", developers.telnyx.com/docs/development/api-fundamentals/webhooks; its
 * Ruby library's tolerance is optional): 5 minutes either way here, as for PBX call events.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { CarrierWebhookRequest } from '../carrier.js';

/** How far the signed timestamp may be from our clock, either way. */
export const TELNYX_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The public key from its base64 form (32 raw bytes, as Telnyx shows it), or null when it is not one. */
export function telnyxPublicKey(base64: string): KeyObject | null {
  const raw = Buffer.from(base64.trim(), 'base64');
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

function header(req: CarrierWebhookRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * True when the request carries a valid signature by `publicKeyBase64` over its raw body, made within
 * the tolerance of `req.receivedAt` (the app's clock). A request without its raw body never passes.
 */
export function isValidTelnyxSignature(publicKeyBase64: string, req: CarrierWebhookRequest): boolean {
  const signature = header(req, 'telnyx-signature-ed25519');
  const timestamp = header(req, 'telnyx-timestamp');
  if (!signature || !timestamp || req.rawBody === undefined || req.receivedAt === undefined) return false;
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(Number(timestamp) * 1000 - req.receivedAt) > TELNYX_SIGNATURE_TOLERANCE_MS) return false;
  const key = telnyxPublicKey(publicKeyBase64);
  const sig = Buffer.from(signature, 'base64');
  if (!key || sig.length !== 64) return false;
  return verify(null, Buffer.from(`${timestamp}|${req.rawBody}`, 'utf8'), key, sig);
}
