/**
 * The seed's recipes, end to end over real HTTP against the Twilio simulator: "call.missed →
 * add_tag smschat_ai" (and the AI agent then answering the caller's reply), and
 * "contact.stage_changed to New Lead → add_tag smschat_ai" applied when staff set the stage.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
let seq = 0;
const nextCaller = () => `+1555018${String(1000 + seq++).padStart(4, '0')}`;
const api = (method: string, path: string, body?: unknown) => f.t.api(method, path, { token: f.ws.apiKey, body });

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
});
afterAll(async () => f?.close());
beforeEach(() => f.sim.clear());

async function contactOf(phone: string) {
  const res = await api('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`);
  return res.body.data[0];
}

async function createWorkflow(body: Record<string, unknown>) {
  const res = await api('POST', '/api/v1/workflows', { enabled: true, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function runsOf(workflowId: string) {
  const res = await api('GET', `/api/v1/workflows/${workflowId}/runs`);
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

describe('recipe: call.missed → add_tag smschat_ai', () => {
  let wf: any;
  beforeAll(async () => {
    wf = await createWorkflow({ name: 'AI on missed calls', trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'smschat_ai' }] });
  });
  afterAll(async () => {
    await api('PATCH', `/api/v1/workflows/${wf.id}`, { enabled: false });
  });

  it('tags the caller of a missed call, and records the run with its step', async () => {
    const from = nextCaller();
    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();

    const contact = await contactOf(from);
    expect(contact.tags).toContain('smschat_ai');

    const runs = (await runsOf(wf.id)).filter((r) => r.contactId === contact.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', eventType: 'call.missed', phoneNumberId: number.id, reason: null });
    expect(runs[0].steps).toEqual([
      expect.objectContaining({ index: 0, type: 'add_tag', status: 'completed', error: null, attempts: 1, result: { tag: 'smschat_ai', changed: true } }),
    ]);
  });

  it('does not tag an answered caller', async () => {
    const from = nextCaller();
    await f.call(f.ws, number, { scenario: 'answered', from });
    await f.t.drainJobs();
    f.t.clock.advance(5 * 60_000);
    await f.t.drainJobs();
    expect((await contactOf(from)).tags).not.toContain('smschat_ai');
  });

  it('then the caller texts a question and the AI agent answers it', async () => {
    const agent = await api('PUT', '/api/v1/agent', { enabled: true });
    expect(agent.status).toBe(200);
    expect(agent.body.activeTags).toContain('smschat_ai');
    expect(agent.body.model.provider).toBe('builtin');
    const kb = await api('POST', '/api/v1/knowledge', {
      title: 'Diagnostic fee',
      content: 'Our diagnostic visit costs $89, and the fee is waived if you go ahead with the repair.',
    });
    expect(kb.status).toBe(201);

    const from = nextCaller();
    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();
    const textBack = f.sim.messages.filter((m) => m.to === from);
    expect(textBack).toHaveLength(1); // the number's own missed-call text-back

    const res = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'How much is your diagnostic fee?', smsUrl: number.webhooks.smsUrl });
    expect(res.statusCode).toBe(200);
    // Past the agent's debounce window.
    await f.t.drainJobs();
    f.t.clock.advance(2 * 60_000);
    await f.t.drainJobs();

    const replies = f.sim.messages.filter((m) => m.to === from).slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.from).toBe(number.number);
    expect(replies[0]!.body).toContain('$89');

    const contact = await contactOf(from);
    const convs = await api('GET', `/api/v1/conversations?contactId=${contact.id}`);
    const msgs = await api('GET', `/api/v1/conversations/${convs.body.data[0].id}/messages`);
    const authors = (msgs.body.data as any[]).map((m) => m.author);
    expect(authors).toContain('agent');
    expect(authors).toContain('textback');

    await api('PUT', '/api/v1/agent', { enabled: false });
  });
});

describe('recipe: contact.stage_changed to New Lead → add_tag smschat_ai', () => {
  it('tags a contact whose stage is set to New Lead through the API, and only that stage', async () => {
    expect((await api('PUT', '/api/v1/pipeline', { stages: ['New Lead', 'Quoted', 'Won'] })).status).toBe(200);
    const wf = await createWorkflow({
      name: 'AI for new leads',
      trigger: { type: 'contact.stage_changed', stage: 'New Lead' },
      actions: [{ type: 'add_tag', tag: 'smschat_ai' }],
    });

    const lead = (await api('POST', '/api/v1/contacts', { phone: nextCaller(), name: 'Dana Lee' })).body;
    const quoted = (await api('POST', '/api/v1/contacts', { phone: nextCaller() })).body;
    expect((await api('PATCH', `/api/v1/contacts/${lead.id}`, { stage: 'New Lead' })).status).toBe(200);
    expect((await api('PATCH', `/api/v1/contacts/${quoted.id}`, { stage: 'Quoted' })).status).toBe(200);
    await f.t.drainJobs();

    expect((await api('GET', `/api/v1/contacts/${lead.id}`)).body.tags).toEqual(['smschat_ai']);
    expect((await api('GET', `/api/v1/contacts/${quoted.id}`)).body.tags).toEqual([]);
    const runs = await runsOf(wf.id);
    expect(runs.map((r) => [r.contactId, r.status])).toEqual([[lead.id, 'completed']]);

    // Moving away and back is a new move to New Lead: a new run (the tag is already there).
    await api('PATCH', `/api/v1/contacts/${lead.id}`, { stage: 'Quoted' });
    await api('PATCH', `/api/v1/contacts/${lead.id}`, { stage: 'New Lead' });
    await f.t.drainJobs();
    const again = await runsOf(wf.id);
    expect(again).toHaveLength(2);
    expect(again[0].steps[0].result).toMatchObject({ changed: false });
  });

  it('a contact created in the stage counts as moved there', async () => {
    const c = (await api('POST', '/api/v1/contacts', { phone: nextCaller(), stage: 'New Lead' })).body;
    await f.t.drainJobs();
    expect((await api('GET', `/api/v1/contacts/${c.id}`)).body.tags).toEqual(['smschat_ai']);
  });
});
