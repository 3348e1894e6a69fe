/**
 * Hours per number, after hours, closed dates, forwarded lines and own numbers, end to end over real
 * HTTP: signed webhooks from the Twilio call driver, the real `twilio` SDK sending to the simulator,
 * a real database (SQLite or PostgreSQL by TEST_DATABASE), the manual clock. The workspace's zone is
 * America/Chicago (UTC−6 in January); 2026-01-15 is a Thursday.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture, type TwilioWorkspace } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let seq = 0;
const nextCaller = () => `+1555015${String(1000 + seq++).padStart(4, '0')}`;
let numberSeq = 0;
const nextNumber = () => `+1555016${String(1000 + numberSeq++).padStart(4, '0')}`;

const WEEKDAYS_8_TO_5 = {
  mon: [['08:00', '17:00']],
  tue: [['08:00', '17:00']],
  wed: [['08:00', '17:00']],
  thu: [['08:00', '17:00']],
  fri: [['08:00', '17:00']],
  sat: [],
  sun: [],
};
const THURSDAY_3AM = Date.UTC(2026, 0, 15, 9, 0); // 03:00 in Chicago
const THURSDAY_10AM = Date.UTC(2026, 0, 15, 16, 0); // 10:00 in Chicago
const AFTER_HOURS_MESSAGE = "Thanks for calling {{business.name}}! We're closed now and open at 8 am. Reply here and we'll get back to you.";
const AFTER_HOURS_TEXT = "Thanks for calling Acme Plumbing! We're closed now and open at 8 am. Reply here and we'll get back to you.";
const TEMPLATE_TEXT = 'Hi! Sorry we missed your call at Acme Plumbing. How can we help? Reply here.';

beforeAll(async () => {
  f = await startTwilioFixture();
  // The opt-out line (on by default for new workspaces) is not what these tests are about: off, so
  // the bodies compare exactly with the templates.
  const res = await f.t.api('PATCH', '/api/v1/workspace', {
    token: f.ws.apiKey,
    body: { businessHours: WEEKDAYS_8_TO_5, optOutFooter: { enabled: false, text: 'Reply STOP to opt out.' } },
  });
  expect(res.status).toBe(200);
});
afterAll(async () => f?.close());

/** A new workspace with the opt-out line off, so text bodies compare exactly with the templates. */
async function addWorkspaceWithoutFooter(): Promise<TwilioWorkspace> {
  const ws = await f.addWorkspace();
  await f.t.api('PATCH', '/api/v1/workspace', { token: ws.apiKey, body: { optOutFooter: { enabled: false, text: 'Reply STOP to opt out.' } } });
  return ws;
}
beforeEach(() => f.sim.clear());

async function settle() {
  await f.t.drainJobs();
  f.t.clock.advance(5 * 60_000);
  await f.t.drainJobs();
}

async function callFrom(ws: TwilioWorkspace, from: string) {
  const res = await f.t.api('GET', '/api/v1/calls?limit=200', { token: ws.apiKey });
  const calls = res.body.data.filter((c: { from: string }) => c.from === from);
  expect(calls).toHaveLength(1);
  return calls[0];
}

const dialed = (trace: { requests: Array<{ body: string }> }) => trace.requests.some((r) => r.body.includes('<Dial'));
const leaveVoicemail = { leave: true, durationSeconds: 12 };

