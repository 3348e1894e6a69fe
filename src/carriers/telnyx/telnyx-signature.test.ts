/**
 * Telnyx's Ed25519 webhook signature, checked with real key pairs: the raw body and the timestamp are
 * both signed, the key must be the account's, and a timestamp more than five minutes from our clock
 * is refused (replays).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CarrierWebhookRequest } from '../carrier.js';
import { isValidTelnyxSignature, telnyxPublicKey } from './telnyx-signature.js';

function keyPair(): { privateKey: KeyObject; publicBase64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // The last 32 bytes of the SPKI DER are the raw key, which is what Telnyx shows as the public key.
  const publicBase64 = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  return { privateKey, publicBase64 };
}

const now = Date.UTC(2026, 0, 15, 15, 0, 0);
const rawBody = 'AccountSid=f5586561-8ff0-4291-a51b-c7dfe4139ff9&CallSid=v3%3A9X2v&CallStatus=ringing&From=%2B35319605860&To=%2B13129457420';

function signed(privateKey: KeyObject, opts: { body?: string; signedBody?: string; timestampMs?: number } = {}): CarrierWebhookRequest {
  const timestamp = String(Math.floor((opts.timestampMs ?? now) / 1000));
  const signature = sign(null, Buffer.from(`${timestamp}|${opts.signedBody ?? opts.body ?? rawBody}`), privateKey).toString('base64');
  return {
    url: 'https://tb.example.com/webhooks/telnyx/voice',
    headers: { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp },
    params: {},
    query: {},
    rawBody: opts.body ?? rawBody,
    receivedAt: now,
  };
}

describe('Telnyx webhook signature (Ed25519 over timestamp|raw body)', () => {
  const account = keyPair();
  const other = keyPair();

  it('accepts a request signed by the account key over the exact raw body', () => {
    expect(isValidTelnyxSignature(account.publicBase64, signed(account.privateKey))).toBe(true);
    const json = '{"data":{"event_type":"message.received","payload":{"text":"Hi é"}}}';
    expect(isValidTelnyxSignature(account.publicBase64, signed(account.privateKey, { body: json }))).toBe(true);
  });

  it('refuses another account key, a changed body, a changed timestamp and a missing header', () => {
    expect(isValidTelnyxSignature(account.publicBase64, signed(other.privateKey))).toBe(false);
    expect(isValidTelnyxSignature(account.publicBase64, signed(account.privateKey, { body: `${rawBody}&Digits=1`, signedBody: rawBody }))).toBe(false);
    const moved = signed(account.privateKey);
    moved.headers['telnyx-timestamp'] = String(Number(moved.headers['telnyx-timestamp']) + 1);
    expect(isValidTelnyxSignature(account.publicBase64, moved)).toBe(false);
    const unsigned = signed(account.privateKey);
    delete unsigned.headers['telnyx-signature-ed25519'];
    expect(isValidTelnyxSignature(account.publicBase64, unsigned)).toBe(false);
    const noRaw = signed(account.privateKey);
    delete noRaw.rawBody;
    expect(isValidTelnyxSignature(account.publicBase64, noRaw)).toBe(false);
  });

  it('accepts a timestamp up to five minutes off either way, refuses one beyond', () => {
    const ok = (offsetMs: number) => isValidTelnyxSignature(account.publicBase64, signed(account.privateKey, { timestampMs: now + offsetMs }));
    expect(ok(-5 * 60_000)).toBe(true);
    expect(ok(5 * 60_000)).toBe(true);
    expect(ok(-5 * 60_000 - 1000)).toBe(false);
    expect(ok(5 * 60_000 + 1000)).toBe(false);
  });

  it('refuses a public key that is not 32 bytes of base64, and a signature that is not 64 bytes', () => {
    expect(telnyxPublicKey('not a key')).toBeNull();
    expect(telnyxPublicKey(Buffer.alloc(31).toString('base64'))).toBeNull();
    expect(isValidTelnyxSignature('not a key', signed(account.privateKey))).toBe(false);
    const short = signed(account.privateKey);
    short.headers['telnyx-signature-ed25519'] = Buffer.alloc(10).toString('base64');
    expect(isValidTelnyxSignature(account.publicBase64, short)).toBe(false);
  });
});
