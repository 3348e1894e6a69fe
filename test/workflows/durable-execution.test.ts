/**
 * Durable execution over real HTTP: a run's state lives in the database, so a wait survives a
 * process restart (a delayed job, not a timer), a run whose worker died mid-step resumes after the
 * lease expires, and a step that completed is never run again, even when its job is redelivered
 * (a send_sms is never sent twice). Time moves with the shared ManualClock, never with sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let database: TestDatabase;
let f: TwilioFixture;
/** The running app: replaced by every restart. */
let t: TestApp;
const stopped: TestApp[] = [];
let number: any;
let seq = 0;
const nextPhone = () => `+1555019${String(1000 + seq++).padStart(4, '0')}`;
const api = (method: string, path: string, body?: unknown) => t.api(method, path, { token: f.ws.apiKey, body });

beforeAll(async () => {
  database = await createTestDatabase();
  f = await startTwilioFixture({ database });
  t = f.t;
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'] });
  // These tests compare the workflow's own words; the first-text opt-out line is tested elsewhere.
  await api('PATCH', '/api/v1/workspace', { optOutFooter: { enabled: false, text: 'Reply STOP to opt out.' } });
});
afterAll(async () => {
  await t?.close();
  for (const old of stopped) await old.close();
  await f?.sim.close();
  await database?.drop();
});

/** Stops the process (web + worker) and starts a new one on the same database and clock. */
async function restart(): Promise<void> {
  await t.runtime.stop();
  stopped.push(t);
  t = await startTestApp({
    database,
    clock: f.t.clock,
    // Same key: the Twilio credentials and signing secrets are sealed with it.
    env: { TWILIO_API_URL: f.sim.url, SECRET_KEY: f.t.config.secretKey.toString('base64') },
  });
}

