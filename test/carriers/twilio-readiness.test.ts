/**
 * Issue 10 item 1 (texting readiness) and issue 15 item 10 (number squatting), on Twilio through the
 * simulator: Messaging Services and their A2P campaign status, toll-free verification, the inbound
 * routing trap, sends through a Messaging Service carrying MessagingServiceSid AND From, a number
 * paused after repeated blocking errors and resumed by the owner.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let seq = 0;
const nextNumber = () => `+1555016${String(1000 + seq++).padStart(4, '0')}`;
const nextCaller = () => `+1555017${String(1000 + seq++).padStart(4, '0')}`;

beforeAll(async () => {
  f = await startTwilioFixture();
});
afterAll(async () => f?.close());
beforeEach(() => f.sim.clear());

async function importNumber(phone: string): Promise<any> {
  const pn = f.sim.addIncomingNumber(f.ws.accountSid, phone);
  const res = await f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid: pn, forwardTo: ['+15550109999'] } });
  expect(res.status).toBe(201);
  return { ...res.body, pn };
}

const check = (number: any, id: string) => number.readiness.checks.find((c: any) => c.id === id);

async function settle() {
  await f.t.drainJobs();
  f.t.clock.advance(5 * 60_000);
  await f.t.drainJobs();
}

describe('texting readiness', () => {
  it('a number in a Messaging Service with a verified A2P campaign is ready, and its text-backs carry MessagingServiceSid and From', async () => {
    const phone = nextNumber();
    const pn = f.sim.addIncomingNumber(f.ws.accountSid, phone);
    const svc = f.sim.addMessagingService(f.ws.accountSid, { phoneNumberSids: [pn], campaignStatus: 'VERIFIED' });
    const res = await f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid: pn, forwardTo: ['+15550109999'] } });
    expect(res.status).toBe(201);
    expect(res.body.messagingServiceSid).toBe(svc.sid);
    expect(res.body.readiness.status).toBe('ready');
    expect(res.body.readiness.checks.map((c: any) => c.id)).toEqual(['messaging_service', 'a2p_campaign', 'inbound_routing']);

    const from = nextCaller();
    await f.call(f.ws, res.body, { scenario: 'no-answer', from });
    await settle();
    expect(f.sim.messages).toHaveLength(1);
    const sent = f.sim.messages[0]!;
    expect(sent.params.MessagingServiceSid).toEqual([svc.sid]);
    expect(sent.params.From).toEqual([phone]);
    // A text-back that would arrive very late is dropped by Twilio instead (15 minutes).
    expect(sent.params.ValidityPeriod).toEqual(['900']);
  });

  it('a local number outside any Messaging Service needs action, with the next step in words and a Twilio console link', async () => {
    const number = await importNumber(nextNumber());
    expect(number.readiness.status).toBe('action_needed');
    expect(number.messagingServiceSid).toBeNull();
    expect(check(number, 'messaging_service')).toMatchObject({ ok: false, message: expect.stringMatching(/A2P 10DLC/), link: expect.stringMatching(/^https:\/\/console\.twilio\.com\//) });
  });

  it('a campaign still under review, or rejected, needs action', async () => {
    for (const [status, words] of [['IN_PROGRESS', /under review/], ['FAILED', /rejected/]] as const) {
      const phone = nextNumber();
      const pn = f.sim.addIncomingNumber(f.ws.accountSid, phone);
      f.sim.addMessagingService(f.ws.accountSid, { phoneNumberSids: [pn], campaignStatus: status });
      const res = await f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid: pn, forwardTo: ['+15550109999'] } });
      expect(res.body.readiness.status).toBe('action_needed');
      expect(check(res.body, 'a2p_campaign')).toMatchObject({ ok: false, message: expect.stringMatching(words) });
    }
  });

  it('toll-free numbers need an approved verification', async () => {
    const phone = `+1888555${String(1000 + seq++).padStart(4, '0')}`;
    const number = await importNumber(phone);
    expect(check(number, 'toll_free_verification')).toMatchObject({ ok: false, message: expect.stringMatching(/not verified/) });
    f.sim.setTollfreeVerification(f.ws.accountSid, number.pn, 'TWILIO_APPROVED');
    const again = await f.t.api('POST', `/api/v1/phone-numbers/${number.id}/readiness/check`, { token: f.ws.apiKey });
    expect(again.body.readiness.status).toBe('ready');
  });

  it('detects a Messaging Service that would swallow replies, and fixes it when asked', async () => {
    const phone = nextNumber();
    const pn = f.sim.addIncomingNumber(f.ws.accountSid, phone);
    const svc = f.sim.addMessagingService(f.ws.accountSid, { phoneNumberSids: [pn], useInboundWebhookOnNumber: false });
    const res = await f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid: pn, forwardTo: ['+15550109999'] } });
    expect(res.body.readiness.status).toBe('action_needed');
    expect(check(res.body, 'inbound_routing')).toMatchObject({ ok: false, message: expect.stringMatching(/never sees them/) });

    const fixed = await f.t.api('POST', `/api/v1/phone-numbers/${res.body.id}/readiness/fix-inbound`, { token: f.ws.apiKey });
    expect(fixed.status).toBe(200);
    expect(svc.useInboundWebhookOnNumber).toBe(true);
    expect(fixed.body.readiness.status).toBe('ready');
  });

  it("Twilio failing during import leaves the number working with readiness unknown, and the daily job retries", async () => {
    f.sim.failNext(1, { status: 500 }, { path: /^\/v1\/Services$/ });
    const phone = nextNumber();
    const pn = f.sim.addIncomingNumber(f.ws.accountSid, phone);
    f.sim.addMessagingService(f.ws.accountSid, { phoneNumberSids: [pn] });
    const res = await f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid: pn, forwardTo: ['+15550109999'] } });
    expect(res.status).toBe(201);
    expect(res.body.readiness.status).toBe('unknown');
    expect(res.body.readiness.checks[0].message).toMatch(/checks again within the hour/);

    // The readiness job runs, then again an hour after an unknown answer.
    await f.t.drainJobs();
    f.t.clock.advance(61 * 60_000);
    await f.t.drainJobs();
    const later = await f.t.api('GET', `/api/v1/phone-numbers/${res.body.id}`, { token: f.ws.apiKey });
    expect(later.body.readiness.status).toBe('ready');
    expect(later.body.messagingServiceSid).toMatch(/^MG/);
  });

  it('a messagingServiceSid not shaped MG + 32 hex is a 400 naming the field, nothing stored', async () => {
    const number = await f.addNumber(f.ws, nextNumber());
    const bad = await f.t.api('PATCH', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey, body: { messagingServiceSid: 'MG123', name: 'Changed' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('messagingServiceSid');
    const after = await f.t.api('GET', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey });
    expect(after.body).toMatchObject({ messagingServiceSid: null, name: 'Main line' });
    const good = `MG${'a'.repeat(32)}`;
    const ok = await f.t.api('PATCH', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey, body: { messagingServiceSid: good } });
    expect(ok.body.messagingServiceSid).toBe(good);
  });
});

describe('pause after repeated blocking errors', () => {
  it('pauses text-back after three 30034s, records why on every call, and resumes when the owner confirms', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    for (let i = 0; i < 3; i++) {
      await f.call(f.ws, number, { scenario: 'no-answer', from: nextCaller() });
      await settle();
      const sent = f.sim.messages.at(-1)!;
      await f.sim.deliverStatus(sent.sid, 'failed', { errorCode: 30034 });
    }
    expect(f.sim.messages).toHaveLength(3);
    const paused = await f.t.api('GET', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey });
    expect(paused.body.textBackPaused).toMatchObject({ reason: expect.stringMatching(/A2P 10DLC.*30034/) });

    const caller = nextCaller();
    await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
    await settle();
    expect(f.sim.messages).toHaveLength(3);
    const calls = await f.t.api('GET', `/api/v1/calls?phoneNumberId=${number.id}`, { token: f.ws.apiKey });
    const skipped = calls.body.data.find((c: any) => c.from === caller);
    expect(skipped.textBack).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/paused/) });

    const resumed = await f.t.api('POST', `/api/v1/phone-numbers/${number.id}/resume-texting`, { token: f.ws.apiKey });
    expect(resumed.body.textBackPaused).toBeNull();
    await f.call(f.ws, number, { scenario: 'no-answer', from: nextCaller() });
    await settle();
    expect(f.sim.messages).toHaveLength(4);
  });

  it('a delivered text clears the strikes: blocking errors must come in a row', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    for (const outcome of ['failed', 'failed', 'delivered', 'failed', 'failed'] as const) {
      await f.call(f.ws, number, { scenario: 'no-answer', from: nextCaller() });
      await settle();
      const sent = f.sim.messages.at(-1)!;
      await f.sim.deliverStatus(sent.sid, outcome, outcome === 'failed' ? { errorCode: 30007 } : {});
    }
    const after = await f.t.api('GET', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey });
    expect(after.body.textBackPaused).toBeNull();
  });
});

describe('number squatting (issue 15 item 10)', () => {
  it('with Twilio connected, a number must be on that account; the sandbox is free-form', async () => {
    const notOurs = await f.t.api('POST', '/api/v1/phone-numbers', { token: f.ws.apiKey, body: { number: '+15550169999', carrier: 'twilio' } });
    expect(notOurs.status).toBe(400);
    expect(notOurs.body.error.field).toBe('number');
    expect(notOurs.body.error.message).toMatch(/not a number on your connected Twilio account/);
    const list = await f.t.api('GET', '/api/v1/phone-numbers?limit=200', { token: f.ws.apiKey });
    expect(list.body.data.some((n: any) => n.number === '+15550169999')).toBe(false);

    // Another workspace's Twilio number cannot be claimed either, by create or by import.
    const other = await f.addWorkspace('Rival');
    const theirs = f.sim.addIncomingNumber(other.accountSid, '+15550168888');
    expect((await f.t.api('POST', '/api/v1/phone-numbers', { token: f.ws.apiKey, body: { number: '+15550168888', carrier: 'twilio' } })).status).toBe(400);
    expect((await f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid: theirs, forwardTo: ['+15550109999'] } })).status).toBe(404);

    const sandbox = await f.t.api('POST', '/api/v1/phone-numbers', { token: f.ws.apiKey, body: { number: '+15550167777', carrier: 'sandbox' } });
    expect(sandbox.status).toBe(201);
    expect(sandbox.body.readiness.status).toBe('ready');
  });
});
