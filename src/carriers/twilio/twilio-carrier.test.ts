/**
 * The Twilio adapter's own spec (the model: one spec per carrier folder): real signatures from the
 * official SDK, Twilio's parameter names, TwiML, error meanings, the host rewrite and Retry-After.
 */
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import type { CarrierWebhookRequest } from '../carrier.js';
import { findCarrier, getCarrier } from '../registry.js';
import { twilioCarrier } from './twilio-carrier.js';
import { retryAfterMs } from '../retry-after.js';
import { rewriteTwilioUrl } from './twilio-rest-client.js';

const token = '0123456789abcdef0123456789abcdef';
const creds = { accountId: `AC${'a'.repeat(32)}`, secret: token };

function signed(url: string, params: Record<string, string>, sig?: string): CarrierWebhookRequest {
  return {
    url,
    headers: { 'x-twilio-signature': sig ?? twilio.getExpectedTwilioSignature(token, url, params) },
    params,
    query: {},
  };
}

describe('the Twilio carrier adapter', () => {
  it('is registered by name, next to the sandbox', () => {
    expect(getCarrier('twilio')).toBe(twilioCarrier);
    expect(findCarrier('sandbox')?.numbersBelongToAccount).toBe(false);
    expect(findCarrier('toString')).toBeUndefined();
  });

  it('accepts a correctly signed webhook and refuses a forged or unsigned one', () => {
    const params = { CallSid: 'CA1', From: '+15550101234', To: '+15550100000' };
    const url = 'https://tb.example.com/webhooks/twilio/voice';
    expect(twilioCarrier.verifyWebhook(signed(url, params), creds)).toBe(true);
    expect(twilioCarrier.verifyWebhook(signed(url, params, 'forged'), creds)).toBe(false);
    expect(twilioCarrier.verifyWebhook({ ...signed(url, params), headers: {} }, creds)).toBe(false);
    // The signature covers the URL: the same body signed for another URL does not pass.
    expect(twilioCarrier.verifyWebhook({ ...signed(url, params), url: `${url}/status` }, creds)).toBe(false);
  });

  it('accepts a webhook signed over a URL with a port, and one signed with the port Twilio may add or drop', () => {
    const params = { CallSid: 'CA1', From: '+15550101234', To: '+15550100000' };
    const withPort = 'http://tb.example.com:3000/webhooks/twilio/voice';
    expect(twilioCarrier.verifyWebhook(signed(withPort, params), creds)).toBe(true);
    expect(twilioCarrier.verifyWebhook(signed(withPort, params, 'forged'), creds)).toBe(false);
    // Twilio signs https URLs without the default port; the helper's variants still accept it.
    const https = 'https://tb.example.com/webhooks/twilio/voice';
    const signedWithDefaultPort = twilio.getExpectedTwilioSignature(token, 'https://tb.example.com:443/webhooks/twilio/voice', params);
    expect(twilioCarrier.verifyWebhook(signed(https, params, signedWithDefaultPort), creds)).toBe(true);
    expect(twilioCarrier.verifyWebhook({ ...signed(withPort, params), url: 'http://tb.example.com:3001/webhooks/twilio/voice' }, creds)).toBe(false);
  });

  it('parses an incoming call with ForwardedFrom, and a dial result with DialBridged', () => {
    const call = twilioCarrier.parseIncomingCall(signed('u', { CallSid: 'CA1', From: '+15550101234', To: '+15550100000', ForwardedFrom: '+15550109999' }));
    expect(call).toEqual({ carrierCallId: 'CA1', from: '+15550101234', to: '+15550100000', forwardedFrom: '+15550109999' });
    expect(twilioCarrier.parseIncomingCall(signed('u', { From: '+1555' }))).toBeNull();
    expect(twilioCarrier.parseDialResult(signed('u', { CallSid: 'CA1', DialCallStatus: 'completed', DialBridged: 'false' }))).toEqual({
      carrierCallId: 'CA1',
      dialStatus: 'completed',
      bridged: false,
    });
  });

  it("reads Twilio's OptOutType on an inbound text", () => {
    const text = twilioCarrier.parseIncomingText(signed('u', { MessageSid: 'SM1', From: '+15550101234', To: '+15550100000', Body: 'cancel please', OptOutType: 'STOP' }));
    expect(text.carrierKeyword).toBe('stop');
    expect(twilioCarrier.parseIncomingText(signed('u', { MessageSid: 'SM2', Body: 'hi' })).carrierKeyword).toBeUndefined();
  });

  it('renders a call plan as TwiML and acknowledges texts with empty TwiML, statuses with 204', () => {
    const res = twilioCarrier.renderCallPlan({ kind: 'dial', callId: 'call_1', targets: ['+15550109998'], timeoutSeconds: 20, screening: 'none' }, 'https://tb/webhooks/twilio');
    expect(res.contentType).toBe('text/xml');
    expect(res.body).toContain('<Dial action="https://tb/webhooks/twilio/voice/dial?call=call_1"');
    expect(twilioCarrier.acknowledge('incoming-text')).toMatchObject({ status: 200, contentType: 'text/xml' });
    expect(twilioCarrier.acknowledge('text-status')).toEqual({ status: 204 });
  });

  it('says which errors block the sender and which are only a strike', () => {
    for (const code of ['30034', '30032', '30007']) expect(twilioCarrier.describeError(code).blocksSender).toBe(true);
    expect(twilioCarrier.describeError('30003')).toMatchObject({ effect: 'not_textable', strike: true, blocksSender: false });
    expect(twilioCarrier.describeError('21610').effect).toBe('opted_out');
  });

  it('sends every Twilio host to TWILIO_API_URL, same path', () => {
    const base = 'http://127.0.0.1:4010';
    expect(rewriteTwilioUrl('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', base)).toBe(`${base}/2010-04-01/Accounts/AC1/Messages.json`);
    expect(rewriteTwilioUrl('https://messaging.twilio.com/v1/Services/MG1/PhoneNumbers', base)).toBe(`${base}/v1/Services/MG1/PhoneNumbers`);
    expect(rewriteTwilioUrl('https://lookups.twilio.com/v2/PhoneNumbers/+15550101234?Fields=line_type_intelligence', base)).toBe(
      `${base}/v2/PhoneNumbers/+15550101234?Fields=line_type_intelligence`,
    );
    expect(rewriteTwilioUrl('https://example.com/x', base)).toBe('https://example.com/x');
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
