/**
 * The SignalWire adapter's own spec: the Signing Key (not the API token) signs X-SignalWire-Signature,
 * credentials name SignalWire's own space host only, cXML without Twilio's Polly voice, Twilio-only
 * parameters (OptOutType) not trusted.
 */
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { CarrierWebhookRequest } from '../carrier.js';
import { getCarrier } from '../registry.js';
import { signalwireCarrier } from './signalwire-carrier.js';

const signingKey = 'PSK_0123456789abcdef0123456789';
const apiToken = 'PT0123456789abcdef0123456789abcdef';
const creds = { accountId: '6f1c1d2e-93a4-4b5c-8d6e-0123456789ab', secret: apiToken, extra: { spaceUrl: 'acme.signalwire.com', signingKey } };
const url = 'https://tb.example.com/webhooks/signalwire/voice';
const params = { CallSid: 'b3877c40-da60-4998-90ad-b792e98472ca', From: '+15550101234', To: '+15550100000', AccountSid: creds.accountId };

function signed(key: string, header = 'x-signalwire-signature'): CarrierWebhookRequest {
  return { url, headers: { [header]: twilio.getExpectedTwilioSignature(key, url, params) }, params, query: {} };
}

describe('the SignalWire carrier adapter', () => {
  it('is registered by name', () => {
    expect(getCarrier('signalwire')).toBe(signalwireCarrier);
  });

  it('accepts X-SignalWire-Signature made with the Signing Key, and nothing else', () => {
    expect(signalwireCarrier.verifyWebhook(signed(signingKey), creds)).toBe(true);
    // The API token does not sign webhooks; nor does a Twilio-style header count.
    expect(signalwireCarrier.verifyWebhook(signed(apiToken), creds)).toBe(false);
    expect(signalwireCarrier.verifyWebhook(signed(signingKey, 'x-twilio-signature'), creds)).toBe(false);
    expect(signalwireCarrier.verifyWebhook({ ...signed(signingKey), url: `${url}/status` }, creds)).toBe(false);
    expect(signalwireCarrier.verifyWebhook(signed(signingKey), { ...creds, extra: undefined })).toBe(false);
  });

  it('takes the project id, API token, space and Signing Key; the space must be a signalwire.com host', () => {
    const body = { projectId: creds.accountId, apiToken, spaceUrl: 'https://Acme.signalwire.com/', signingKey };
    expect(signalwireCarrier.parseCredentials(body)).toEqual({ ...creds });
    for (const spaceUrl of ['https://evil.example.com', 'acme.signalwire.com.evil.example', 'http://acme.signalwire.com', 'https://acme.signalwire.com/api', '127.0.0.1']) {
      let err: unknown;
      try {
        signalwireCarrier.parseCredentials({ ...body, spaceUrl });
      } catch (e) {
        err = e;
      }
      expect(err, spaceUrl).toBeInstanceOf(ZodError);
      expect((err as ZodError).issues[0]!.path).toEqual(['spaceUrl']);
    }
    expect(() => signalwireCarrier.parseCredentials({ ...body, projectId: `AC${'a'.repeat(32)}` })).toThrow(ZodError);
    expect(() => signalwireCarrier.parseCredentials({ ...body, signingKey: undefined })).toThrow(ZodError);
  });

  it('renders cXML (TwiML verbs) with answerOnBridge and no Polly voice', () => {
    const dial = signalwireCarrier.renderCallPlan({ kind: 'dial', callId: 'call_1', targets: ['+15550109998'], timeoutSeconds: 20, screening: 'press-1' }, 'https://tb/webhooks/signalwire');
    expect(dial.contentType).toBe('text/xml');
    expect(dial.body).toContain('answerOnBridge="true"');
    expect(dial.body).toContain('action="https://tb/webhooks/signalwire/voice/dial?call=call_1"');
    expect(dial.body).toContain('<Number url="https://tb/webhooks/signalwire/voice/screen?call=call_1">');
    const vm = signalwireCarrier.renderCallPlan({ kind: 'voicemail', callId: 'call_1', greeting: 'Leave a message', transcribe: true, maxLengthSeconds: 120 }, 'https://tb/webhooks/signalwire');
    expect(vm.body).toContain('<Say>Leave a message</Say>');
    expect(vm.body).not.toContain('Polly');
  });

  it('reads dial results without DialBridged as unknown, and ignores OptOutType', () => {
    const r = (p: Record<string, string>): CarrierWebhookRequest => ({ url, headers: {}, params: p, query: {} });
    expect(signalwireCarrier.parseDialResult(r({ CallSid: 'c1', DialCallStatus: 'no-answer' }))).toEqual({ carrierCallId: 'c1', dialStatus: 'no-answer', bridged: undefined });
    const text = signalwireCarrier.parseIncomingText(r({ MessageSid: 'm1', From: '+15550101234', To: '+15550100000', Body: 'STOP', OptOutType: 'STOP' }));
    expect(text.carrierKeyword).toBeUndefined();
    expect(signalwireCarrier.handlesKeywords).toBe(false);
  });
});