describe('after hours', () => {
  it('a number that does not ring after hours sends the caller straight to voicemail and texts the after-hours message', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), {
      forwardTo: ['+15550109999'],
      afterHours: { ring: false, message: AFTER_HOURS_MESSAGE },
    });
    expect(number.afterHours).toEqual({ ring: false, message: AFTER_HOURS_MESSAGE });
    f.t.clock.set(THURSDAY_3AM);
    const from = nextCaller();
    const trace = await f.call(f.ws, number, { scenario: 'answered', from, voicemail: leaveVoicemail });
    await settle();

    // Nobody's phone rang: the TwiML never dialed, the caller went to the greeting and recorded.
    expect(dialed(trace)).toBe(false);
    expect(trace.dialCallSid).toBeUndefined();
    expect(trace.recording?.durationSeconds).toBe(12);

    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.messages[0]).toMatchObject({ from: number.number, to: from, body: AFTER_HOURS_TEXT });
    const call = await callFrom(f.ws, from);
    expect(call).toMatchObject({ outcome: 'voicemail', afterHours: true, forwardedFrom: null, textBack: { status: 'sent' } });
  });

  it('the same number in hours rings and texts the usual template', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), {
      forwardTo: ['+15550109999'],
      afterHours: { ring: false, message: AFTER_HOURS_MESSAGE },
    });
    f.t.clock.set(THURSDAY_10AM);
    const from = nextCaller();
    const trace = await f.call(f.ws, number, { scenario: 'no-answer', from, voicemail: leaveVoicemail });
    await settle();
    expect(dialed(trace)).toBe(true);
    expect(f.sim.messages.map((m) => m.body)).toEqual([TEMPLATE_TEXT]);
    expect((await callFrom(f.ws, from)).afterHours).toBe(false);
  });

  it('with ring: true it still rings after hours; answered is never texted, missed gets the after-hours message', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), {
      forwardTo: ['+15550109999'],
      voicemail: { enabled: false },
      afterHours: { message: AFTER_HOURS_MESSAGE },
    });
    expect(number.afterHours).toEqual({ ring: true, message: AFTER_HOURS_MESSAGE });
    f.t.clock.set(THURSDAY_3AM);

    const answeredBy = nextCaller();
    const answered = await f.call(f.ws, number, { scenario: 'answered', from: answeredBy });
    await settle();
    expect(dialed(answered)).toBe(true);
    expect(answered.bridged).toBe(true);
    expect(f.sim.messages).toHaveLength(0);
    expect(await callFrom(f.ws, answeredBy)).toMatchObject({ outcome: 'answered', afterHours: true, textBack: { status: null } });

    f.t.clock.set(THURSDAY_3AM + 60_000);
    const missedBy = nextCaller();
    const missed = await f.call(f.ws, number, { scenario: 'no-answer', from: missedBy });
    await settle();
    expect(dialed(missed)).toBe(true);
    expect(f.sim.messages.map((m) => m.body)).toEqual([AFTER_HOURS_TEXT]);
  });

  it("a number's own hours replace the workspace's", async () => {
    // Open Saturdays only: Thursday 10:00 is inside the workspace's hours but outside this number's.
    const number = await f.addNumber(f.ws, nextNumber(), {
      forwardTo: ['+15550109999'],
      hours: { sat: [['09:00', '13:00']] },
      afterHours: { ring: false, message: AFTER_HOURS_MESSAGE },
    });
    expect(number.hours).toMatchObject({ sat: [['09:00', '13:00']], thu: [] });
    f.t.clock.set(THURSDAY_10AM);
    const from = nextCaller();
    const trace = await f.call(f.ws, number, { scenario: 'answered', from, voicemail: leaveVoicemail });
    await settle();
    expect(dialed(trace)).toBe(false);
    expect(f.sim.messages.map((m) => m.body)).toEqual([AFTER_HOURS_TEXT]);

    // Back to the workspace's hours (null): the same moment is in hours, and the phones ring.
    const patched = await f.t.api('PATCH', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey, body: { hours: null } });
    expect(patched.status).toBe(200);
    expect(patched.body.hours).toBeNull();
    f.sim.clear();
    const again = await f.call(f.ws, patched.body, { scenario: 'answered', from: nextCaller() });
    await settle();
    expect(dialed(again)).toBe(true);
    expect(f.sim.messages).toHaveLength(0);
  });

  it('a closed date is outside hours all day', async () => {
    const ws = await addWorkspaceWithoutFooter();
    const res = await f.t.api('PATCH', '/api/v1/workspace', {
      token: ws.apiKey,
      body: { businessHours: WEEKDAYS_8_TO_5, closedDates: ['2026-12-25', '2026-01-15'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.closedDates).toEqual(['2026-01-15', '2026-12-25']);
    const number = await f.addNumber(ws, nextNumber(), { forwardTo: ['+15550109999'], afterHours: { ring: false, message: AFTER_HOURS_MESSAGE } });
    f.t.clock.set(THURSDAY_10AM);
    const from = nextCaller();
    const trace = await f.call(ws, number, { scenario: 'answered', from, voicemail: leaveVoicemail });
    await settle();
    expect(dialed(trace)).toBe(false);
    expect(f.sim.messages.map((m) => m.body)).toEqual([AFTER_HOURS_TEXT]);
    expect(await callFrom(ws, from)).toMatchObject({ outcome: 'voicemail', afterHours: true });
  });

  it('hours never set are never "after hours": the phones ring at 3 am', async () => {
    const ws = await addWorkspaceWithoutFooter();
    expect((await f.t.api('GET', '/api/v1/workspace', { token: ws.apiKey })).body).toMatchObject({ businessHours: null, closedDates: [], ownNumbers: [] });
    const number = await f.addNumber(ws, nextNumber(), { forwardTo: ['+15550109999'], afterHours: { ring: false, message: AFTER_HOURS_MESSAGE } });
    f.t.clock.set(THURSDAY_3AM);
    const from = nextCaller();
    const trace = await f.call(ws, number, { scenario: 'no-answer', from, voicemail: leaveVoicemail });
    await settle();
    expect(dialed(trace)).toBe(true);
    expect(f.sim.messages.map((m) => m.body)).toEqual([TEMPLATE_TEXT]);
    expect((await callFrom(ws, from)).afterHours).toBe(false);
  });
});

describe('forwarded lines', () => {
  const MAIN_LINE = '+15550107000';

  it('greets, takes a voicemail, stores ForwardedFrom and texts once from this number, however often Twilio retries', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), { mode: 'forwarded', forwardTo: ['+15550109999'] });
    expect(number.mode).toBe('forwarded');
    f.t.clock.set(THURSDAY_10AM);
    const from = nextCaller();
    const trace = await f.call(f.ws, number, {
      scenario: 'answered',
      from,
      voicemail: leaveVoicemail,
      deliveries: 3,
      extraParams: { ForwardedFrom: MAIN_LINE },
    });
    await settle();

    // The business's own line already rang: nothing rings again, the caller hears the greeting.
    expect(dialed(trace)).toBe(false);
    expect(trace.requests[0]!.body).toContain("You've reached Acme Plumbing");
    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.messages[0]).toMatchObject({ from: number.number, to: from, body: TEMPLATE_TEXT });
    const call = await callFrom(f.ws, from);
    expect(call).toMatchObject({ outcome: 'voicemail', forwardedFrom: MAIN_LINE, textBack: { status: 'sent' } });
  });

  it('a phone system that rewrote the caller ID to the line that forwarded is not texted', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), { mode: 'forwarded' });
    f.t.clock.set(THURSDAY_10AM);
    await f.call(f.ws, number, { scenario: 'answered', from: MAIN_LINE, extraParams: { ForwardedFrom: '(555) 010-7000' } });
    await settle();
    expect(f.sim.messages).toHaveLength(0);
    const call = await callFrom(f.ws, MAIN_LINE);
    expect(call.forwardedFrom).toBe(MAIN_LINE);
    expect(call.textBack).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/own line that forwarded/) });
  });
});

