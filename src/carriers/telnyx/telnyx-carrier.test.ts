/**
 * The Telnyx adapter's own spec: Ed25519 signatures checked with the account's public key (the
 * account id), TeXML rendered with TwiML's verbs and no Polly voice, dial results read without
 * DialBridged (and a missing DialCallStatus never makes a call missed), JSON messaging events.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { CarrierWebhookRequest } from '../carrier.js';
import { getCarrier } from '../registry.js';
import { telnyxCarrier } from './telnyx-carrier.js';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64') };
}

const account = keyPair();
const creds = { accountId: account.publicKey, secret: 'KEY0123456789ABCDEF' };
const now = Date.UTC(2026, 0, 15, 15, 0, 0);

function signed(rawBody: string, params: Record<string, unknown>, key = account.privateKey, at = now): CarrierWebhookRequest {
  const ts = String(Math.floor(at / 1000));
  return {
    url: 'https://tb.example.com/webhooks/telnyx/voice',
    headers: { 'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${rawBody}`), key).toString('base64'), 'telnyx-timestamp': ts },
    params,
    query: {},
    rawBody,
    receivedAt: now,
  };
}

const form = { CallSid: 'v3:abc', From: '+15550101234', To: '+15550100000', CallStatus: 'ringing' };
const formBody = new URLSearchParams(form).toString();

describe('the Telnyx carrier adapter', () => {
  it('is registered by name', () => {
    expect(getCarrier('telnyx')).toBe(telnyxCarrier);
    expect(telnyxCarrier.secretField).toBe('apiKey');
    expect(telnyxCarrier.handlesKeywords).toBe(false);
  });

  it("accepts a TeXML webhook signed by the account's key within 5 minutes, and nothing else", () => {
    expect(telnyxCarrier.verifyWebhook(signed(formBody, form), creds)).toBe(true);
    expect(telnyxCarrier.verifyWebhook(signed(formBody, form, keyPair().privateKey), creds)).toBe(false);
    expect(telnyxCarrier.verifyWebhook(signed(formBody, form, account.privateKey, now - 301_000), creds)).toBe(false);
    expect(telnyxCarrier.verifyWebhook({ ...signed(formBody, form), rawBody: formBody.replace('ringing', 'completed') }, creds)).toBe(false);
    expect(telnyxCarrier.verifyWebhook({ ...signed(formBody, form), headers: {} }, creds)).toBe(false);
  });

  it('takes an API key and the public key; a public key that is not 32 bytes of base64 names publicKey', () => {
    expect(telnyxCarrier.parseCredentials({ apiKey: ' KEY0123456789ABCDEF ', publicKey: account.publicKey })).toEqual(creds);
    for (const publicKey of ['', 'not-base64!', Buffer.alloc(31).toString('base64'), 'KEY0123456789ABCDEF']) {
      let err: unknown;
      try {
        telnyxCarrier.parseCredentials({ apiKey: creds.secret, publicKey });
      } catch (e) {
        err = e;
      }
      expect(err, publicKey).toBeInstanceOf(ZodError);
      expect((err as ZodError).issues[0]!.path).toEqual(['publicKey']);
    }
    expect(() => telnyxCarrier.parseCredentials({ publicKey: account.publicKey })).toThrow(ZodError);
  });

  it('renders TeXML (TwiML verbs) with answerOnBridge and no Polly voice', () => {
    const dial = telnyxCarrier.renderCallPlan({ kind: 'dial', callId: 'call_1', targets: ['+15550109998'], timeoutSeconds: 20, screening: 'press-1' }, 'https://tb/webhooks/telnyx');
    expect(dial).toMatchObject({ status: 200, contentType: 'text/xml' });
    expect(dial.body).toContain('action="https://tb/webhooks/telnyx/voice/dial?call=call_1"');
    expect(dial.body).toContain('<Number url="https://tb/webhooks/telnyx/voice/screen?call=call_1">');
    const vm = telnyxCarrier.renderCallPlan({ kind: 'voicemail', callId: 'call_1', greeting: 'Leave a message', transcribe: true, maxLengthSeconds: 120 }, 'https://tb/webhooks/telnyx');
    expect(vm.body).toContain('<Say>Leave a message</Say>');
    expect(vm.body).not.toContain('Polly');
    expect(telnyxCarrier.acknowledge('incoming-text')).toEqual({ status: 204 });
    expect(telnyxCarrier.acknowledge('recording').contentType).toBe('text/xml');
  });

  it('reads dial results without DialBridged; a missing DialCallStatus counts as connected, never missed', () => {
    const r = (p: Record<string, string>): CarrierWebhookRequest => ({ url: '', headers: {}, params: p, query: {} });
    expect(telnyxCarrier.parseDialResult(r({ CallSid: 'v3:c', DialCallStatus: 'no-answer', DialBridged: 'false' }))).toEqual({ carrierCallId: 'v3:c', dialStatus: 'no-answer', bridged: undefined });
    expect(telnyxCarrier.parseDialResult(r({ CallSid: 'v3:c' }))).toEqual({ carrierCallId: 'v3:c', dialStatus: 'completed', bridged: undefined });
  });

  it('reads message.received, and tells other events apart on the inbound URL', () => {
    const ev = (event_type: string, payload: Record<string, unknown>): CarrierWebhookRequest => ({ url: '', headers: {}, params: { data: { event_type, payload } }, query: {} });
    const text = telnyxCarrier.parseIncomingText(
      ev('message.received', { id: 'm1', from: { phone_number: '+15550101234' }, to: [{ phone_number: '+15550100000' }], text: 'STOP', media: [{ url: 'https://x/a.jpg' }] }),
    );
    expect(text).toEqual({ carrierMessageId: 'm1', from: '+15550101234', to: '+15550100000', body: 'STOP', mediaUrls: ['https://x/a.jpg'] });
    const other = telnyxCarrier.parseIncomingText(ev('message.finalized', { id: 'm2', from: { phone_number: '+15550100000' }, to: [{ phone_number: '+15550101234' }] }));
    expect(other).toMatchObject({ carrierMessageId: null, to: '+15550100000', ignore: 'Telnyx event message.finalized' });
  });

  it('maps delivery events to neutral statuses with the error code', () => {
    const ev = (event_type: string, status: string, errors: unknown[] = []): CarrierWebhookRequest => ({ url: '', headers: {}, params: { data: { event_type, payload: { id: 'm1', to: [{ phone_number: '+1', status }], errors } } }, query: {} });
    expect(telnyxCarrier.parseTextStatus(ev('message.sent', 'sent'))).toEqual({ carrierMessageId: 'm1', status: 'sent', errorCode: null });
    expect(telnyxCarrier.parseTextStatus(ev('message.finalized', 'delivered'))).toEqual({ carrierMessageId: 'm1', status: 'delivered', errorCode: null });
    expect(telnyxCarrier.parseTextStatus(ev('message.finalized', 'delivery_failed', [{ code: '40001' }]))).toEqual({ carrierMessageId: 'm1', status: 'undelivered', errorCode: '40001' });
    expect(telnyxCarrier.parseTextStatus(ev('message.finalized', 'sending_failed', [{ code: 40300 }])).status).toBe('failed');
    expect(telnyxCarrier.parseTextStatus(ev('message.received', 'webhook_delivered')).status).toBeNull();
  });

  it('describes its error codes: STOP opts out, not routable is not textable, spam blocks the sender', () => {
    expect(telnyxCarrier.describeError('40300')).toMatchObject({ effect: 'opted_out', blocksSender: false });
    expect(telnyxCarrier.describeError(40001)).toMatchObject({ effect: 'not_textable' });
    expect(telnyxCarrier.describeError('40003')).toMatchObject({ blocksSender: true });
    expect(telnyxCarrier.describeError('99999').meaning).toBe('Telnyx error 99999');
  });
});
