/**
 * Issue 10 item 8, carrier hygiene on Twilio through the simulator: Retry-After honoured on 429,
 * Twilio's OptOutType honoured (custom keywords), no second HELP/START/YES reply where Twilio sends
 * its own, and the opt-out line on the first text to each contact only (on by default for new
 * workspaces, the owner can turn it off). ValidityPeriod is asserted in twilio-readiness.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let seq = 0;
const nextCaller = () => `+1555018${String(1000 + seq++).padStart(4, '0')}`;
let number: any;

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550180001', { forwardTo: ['+15550109999'], voicemail: { enabled: false }, missedCallTextBack: { cooldownMinutes: 0 } });
});
afterAll(async () => f?.close());
beforeEach(() => f.sim.clear());

const text = (from: string, body: string, extraParams: Record<string, string> = {}) =>
  f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body, smsUrl: number.webhooks.smsUrl, extraParams });

async function contactOf(phone: string) {
  const res = await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`, { token: f.ws.apiKey });
  return res.body.data[0];
}

async function missedCall(from: string) {
  await f.call(f.ws, number, { scenario: 'no-answer', from });
  await f.t.drainJobs();
  f.t.clock.advance(5 * 60_000);
  await f.t.drainJobs();
}

describe('Retry-After', () => {
  it('a 429 with Retry-After: 120 waits the two minutes before sending again', async () => {
    f.sim.failNext(1, { status: 429, retryAfter: '120' });
    const from = nextCaller();
    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(0);
    // Our own backoff would have retried within seconds; Twilio asked for 120 s.
    f.t.clock.advance(60_000);
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(0);
    f.t.clock.advance(61_000);
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.requests.filter((r) => r.path.endsWith('/Messages.json') && r.method === 'POST')).toHaveLength(2);
  });
});

describe('OptOutType and keywords Twilio answers itself', () => {
  it("a custom opt-out keyword Twilio reports as OptOutType=STOP opts the contact out, and we send nothing", async () => {
    const from = nextCaller();
    await text(from, 'ARRET', { OptOutType: 'STOP' });
    await f.t.drainJobs();
    expect((await contactOf(from)).optedOut).toBe(true);
    expect(f.sim.messages).toHaveLength(0);
    await missedCall(from);
    expect(f.sim.messages).toHaveLength(0);
  });

  it('OptOutType=START opts back in without a second confirmation', async () => {
    const from = nextCaller();
    await text(from, 'STOP', { OptOutType: 'STOP' });
    await text(from, 'REPRENDRE', { OptOutType: 'START' });
    await f.t.drainJobs();
    expect((await contactOf(from)).optedOut).toBe(false);
    expect(f.sim.messages).toHaveLength(0);
  });

  it('YES after STOP opts back in; Twilio confirms it, so we do not', async () => {
    const from = nextCaller();
    await text(from, 'STOP');
    await text(from, 'YES');
    await f.t.drainJobs();
    expect((await contactOf(from)).optedOut).toBe(false);
    expect(f.sim.messages).toHaveLength(0);
  });

  it('OptOutType=HELP gets no reply of ours', async () => {
    const from = nextCaller();
    await text(from, 'AIDE', { OptOutType: 'HELP' });
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(0);
  });
});

describe('the opt-out line', () => {
  it('is on by default for a new workspace and goes on the first text to a contact only', async () => {
    const ws = await f.t.api('GET', '/api/v1/workspace', { token: f.ws.apiKey });
    expect(ws.body.optOutFooter.enabled).toBe(true);
    const from = nextCaller();
    await missedCall(from);
    await missedCall(from);
    expect(f.sim.messages).toHaveLength(2);
    expect(f.sim.messages[0]!.body).toMatch(/Reply STOP to opt out\.$/);
    expect(f.sim.messages[1]!.body).not.toMatch(/STOP/);
  });

  it('the owner can turn it off', async () => {
    const w = await f.addWorkspace('Quiet Co');
    const n = await f.addNumber(w, '+15550180002', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const off = await f.t.api('PATCH', '/api/v1/workspace', { token: w.apiKey, body: { optOutFooter: { enabled: false, text: 'Reply STOP to opt out.' } } });
    expect(off.status).toBe(200);
    await f.call(w, n, { scenario: 'no-answer', from: nextCaller() });
    await f.t.drainJobs();
    f.t.clock.advance(5 * 60_000);
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.messages[0]!.body).not.toMatch(/STOP/);
  });
});