async function createWorkflow(body: Record<string, unknown>) {
  const res = await api('POST', '/api/v1/workflows', { enabled: true, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function runOf(workflowId: string, contactId: string) {
  const res = await api('GET', `/api/v1/workflows/${workflowId}/runs?contactId=${contactId}`);
  expect(res.status).toBe(200);
  expect(res.body.data).toHaveLength(1);
  return res.body.data[0];
}

const tagsOf = async (contactId: string) => (await api('GET', `/api/v1/contacts/${contactId}`)).body.tags as string[];
const textsTo = (phone: string) => f.sim.messages.filter((m) => m.to === phone);

describe('a one-minute wait', () => {
  it('survives a process restart and the steps after it run once', async () => {
    const wf = await createWorkflow({
      name: 'Follow up after a minute',
      trigger: { type: 'contact.tag_added', tag: 'follow-up' },
      actions: [
        { type: 'add_tag', tag: 'waiting' },
        { type: 'wait', seconds: 60 },
        { type: 'send_sms', body: 'Hi {{contact.first_name|there}}, still need a hand? {{business.name}}' },
        { type: 'remove_tag', tag: 'waiting' },
      ],
    });
    const phone = nextPhone();
    const contact = (await api('POST', '/api/v1/contacts', { phone, name: 'Sam Rivera', tags: ['follow-up'] })).body;
    await t.drainJobs();

    expect(await tagsOf(contact.id)).toEqual(['follow-up', 'waiting']);
    let run = await runOf(wf.id, contact.id);
    expect(run.status).toBe('waiting');
    expect(run.steps.map((s: any) => s.status)).toEqual(['completed', 'waiting', 'pending', 'pending']);
    const waitUntil = Date.parse(run.steps[1].waitUntil);
    expect(waitUntil).toBe(t.clock.now() + 60_000);

    await restart();

    // Nothing moves before the minute is up, however often the new worker looks.
    await t.drainJobs();
    t.clock.advance(59_000);
    await t.drainJobs();
    expect(textsTo(phone)).toHaveLength(0);
    expect((await runOf(wf.id, contact.id)).status).toBe('waiting');

    t.clock.advance(1_000);
    await t.drainJobs();

    expect(textsTo(phone).map((m) => m.body)).toEqual(['Hi Sam, still need a hand? Acme Plumbing']);
    expect(await tagsOf(contact.id)).toEqual(['follow-up']);
    run = await runOf(wf.id, contact.id);
    expect(run.status).toBe('completed');
    expect(run.finishedAt).not.toBeNull();
    expect(run.steps.map((s: any) => [s.type, s.status, s.attempts])).toEqual([
      ['add_tag', 'completed', 1],
      ['wait', 'completed', 1],
      ['send_sms', 'completed', 1],
      ['remove_tag', 'completed', 1],
    ]);
    expect(run.steps[2].result.messageId).toMatch(/^msg_/);

    // The message in the conversation is the workflow's.
    const convs = await api('GET', `/api/v1/conversations?contactId=${contact.id}`);
    const msgs = await api('GET', `/api/v1/conversations/${convs.body.data[0].id}/messages`);
    expect(msgs.body.data.find((m: any) => m.id === run.steps[2].result.messageId)).toMatchObject({ author: 'workflow', direction: 'outbound' });

    // A redelivered job of the completed send_sms step (at-least-once queues do this) sends nothing.
    await t.runtime.ctx.db
      .updateTable('jobs')
      .set({ status: 'pending', run_at: t.clock.now(), attempts: 0 })
      .where('unique_key', '=', `wfstep:${run.id}:2`)
      .execute();
    await t.drainJobs();
    t.clock.advance(60_000);
    await t.drainJobs();
    expect(textsTo(phone)).toHaveLength(1);
    expect((await runOf(wf.id, contact.id)).steps[2].attempts).toBe(1);
  });
});

describe('a worker that dies mid-step', () => {
  it('leaves the step to be resumed once its lease expires; the text goes out once', async () => {
    const wf = await createWorkflow({
      name: 'Crash test',
      trigger: { type: 'contact.tag_added', tag: 'crash' },
      actions: [{ type: 'add_tag', tag: 'seen' }, { type: 'wait', seconds: 30 }, { type: 'send_sms', body: 'Thanks for your patience!' }],
    });
    const phone = nextPhone();
    const contact = (await api('POST', '/api/v1/contacts', { phone, tags: ['crash'] })).body;
    await t.drainJobs();
    t.clock.advance(30_000);

    // A worker claims the due step (the wait's end) and dies before finishing it.
    const claimed = await t.runtime.worker!.claim(10);
    expect(claimed.map((j) => j.kind)).toEqual(['workflow.step']);
    await restart();

    // Its lease still holds: nobody else takes the job yet.
    await t.drainJobs();
    expect(textsTo(phone)).toHaveLength(0);
    expect((await runOf(wf.id, contact.id)).status).toBe('waiting');

    t.clock.advance(61_000);
    await t.drainJobs();
    expect(textsTo(phone).map((m) => m.body)).toEqual(['Thanks for your patience!']);
    const run = await runOf(wf.id, contact.id);
    expect(run.status).toBe('completed');
    expect(run.steps.map((s: any) => s.status)).toEqual(['completed', 'completed', 'completed']);
  });
});

describe('editing or disabling a workflow mid-run', () => {
  it('a run keeps the actions it started with; disabling stops it at its next step', async () => {
    const wf = await createWorkflow({
      name: 'Two waits',
      trigger: { type: 'contact.tag_added', tag: 'edit-me' },
      actions: [{ type: 'wait', seconds: 10 }, { type: 'add_tag', tag: 'first' }, { type: 'wait', seconds: 10 }, { type: 'add_tag', tag: 'second' }],
    });
    const a = (await api('POST', '/api/v1/contacts', { phone: nextPhone(), tags: ['edit-me'] })).body;
    await t.drainJobs();
    // Replace the actions: the running run still does its own four.
    await api('PATCH', `/api/v1/workflows/${wf.id}`, { actions: [{ type: 'add_tag', tag: 'edited' }] });
    t.clock.advance(10_000);
    await t.drainJobs();
    expect(await tagsOf(a.id)).toEqual(['edit-me', 'first']);

    await api('PATCH', `/api/v1/workflows/${wf.id}`, { enabled: false });
    t.clock.advance(10_000);
    await t.drainJobs();
    expect(await tagsOf(a.id)).toEqual(['edit-me', 'first']);
    const run = await runOf(wf.id, a.id);
    expect(run.status).toBe('stopped');
    expect(run.reason).toMatch(/disabled/);
    expect(run.steps.map((s: any) => s.status)).toEqual(['completed', 'completed', 'canceled', 'canceled']);
  });
});
