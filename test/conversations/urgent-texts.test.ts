/**
 * The texts someone is waiting on go before bulk work (jobs.urgent, migration 019): a staff
 * member's reply and the agent's answer are queued urgent, a contact import's welcome texts (a
 * workflow's) as bulk, so a reply queued behind an import is claimed before the import's older jobs;
 * a workflow a missed call starts runs urgent down to its text.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let ws: { id: string; apiKey: string };
const NUMBER = '+15550100001';
const CALLER = '+15550107001';

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.createWorkspace();
  const number = await t.api('POST', '/api/v1/phone-numbers', { token: ws.apiKey, body: { number: NUMBER, carrier: 'sandbox', name: 'Demo', forwardTo: ['+15550109999'] } });
  expect(number.status).toBe(201);
  const workflow = await t.api('POST', '/api/v1/workflows', {
    token: ws.apiKey,
    body: { name: 'Welcome', enabled: true, trigger: { type: 'contact.created' }, actions: [{ type: 'send_sms', body: 'Welcome! Reply STOP to opt out.' }] },
  });
  expect(workflow.status).toBe(201);
});
afterAll(async () => t?.close());

describe('texts someone waits on', () => {
  it('a staff reply queued after a contact import is claimed before the import’s older jobs', async () => {
    const call = await t.api('POST', '/api/v1/sandbox/calls', { token: ws.apiKey, body: { to: NUMBER, from: CALLER, outcome: 'no-answer' } });
    expect(call.status).toBe(201);
    await t.drainJobs();
    const conversation = (await t.api('GET', '/api/v1/conversations', { token: ws.apiKey })).body.data.find((c: any) => c.contact.phone === CALLER);
    expect(conversation).toBeDefined();

    const imported = await t.api('POST', '/api/v1/contacts/import', { token: ws.apiKey, body: { csv: 'phone\n+15550107101\n+15550107102\n+15550107103\n', dryRun: false } });
    expect(imported.body).toMatchObject({ created: 3, applied: true });
    t.clock.advance(1_000);
    const reply = await t.api('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: ws.apiKey, body: { body: 'Thanks for calling! When suits you?' } });
    expect(reply.status).toBe(201);

    // The import's three jobs waited longer; the reply goes first.
    const db = t.runtime.ctx.db;
    const waiting = await db.selectFrom('jobs').select(['kind', 'run_at']).where('status', '=', 'pending').orderBy('run_at').execute();
    expect(waiting.filter((j) => j.kind !== 'message.send').length).toBeGreaterThanOrEqual(3);
    const [first] = await t.runtime.worker!.claim(1);
    expect(first).toMatchObject({ kind: 'message.send', urgent: 1 });
    expect(JSON.parse(first!.payload)).toMatchObject({ messageId: reply.body.id });
    // Handed back unrun (as a lease running out would), then everything runs.
    await db.updateTable('jobs').set({ status: 'pending', locked_by: null, locked_until: null, attempts: 0 }).where('id', '=', first!.id).execute();
    await t.drainJobs();
    const sent = (await t.api('GET', `/api/v1/conversations/${conversation.id}/messages`, { token: ws.apiKey })).body.data as any[];
    expect(sent.find((m) => m.id === reply.body.id)).toMatchObject({ status: 'delivered' });
  });

  it('each text’s send job says whether someone waits on it: the agent’s answer and a staff reply do, a workflow’s welcome does not', async () => {
    await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { enabled: true, debounceSeconds: 0 } });
    // Another lead (the first one's conversation has a person in it, so the agent leaves it alone);
    // adding the contact also runs the welcome workflow.
    const lead = '+15550107002';
    expect((await t.api('POST', '/api/v1/contacts', { token: ws.apiKey, body: { phone: lead, tags: ['smschat_ai'] } })).status).toBe(201);
    await t.api('POST', '/api/v1/sandbox/messages', { token: ws.apiKey, body: { to: NUMBER, from: lead, body: 'Do you work on weekends?' } });
    await t.drainJobs();

    const rows = await t.runtime.ctx.db
      .selectFrom('messages as m')
      .innerJoin('jobs as j', (join) => join.on('j.unique_key', '=', sql<string>`${'send:'} || m.id`))
      .select(['m.author', 'j.urgent'])
      .where('m.direction', '=', 'outbound')
      .execute();
    const urgencyBy = (author: string) => [...new Set(rows.filter((r) => r.author === author).map((r) => r.urgent))];
    expect(urgencyBy('human')).toEqual([1]);
    expect(urgencyBy('agent')).toEqual([1]);
    expect(urgencyBy('workflow')).toEqual([0]);
    // Welcomes: the first caller, the three imported, the lead.
    expect(rows.filter((r) => r.author === 'workflow')).toHaveLength(5);
  });

  it('a workflow a missed call starts runs urgent, step by step, down to its text; the new caller’s welcome stays bulk', async () => {
    const followUp = await t.api('POST', '/api/v1/workflows', {
      token: ws.apiKey,
      body: { name: 'Missed-call follow-up', enabled: true, trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'missed' }, { type: 'send_sms', body: 'Sorry we missed you!' }] },
    });
    expect(followUp.status).toBe(201);
    const caller = '+15550107003';
    expect((await t.api('POST', '/api/v1/sandbox/calls', { token: ws.apiKey, body: { to: NUMBER, from: caller, outcome: 'no-answer' } })).status).toBe(201);
    await t.drainJobs();

    const db = t.runtime.ctx.db;
    const contact = (await t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(caller)}`, { token: ws.apiKey })).body.data[0];
    const dispatches = await db
      .selectFrom('events as e')
      .innerJoin('jobs as j', (join) => join.on('j.unique_key', '=', sql<string>`${'event:'} || e.id`))
      .select(['e.type', 'j.urgent'])
      .where('e.contact_id', '=', contact.id)
      .execute();
    expect(Object.fromEntries(dispatches.map((d) => [d.type, d.urgent]))).toMatchObject({ 'call.missed': 1, 'contact.created': 0 });
    const steps = await db
      .selectFrom('workflow_runs as r')
      .innerJoin('jobs as j', (join) => join.on('j.unique_key', 'like', sql<string>`${'wfstep:'} || r.id || ${':%'}`))
      .select(['r.workflow_id', 'j.urgent'])
      .where('r.contact_id', '=', contact.id)
      .execute();
    expect(steps.filter((s) => s.workflow_id === followUp.body.id).map((s) => s.urgent)).toEqual([1, 1]);
    expect(steps.filter((s) => s.workflow_id !== followUp.body.id).map((s) => s.urgent)).toEqual([0]);
    const texts = await db
      .selectFrom('messages as m')
      .innerJoin('jobs as j', (join) => join.on('j.unique_key', '=', sql<string>`${'send:'} || m.id`))
      .select(['m.body', 'j.urgent'])
      .where('m.contact_id', '=', contact.id)
      .where('m.author', '=', 'workflow')
      .execute();
    // (The first text to a contact carries the opt-out line.)
    expect(texts.map((m) => [m.body.split('!')[0], m.urgent]).sort()).toEqual([['Sorry we missed you', 1], ['Welcome', 0]]);
  });
});
