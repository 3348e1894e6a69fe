/**
 * Workflow actions and conditions over real HTTP against the Twilio simulator: send_sms (merge
 * fields, opt-out skipped with the reason, quiet hours), notify, set_stage against the pipeline,
 * and the conditions (tags, business hours, first-time caller).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
let seq = 0;
const nextPhone = () => `+1555021${String(1000 + seq++).padStart(4, '0')}`;
const STAFF = '+15550108000';
const api = (method: string, path: string, body?: unknown) => f.t.api(method, path, { token: f.ws.apiKey, body });
const ALL_DAY = { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] };

beforeAll(async () => {
  f = await startTwilioFixture();
  // Text-back off: the only texts in these tests are the workflows' own.
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false }, missedCallTextBack: { enabled: false } });
});
afterAll(async () => f?.close());
beforeEach(() => f.sim.clear());

let wfSeq = 0;
/** A workflow started by adding a tag unique to it; returns it and a trigger for a new contact. */
async function tagTriggered(actions: unknown[]) {
  const tag = `go-${wfSeq++}`;
  const res = await api('POST', '/api/v1/workflows', { name: `Test ${tag}`, enabled: true, trigger: { type: 'contact.tag_added', tag }, actions });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const wf = res.body;
  return {
    wf,
    async start(contact: { id: string }) {
      await api('POST', `/api/v1/contacts/${contact.id}/tags`, { tag });
      await f.t.drainJobs();
      const runs = await api('GET', `/api/v1/workflows/${wf.id}/runs?contactId=${contact.id}`);
      return runs.body.data[0];
    },
  };
}

const newContact = async (extra: Record<string, unknown> = {}) => (await api('POST', '/api/v1/contacts', { phone: nextPhone(), ...extra })).body;
const textsTo = (phone: string) => f.sim.messages.filter((m) => m.to === phone);

describe('send_sms', () => {
  it('texts the contact from the business number, with merge fields, as the workflow', async () => {
    const { start } = await tagTriggered([{ type: 'send_sms', body: 'Hi {{contact.first_name|there}}, this is {{business.name}} on our {{number.name}}.' }]);
    const c = await newContact({ name: 'Jordan Lee' });
    const run = await start(c);
    expect(run.status).toBe('completed');
    // The first text to a contact carries the workspace's opt-out line (on by default).
    expect(textsTo(c.phone)).toEqual([expect.objectContaining({ from: number.number, body: 'Hi Jordan, this is Acme Plumbing on our Main line. Reply STOP to opt out.' })]);
    const conv = (await api('GET', `/api/v1/conversations?contactId=${c.id}`)).body.data[0];
    const msgs = (await api('GET', `/api/v1/conversations/${conv.id}/messages`)).body.data;
    expect(msgs).toEqual([expect.objectContaining({ id: run.steps[0].result.messageId, author: 'workflow', direction: 'outbound' })]);
  });

  it('skips an opted-out contact with the reason, sends nothing, and the run goes on', async () => {
    const { start } = await tagTriggered([{ type: 'send_sms', body: 'A special offer!' }, { type: 'add_tag', tag: 'offered' }]);
    const c = await newContact();
    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: c.phone, to: number.number, body: 'STOP', smsUrl: number.webhooks.smsUrl });
    await f.t.drainJobs();
    expect((await api('GET', `/api/v1/contacts/${c.id}`)).body.optedOut).toBe(true);
    f.sim.clear();

    const run = await start(c);
    expect(run.status).toBe('completed');
    expect(run.steps[0]).toMatchObject({ type: 'send_sms', status: 'skipped', error: null, result: { reason: expect.stringMatching(/opted out/) } });
    expect(run.steps[1]).toMatchObject({ type: 'add_tag', status: 'completed' });
    expect(textsTo(c.phone)).toHaveLength(0);
  });

  it("waits out quiet hours in the contact's time zone, then sends once", async () => {
    // 06:00–12:00 is quiet: the fixture clock (15:00 UTC) is inside it in every US zone.
    await api('PATCH', '/api/v1/workspace', { quietHours: { enabled: true, start: '06:00', end: '12:00' } });
    try {
      const { wf, start } = await tagTriggered([{ type: 'send_sms', body: 'Good morning!' }]);
      const c = await newContact();
      const run = await start(c);
      expect(run.status).toBe('waiting');
      expect(run.steps[0]).toMatchObject({ status: 'waiting', result: { reason: expect.stringMatching(/quiet hours/) } });
      const until = Date.parse(run.steps[0].waitUntil);
      expect(until).toBeGreaterThan(f.t.clock.now());
      expect(textsTo(c.phone)).toHaveLength(0);

      f.t.clock.set(until - 1_000);
      await f.t.drainJobs();
      expect(textsTo(c.phone)).toHaveLength(0);
      f.t.clock.set(until);
      await f.t.drainJobs();
      expect(textsTo(c.phone).map((m) => m.body)).toEqual(['Good morning! Reply STOP to opt out.']);
      const after = (await api('GET', `/api/v1/workflows/${wf.id}/runs?contactId=${c.id}`)).body.data[0];
      expect(after.status).toBe('completed');
      expect(after.steps[0]).toMatchObject({ status: 'completed', attempts: 1 });
    } finally {
      await api('PATCH', '/api/v1/workspace', { quietHours: { enabled: false, start: '20:00', end: '08:00' } });
    }
  });
});

