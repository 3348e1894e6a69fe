/**
 * Issue 10 item 6: landlines. With the workspace's line-type check on (off by default), a Lookup v2
 * line_type_intelligence query before the first text to a new number, cached 90 days; landline,
 * toll-free, premium, pager and voicemail-only numbers get no text, a reason in words and a
 * "call back" item for staff. A single 30003 is a strike, not a permanent "not textable".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture, type TwilioWorkspace } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let w: TwilioWorkspace;
let number: any;
let seq = 0;
const nextCaller = () => `+1555021${String(1000 + seq++).padStart(4, '0')}`;

beforeAll(async () => {
  f = await startTwilioFixture();
  w = await f.addWorkspace('Landline Plumbing');
  await f.t.api('PATCH', '/api/v1/workspace', { token: w.apiKey, body: { lineTypeCheck: { enabled: true }, staffNumbers: ['+15550219999'] } });
  number = await f.addNumber(w, '+15550210001', { forwardTo: ['+15550109999'], voicemail: { enabled: false }, missedCallTextBack: { cooldownMinutes: 0 } });
});
afterAll(async () => f?.close());
beforeEach(() => f.sim.clear());

const lookups = () => f.sim.requests.filter((r) => r.path.startsWith('/v2/PhoneNumbers/'));

async function missedCall(ws: TwilioWorkspace, n: any, from: string) {
  await f.call(ws, n, { scenario: 'no-answer', from });
  await f.t.drainJobs();
  f.t.clock.advance(5 * 60_000);
  await f.t.drainJobs();
}

async function lastCall(ws: TwilioWorkspace, from: string) {
  const res = await f.t.api('GET', '/api/v1/calls?limit=200', { token: ws.apiKey });
  return res.body.data.find((c: any) => c.from === from);
}

describe('line type check', () => {
  it('is off by default: no lookup is paid for', async () => {
    const ws = await f.t.api('GET', '/api/v1/workspace', { token: f.ws.apiKey });
    expect(ws.body.lineTypeCheck).toEqual({ enabled: false });
    const n = await f.addNumber(f.ws, '+15550210002', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const from = nextCaller();
    f.sim.setLineType(from, 'landline');
    await missedCall(f.ws, n, from);
    expect(lookups()).toHaveLength(0);
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
  });

  it('a landline gets no text, a reason in words, and becomes a call-back item for staff', async () => {
    const from = nextCaller();
    f.sim.setLineType(from, 'landline');
    await missedCall(w, number, from);
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(0);
    const call = await lastCall(w, from);
    expect(call.textBack).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/landline.*call them back/) });
    const contact = (await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`, { token: w.apiKey })).body.data[0];
    expect(contact.tags).toContain('call-back');
    const toStaff = f.sim.messages.filter((m) => m.to === '+15550219999');
    expect(toStaff).toHaveLength(1);
    expect(toStaff[0]!.body).toContain(from);
  });

  it.each([['tollFree'], ['premium'], ['pager'], ['voicemail']])('%s numbers are skipped too', async (type) => {
    const from = nextCaller();
    f.sim.setLineType(from, type);
    await missedCall(w, number, from);
    expect((await lastCall(w, from)).textBack.status).toBe('skipped');
  });

  it('a mobile number is texted; the answer is cached for 90 days', async () => {
    const from = nextCaller();
    f.sim.setLineType(from, 'mobile');
    await missedCall(w, number, from);
    await missedCall(w, number, from);
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(2);
    expect(lookups().filter((r) => r.path.includes(encodeURIComponent(from)) || r.path.includes(from))).toHaveLength(1);
    f.t.clock.advance(91 * 24 * 60 * 60_000);
    await missedCall(w, number, from);
    expect(lookups().filter((r) => r.path.includes(encodeURIComponent(from)) || r.path.includes(from))).toHaveLength(2);
  });

  it('a lookup that fails or does not know sends the text anyway', async () => {
    const failing = nextCaller();
    f.sim.failNext(1, { status: 500 }, { path: /^\/v2\/PhoneNumbers\// });
    await missedCall(w, number, failing);
    expect(f.sim.messages.filter((m) => m.to === failing)).toHaveLength(1);
    const unknown = nextCaller();
    f.sim.setLineType(unknown, null);
    await missedCall(w, number, unknown);
    expect(f.sim.messages.filter((m) => m.to === unknown)).toHaveLength(1);
  });
});

describe('30003', () => {
  it('one undelivered 30003 is a strike; three in a row make the contact not textable; a delivery clears them', async () => {
    const n = await f.addNumber(f.ws, '+15550210003', { forwardTo: ['+15550109999'], voicemail: { enabled: false }, missedCallTextBack: { cooldownMinutes: 0 } });
    const from = nextCaller();
    const contactOf = async () => (await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`, { token: f.ws.apiKey })).body.data[0];
    const outcomes = [30003, 30003, null, 30003, 30003] as const;
    for (const code of outcomes) {
      await missedCall(f.ws, n, from);
      const sent = f.sim.messages.at(-1)!;
      await f.sim.deliverStatus(sent.sid, code ? 'undelivered' : 'delivered', code ? { errorCode: code } : {});
      expect((await contactOf()).textable).toBe(true);
    }
    await missedCall(f.ws, n, from);
    await f.sim.deliverStatus(f.sim.messages.at(-1)!.sid, 'undelivered', { errorCode: 30003 });
    const contact = await contactOf();
    expect(contact.textable).toBe(false);
    expect(contact.notTextableReason).toMatch(/30003/);
  });
});
