/**
 * Issue 10 items 2 and 5 on Twilio through the simulator: an import says where calls go (the phones
 * Textback rings) and is refused without it; the number's VoiceFallbackUrl then points at Twilio's
 * own Simulring Twimlet ringing the same phones, and follows later changes of the phones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;

beforeAll(async () => {
  f = await startTwilioFixture();
});
afterAll(async () => f?.close());

const importBody = (sid: string, extra: Record<string, unknown> = {}) =>
  f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid, ...extra } });

describe('import asks where calls go', () => {
  it('is refused (400 naming forwardTo, nothing stored, Twilio untouched) when it does not say', async () => {
    const sid = f.sim.addIncomingNumber(f.ws.accountSid, '+15550220001');
    const res = await importBody(sid);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('forwardTo');
    expect(res.body.error.message).toMatch(/forwarded calls/);
    const list = await f.t.api('GET', '/api/v1/carriers/twilio/numbers', { token: f.ws.apiKey });
    expect(list.body.data.find((n: any) => n.sid === sid).imported).toBe(false);
    expect(f.sim.incomingNumbers(f.ws.accountSid).find((n) => n.sid === sid)!.voiceUrl).toBe('');
  });

  it('bad phones are a 400 naming forwardTo', async () => {
    const sid = f.sim.addIncomingNumber(f.ws.accountSid, '+15550220002');
    const res = await importBody(sid, { forwardTo: ['call my cell'] });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toMatch(/^forwardTo/);
  });

  it('rings the phones it was given, and Twilio itself rings them when Textback does not answer', async () => {
    const sid = f.sim.addIncomingNumber(f.ws.accountSid, '+15550220003');
    const res = await importBody(sid, { forwardTo: ['+15550229991', '+15550229992'], ringTimeoutSeconds: 25 });
    expect(res.status).toBe(201);
    expect(res.body.forwardTo).toEqual(['+15550229991', '+15550229992']);
    const onTwilio = f.sim.incomingNumbers(f.ws.accountSid).find((n) => n.sid === sid)!;
    const fallback = new URL(onTwilio.voiceFallbackUrl);
    expect(`${fallback.origin}${fallback.pathname}`).toBe('https://twimlets.com/simulring');
    expect(fallback.searchParams.get('PhoneNumbers[0]')).toBe('+15550229991');
    expect(fallback.searchParams.get('PhoneNumbers[1]')).toBe('+15550229992');
    expect(fallback.searchParams.get('Timeout')).toBe('25');

    // A change of phones reaches Twilio's fallback too.
    await f.t.api('PATCH', `/api/v1/phone-numbers/${res.body.id}`, { token: f.ws.apiKey, body: { forwardTo: ['+15550229993'] } });
    const after = new URL(f.sim.incomingNumbers(f.ws.accountSid).find((n) => n.sid === sid)!.voiceFallbackUrl);
    expect(after.searchParams.getAll('PhoneNumbers[0]')).toEqual(['+15550229993']);
    expect(after.searchParams.has('PhoneNumbers[1]')).toBe(false);
  });
});

describe('import as a forwarded line', () => {
  it('needs no phones: the number takes forwarded calls, and Twilio gets no fallback to ring', async () => {
    const sid = f.sim.addIncomingNumber(f.ws.accountSid, '+15550220004');
    const res = await importBody(sid, { mode: 'forwarded' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mode: 'forwarded', forwardTo: [] });
    const onTwilio = f.sim.incomingNumbers(f.ws.accountSid).find((n) => n.sid === sid)!;
    expect(onTwilio.voiceUrl).toBe(res.body.webhooks.voiceUrl);
    expect(onTwilio.voiceFallbackUrl).toBe('');
  });
});

describe('PUBLIC_URL the carrier cannot reach', () => {
  it('is warned about once a real carrier number exists (tests run on a loopback PUBLIC_URL)', async () => {
    const fresh = await f.addWorkspace('Warn Co');
    expect((await f.t.api('GET', '/api/v1/warnings', { token: fresh.apiKey })).body.data).toEqual([]);
    await f.t.api('POST', '/api/v1/phone-numbers', { token: fresh.apiKey, body: { number: '+15550220009', carrier: 'sandbox' } });
    expect((await f.t.api('GET', '/api/v1/warnings', { token: fresh.apiKey })).body.data).toEqual([]);
    await f.addNumber(fresh, '+15550220010');
    const warnings = (await f.t.api('GET', '/api/v1/warnings', { token: fresh.apiKey })).body.data;
    expect(warnings).toEqual([{ id: 'public_url_private', message: expect.stringMatching(/loopback.*Twilio cannot reach it/) }]);
  });
});