describe('own numbers', () => {
  it('a call from one of the business’s own numbers is never texted, with the reason in words', async () => {
    const ws = await f.addWorkspace();
    const own = '+15550107100';
    const res = await f.t.api('PATCH', '/api/v1/workspace', { token: ws.apiKey, body: { ownNumbers: ['+1 (555) 010-7100', own] } });
    expect(res.status).toBe(200);
    expect(res.body.ownNumbers).toEqual([own]);
    f.t.clock.set(THURSDAY_10AM);
    // A workflow that texts every missed caller skips them too.
    const wf = await f.t.api('POST', '/api/v1/workflows', {
      token: ws.apiKey,
      body: { name: 'Text missed callers', enabled: true, trigger: { type: 'call.missed' }, actions: [{ type: 'send_sms', body: 'We saw your call!' }] },
    });
    expect(wf.status, JSON.stringify(wf.body)).toBe(201);
    const ringing = await f.addNumber(ws, nextNumber(), { forwardTo: ['+15550109999'] });
    const forwarded = await f.addNumber(ws, nextNumber(), { mode: 'forwarded' });
    await f.call(ws, ringing, { scenario: 'no-answer', from: own });
    f.t.clock.advance(60_000);
    await f.call(ws, forwarded, { scenario: 'answered', from: own, extraParams: { ForwardedFrom: '+15550107999' } });
    await settle();
    expect(f.sim.messages).toHaveLength(0);
    const calls = (await f.t.api('GET', '/api/v1/calls?limit=200', { token: ws.apiKey })).body.data.filter((c: any) => c.from === own);
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c.outcome).toBe('missed');
      expect(c.textBack).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/own numbers/) });
    }
    const runs = (await f.t.api('GET', `/api/v1/workflows/${wf.body.id}/runs`, { token: ws.apiKey })).body.data;
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(run.steps[0]).toMatchObject({ type: 'send_sms', status: 'skipped', result: { reason: expect.stringMatching(/own numbers/) } });
  });
});

