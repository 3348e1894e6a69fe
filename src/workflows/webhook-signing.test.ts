/** Webhook signatures: the exact HMAC recipe, verification, replay and tolerance. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningSecret, signWebhookBody, verifyWebhookSignature } from './webhook-signing.js';

const secret = 'whsec_test';
const body = '{"id":"ev_1","type":"call.missed"}';

describe('webhook signatures', () => {
  it('are sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`1760000000.${body}`).digest('hex');
    expect(signWebhookBody(secret, 1760000000, body)).toBe(`sha256=${expected}`);
  });

  it('verify with the right secret, body and a fresh timestamp', () => {
    const signature = signWebhookBody(secret, 1760000000, body);
    const ok = { secret, body, timestamp: '1760000000', signature, nowSeconds: 1760000100 };
    expect(verifyWebhookSignature(ok)).toBe(true);
    expect(verifyWebhookSignature({ ...ok, body: body.replace('missed', 'answered') })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, secret: 'whsec_other' })).toBe(false);
    // A replay with a new timestamp does not match the signature it carries.
    expect(verifyWebhookSignature({ ...ok, timestamp: '1760000090' })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, nowSeconds: 1760000000 + 301 })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, signature: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, timestamp: '17600e5' })).toBe(false);
  });

  it('secrets are long, random and recognizable', () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateSigningSecret()).not.toBe(a);
  });
});
