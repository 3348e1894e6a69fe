/**
 * NUL characters (\u0000) in the ids and numbers of carrier webhooks. PostgreSQL text cannot hold
 * them, so before this check a correctly signed webhook with one in a CallSid, MessageSid, From or
 * To could end in a 500. Free text (a body, a transcription) is stored without the NUL
 * (nul-bytes.test.ts); an id or a number is refused with a 400 naming it and nothing is stored:
 * no carrier sends one (their ids have fixed formats), and storing it stripped would make an id
 * that is not the carrier's, which later callbacks and the once-per-call guard would not match.
 * A NUL in our own id in the callback URL (unsigned lookups) is a 403 like any unknown id.
 * Runs for Twilio and SignalWire (same route shapes) and for the PBX's /api/v1/call-events, on
 * both databases.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { postTwilioWebhook } from '../support/twilio-webhook-client.js';
import { startCarrierFixture, type SimulatedCarrier, type TwilioFixture } from '../support/twilio-fixture.js';

const NUL = '\u0000';

describe.each<'twilio' | 'signalwire'>(['twilio', 'signalwire'])('%s webhooks with a NUL in an id or a number', (carrier) => {
  let f: TwilioFixture;
  let number: any;
  let seq = 0;
  const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
  const caller = () => `+1555011${String(1000 + seq++).padStart(4, '0')}`;
  const post = (url: string, params: Record<string, string>, signature?: string) =>
    postTwilioWebhook(url, { AccountSid: f.ws.accountSid, ...params }, {
      authToken: f.ws.webhookKey ?? f.ws.authToken,
      ...(carrier === 'signalwire' ? { signatureHeader: 'X-SignalWire-Signature' } : {}),
      ...(signature ? { signature } : {}),
    });
  const stored = async () => ({
    calls: await f.t.runtime.ctx.db.selectFrom('calls').select('carrier_call_id').execute(),
    messages: await f.t.runtime.ctx.db.selectFrom('messages').select('carrier_message_id').execute(),
    contacts: await f.t.runtime.ctx.db.selectFrom('contacts').select('phone').execute(),
  });

  beforeAll(async () => {
    f = await startCarrierFixture(carrier);
    number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: true, transcribe: true } });
  });
  afterAll(async () => f?.close());

  const incomingCalls: Array<[field: string, params: () => Record<string, string>]> = [
    ['CallSid', () => ({ CallSid: `CA12${NUL}34`, From: caller(), To: number.number })],
    ['From', () => ({ CallSid: sid('CA'), From: `+1555${NUL}0101234`, To: number.number })],
    ['ForwardedFrom', () => ({ CallSid: sid('CA'), From: caller(), To: number.number, ForwardedFrom: `+1555${NUL}0107000` })],
  ];
  it.each(incomingCalls)('an incoming call with a NUL in %s: 400 naming it, nothing stored', async (field, params) => {
    const before = await stored();
    const res = await post(number.webhooks.voiceUrl, { CallStatus: 'ringing', Direction: 'inbound', ...params() });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'invalid_request', field });
    expect(JSON.parse(res.body).error.message).toContain('NUL');
    expect(await stored()).toEqual(before);
  });

  it('a call status with a NUL in CallSid: 400, nothing stored', async () => {
    const before = await stored();
    const res = await post(number.webhooks.voiceStatusUrl, { CallSid: `CA${NUL}`, From: caller(), To: number.number, CallStatus: 'no-answer', Direction: 'inbound' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ field: 'CallSid' });
    expect(await stored()).toEqual(before);
  });

  it('a To with a NUL names no number of ours: 403, nothing stored', async () => {
    const before = await stored();
    const res = await post(number.webhooks.voiceUrl, { CallSid: sid('CA'), From: caller(), To: `${number.number}${NUL}`, CallStatus: 'ringing' });
    expect(res.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });

  const incomingTexts: Array<[field: string, params: () => Record<string, string>]> = [
    ['MessageSid', () => ({ MessageSid: `SM${NUL}1`, From: caller(), To: number.number, Body: 'hi' })],
    ['From', () => ({ MessageSid: sid('SM'), From: `+1555${NUL}0101234`, To: number.number, Body: 'hi' })],
    ['MediaUrl0', () => ({ MessageSid: sid('MM'), From: caller(), To: number.number, Body: 'hi', NumMedia: '1', MediaUrl0: `https://api.twilio.com/x${NUL}` })],
  ];
  it.each(incomingTexts)('an incoming text with a NUL in %s: 400 naming it, nothing stored', async (field, params) => {
    const before = await stored();
    const res = await post(number.webhooks.smsUrl, params());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'invalid_request', field });
    expect(await stored()).toEqual(before);
  });

  it('callbacks naming our call or message with a NUL id: 403 (an unknown id), never 500', async () => {
    const base = f.t.url.replace(/\/$/, '');
    for (const path of ['voice/dial?call=', 'voice/screen?call=', 'voice/voicemail?call=', 'voice/transcription?call=', 'sms/status?m=']) {
      const res = await post(`${base}/webhooks/${carrier}/${path}ca_%00`, { CallSid: sid('CA'), MessageSid: sid('SM'), MessageStatus: 'delivered' });
      expect(res.statusCode, path).toBe(403);
    }
  });

  it('a callback for a real call naming a CallSid with a NUL: refused, the call unchanged', async () => {
    const callSid = sid('CA');
    const voice = await post(number.webhooks.voiceUrl, { CallSid: callSid, From: caller(), To: number.number, CallStatus: 'ringing', Direction: 'inbound' });
    expect(voice.statusCode).toBe(200);
    const call = await f.t.runtime.ctx.db.selectFrom('calls').selectAll().where('carrier_call_id', '=', callSid).executeTakeFirstOrThrow();
    const base = f.t.url.replace(/\/$/, '');
    const res = await post(`${base}/webhooks/${carrier}/voice/dial?call=${call.id}`, { CallSid: `${callSid}${NUL}`, DialCallStatus: 'no-answer' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const after = await f.t.runtime.ctx.db.selectFrom('calls').selectAll().where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(after).toEqual(call);
  });
});

describe('PBX call events with a NUL in a field', () => {
  let f: TwilioFixture;
  let secret: string;
  let number: any;

  beforeAll(async () => {
    f = await startCarrierFixture('twilio', { clock: new ManualClock(Date.parse('2026-05-01T14:05:00Z')) });
    secret = (await f.t.api('POST', '/api/v1/call-events/secret', { token: f.ws.apiKey })).body.secret;
    number = await f.addNumber(f.ws, '+15550100002', { forwardTo: ['+15550109999'] });
  });
  afterAll(async () => f?.close());

  async function report(event: Record<string, unknown>) {
    const body = JSON.stringify(event);
    const ts = String(Math.floor(f.t.clock.now() / 1000));
    const sig = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    const res = await fetch(`${f.t.url}/api/v1/call-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-textback-timestamp': ts, 'x-textback-signature': `sha256=${sig}` },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  const cases: Array<[field: string, patch: Record<string, string>]> = [
    ['id', { id: `pbx-1${NUL}` }],
    ['from', { from: `+1555${NUL}0101234` }],
    ['forwardedFrom', { forwardedFrom: `+1555${NUL}0107000` }],
  ];
  it.each(cases)('a signed report with a NUL in %s: 400 naming it, nothing stored', async (field, patch) => {
    const res = await report({ id: 'pbx-call-1', from: '+15550101234', to: number.number, status: 'missed', at: '2026-05-01T14:03:00Z', ...patch });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
    expect(res.body.error.message).toContain('NUL');
    expect(await f.t.runtime.ctx.db.selectFrom('calls').select('id').execute()).toEqual([]);
  });

  it('a NUL in to names no number of ours: 401 like any unknown number', async () => {
    const res = await report({ id: 'pbx-call-2', from: '+15550101234', to: `${number.number}${NUL}`, status: 'missed', at: '2026-05-01T14:03:00Z' });
    expect(res.status).toBe(401);
  });
});