describe('bad input: 400 naming the field, nothing stored', () => {
  it('on the number', async () => {
    const number = await f.addNumber(f.ws, nextNumber(), { forwardTo: ['+15550109999'] });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ mode: 'pbx' }, 'mode'],
      [{ hours: { mon: [['08:00', '12:00'], ['11:00', '17:00']] } }, 'hours.mon'],
      [{ hours: { tue: [['8am', '5pm']] } }, 'hours.tue.0.0'],
      [{ hours: { monday: [['08:00', '17:00']] } }, 'hours.monday'],
      [{ hours: { wed: [['17:00', '08:00']] } }, 'hours.wed.0'],
      [{ afterHours: { ring: 'yes' } }, 'afterHours.ring'],
      [{ afterHours: { message: 'Hi {{business.nmae}}' } }, 'afterHours.message'],
      [{ afterHours: { message: '' } }, 'afterHours.message'],
      [{ mode: 'forwarded', hours: { fri: [['09:00', '25:00']] } }, 'hours.fri.0.1'],
    ];
    for (const [body, field] of cases) {
      const res = await f.t.api('PATCH', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const after = await f.t.api('GET', `/api/v1/phone-numbers/${number.id}`, { token: f.ws.apiKey });
    expect(after.body).toMatchObject({ mode: 'ring', hours: null, afterHours: { ring: true, message: null } });
    const create = await f.t.api('POST', '/api/v1/phone-numbers', { token: f.ws.apiKey, body: { number: nextNumber(), mode: 'forward' } });
    expect(create.status).toBe(400);
    expect(create.body.error.field).toBe('mode');
  });

  it('on the workspace', async () => {
    const ws = await f.addWorkspace();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ businessHours: { mon: [['08:00', '12:00'], ['09:00', '10:00']] } }, 'businessHours.mon'],
      [{ businessHours: { sat: [['9', '13']] } }, 'businessHours.sat.0.0'],
      [{ closedDates: ['2026-02-30'] }, 'closedDates.0'],
      [{ closedDates: ['2026-12-25', '12/26/2026'] }, 'closedDates.1'],
      [{ closedDates: ['2026-12-25', '2026-12-25'] }, 'closedDates.1'],
      [{ ownNumbers: ['call me maybe'] }, 'ownNumbers.0'],
      [{ ownNumbers: ['+15550107100', '12'] }, 'ownNumbers.1'],
      [{ closedDates: ['2026-12-25'], ownNumbers: ['nope'] }, 'ownNumbers.0'],
    ];
    for (const [body, field] of cases) {
      const res = await f.t.api('PATCH', '/api/v1/workspace', { token: ws.apiKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const after = await f.t.api('GET', '/api/v1/workspace', { token: ws.apiKey });
    expect(after.body).toMatchObject({ businessHours: null, closedDates: [], ownNumbers: [] });
  });
});