describe('notify', () => {
  it('texts the given staff phone about the contact, as the workflow', async () => {
    const { start } = await tagTriggered([{ type: 'notify', to: [STAFF], body: 'New lead on {{number.name}}: call them back' }]);
    const c = await newContact({ name: 'Robin Park' });
    const run = await start(c);
    expect(run.steps[0]).toMatchObject({ status: 'completed', result: { messageIds: [expect.stringMatching(/^msg_/)] } });
    expect(textsTo(STAFF).map((m) => m.body)).toEqual([`New lead on Main line: call them back (Robin Park, ${c.phone})`]);
    expect(textsTo(c.phone)).toHaveLength(0);
  });

  it('without `to`, texts the workspace staff numbers; with none set, is skipped with the reason', async () => {
    const { start } = await tagTriggered([{ type: 'notify', body: 'Heads up' }]);
    const run = await start(await newContact());
    expect(run.steps[0]).toMatchObject({ status: 'skipped', result: { reason: expect.stringMatching(/staffNumbers/) } });

    await api('PATCH', '/api/v1/workspace', { staffNumbers: [STAFF] });
    const c = await newContact();
    const run2 = await start(c);
    expect(run2.steps[0].status).toBe('completed');
    expect(textsTo(STAFF).map((m) => m.body)).toEqual([`Heads up (${c.phone})`]);
    await api('PATCH', '/api/v1/workspace', { staffNumbers: [] });
  });
});

describe('set_stage', () => {
  it('moves the contact (and the move triggers stage workflows); a stage gone from the pipeline fails the run', async () => {
    await api('PUT', '/api/v1/pipeline', { stages: ['New Lead', 'Quoted', 'Booked'] });
    const onBooked = await api('POST', '/api/v1/workflows', {
      name: 'Booked → tag',
      enabled: true,
      trigger: { type: 'contact.stage_changed', stage: 'Booked' },
      actions: [{ type: 'add_tag', tag: 'customer' }],
    });
    expect(onBooked.status).toBe(201);
    const { start } = await tagTriggered([{ type: 'set_stage', stage: 'Booked' }, { type: 'add_tag', tag: 'after-stage' }]);
    const c = await newContact();
    const run = await start(c);
    expect(run.steps[0]).toMatchObject({ status: 'completed', result: { stage: 'Booked', changed: true } });
    const contact = (await api('GET', `/api/v1/contacts/${c.id}`)).body;
    expect(contact.stage).toBe('Booked');
    expect(contact.tags).toEqual(expect.arrayContaining(['customer', 'after-stage']));

    await api('PUT', '/api/v1/pipeline', { stages: ['New Lead', 'Quoted'] });
    const c2 = await newContact();
    const failed = await start(c2);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/^Step 1 \(set_stage\) failed: "Booked" is not a stage of the pipeline/);
    expect(failed.steps.map((s: any) => s.status)).toEqual(['failed', 'canceled']);
    expect((await api('GET', `/api/v1/contacts/${c2.id}`)).body.stage).toBeNull();
  });
});

describe('conditions', () => {
  it('skip an action whose condition does not hold, with the reason, and run the rest', async () => {
    await api('PATCH', '/api/v1/workspace', { businessHours: ALL_DAY });
    const { start } = await tagTriggered([
      { type: 'add_tag', tag: 'is-vip', if: { hasTag: 'vip' } },
      { type: 'add_tag', tag: 'not-vip', if: { lacksTag: 'vip' } },
      { type: 'add_tag', tag: 'open', if: { businessHours: 'open' } },
      { type: 'add_tag', tag: 'closed', if: { businessHours: 'closed' } },
      { type: 'add_tag', tag: 'first', if: { firstTimeCaller: true } },
    ]);
    const c = await newContact({ tags: ['vip'] });
    const run = await start(c);
    expect(run.status).toBe('completed');
    expect(run.steps.map((s: any) => s.status)).toEqual(['completed', 'skipped', 'completed', 'skipped', 'skipped']);
    expect(run.steps[1].result.reason).toBe('Condition not met: the contact has the tag "vip"');
    expect(run.steps[3].result.reason).toBe('Condition not met: the business is open now');
    expect(run.steps[4].result.reason).toBe('Condition not met: the contact has called before');
    const tags = (await api('GET', `/api/v1/contacts/${c.id}`)).body.tags;
    expect(tags.filter((t: string) => t !== 'vip' && !t.startsWith('go-'))).toEqual(['is-vip', 'open']);
  });

  it("firstTimeCaller tells a caller's first missed call from a later one", async () => {
    const wf = (
      await api('POST', '/api/v1/workflows', {
        name: 'First-time callers',
        enabled: true,
        trigger: { type: 'call.missed', phoneNumberId: number.id },
        actions: [
          { type: 'add_tag', tag: 'first-call', if: { firstTimeCaller: true } },
          { type: 'add_tag', tag: 'called-again', if: { firstTimeCaller: false } },
        ],
      })
    ).body;
    const from = nextPhone();
    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();
    const contact = (await api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`)).body.data[0];
    expect(contact.tags).toEqual(['first-call']);

    f.t.clock.advance(60_000);
    await f.call(f.ws, number, { scenario: 'busy', from });
    await f.t.drainJobs();
    expect((await api('GET', `/api/v1/contacts/${contact.id}`)).body.tags).toEqual(['called-again', 'first-call']);
    const runs = (await api('GET', `/api/v1/workflows/${wf.id}/runs`)).body.data;
    expect(runs.map((r: any) => r.steps.map((s: any) => s.status))).toEqual([
      ['skipped', 'completed'],
      ['completed', 'skipped'],
    ]);
  });
});
