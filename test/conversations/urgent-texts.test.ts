/**
 * The texts someone is waiting on go before bulk work (jobs.urgent, migration 019): a staff
 * member's reply and the agent's answer are queued urgent, a contact import's welcome texts (a
 * workflow's) as bulk, so a reply queued behind an import is claimed before the import's older jobs;
 * a workflow a missed call, a new caller or a staff member's request starts runs urgent down to its
 * text.
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

  it('each text’s send job says whether someone waits on it: the agent’s answer, a staff reply and the welcome of a contact added by hand or by calling do; an import’s welcomes do not', async () => {
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
      .select(['m.author', 'm.to_number', 'j.urgent'])
      .where('m.direction', '=', 'outbound')
      .execute();
    const urgencyBy = (author: string) => [...new Set(rows.filter((r) => r.author === author).map((r) => r.urgent))];
    expect(urgencyBy('human')).toEqual([1]);
    expect(urgencyBy('agent')).toEqual([1]);
    const welcomes = Object.fromEntries(rows.filter((r) => r.author === 'workflow').map((r) => [r.to_number, r.urgent]));
    expect(welcomes).toEqual({ [CALLER]: 1, '+15550107101': 0, '+15550107102': 0, '+15550107103': 0, [lead]: 1 });
  });

  it('a change to a contact dispatches urgent when a person makes it (a tag set by staff), bulk when an import does; the import’s new contacts say they came from the import', async () => {
    const tagged = await t.api('POST', '/api/v1/workflows', {
      token: ws.apiKey,
      body: { name: 'VIP', enabled: true, trigger: { type: 'contact.tag_added', tag: 'vip' }, actions: [{ type: 'send_sms', body: 'You are on our VIP list.' }] },
    });
    expect(tagged.status).toBe(201);
    const imported = await t.api('POST', '/api/v1/contacts/import', { token: ws.apiKey, body: { csv: 'phone,tags\n+15550107201,vip\n', dryRun: false } });
    expect(imported.body).toMatchObject({ created: 1, applied: true });
    const byHand = (await t.api('POST', '/api/v1/contacts', { token: ws.apiKey, body: { phone: '+15550107202' } })).body;
    expect((await t.api('POST', `/api/v1/contacts/${byHand.id}/tags`, { token: ws.apiKey, body: { tag: 'vip' } })).status).toBeLessThan(300);

    const dispatches = await t.runtime.ctx.db
      .selectFrom('events as e')
      .innerJoin('contacts as c', 'c.id', 'e.contact_id')
      .innerJoin('jobs as j', (join) => join.on('j.unique_key', '=', sql<string>`${'event:'} || e.id`))
      .select(['c.phone', 'e.type', 'e.data', 'j.urgent'])
      .where('c.phone', 'in', ['+15550107201', '+15550107202'])
      .execute();
    const seen = dispatches.map((d) => [d.phone, d.type, JSON.parse(d.data).source, d.urgent]).sort();
    expect(seen).toEqual([
      ['+15550107201', 'contact.created', 'import', 0],
      ['+15550107201', 'contact.tag_added', 'import', 0],
      ['+15550107202', 'contact.created', 'api', 1],
      ['+15550107202', 'contact.tag_added', 'api', 1],
    ]);
  });

  it('a workflow a missed call starts runs urgent, step by step, down to its text, and so does the new caller’s welcome', async () => {
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
    expect(Object.fromEntries(dispatches.map((d) => [d.type, d.urgent]))).toMatchObject({ 'call.missed': 1, 'contact.created': 1 });
    const steps = await db
      .selectFrom('workflow_runs as r')
      .innerJoin('jobs as j', (join) => join.on('j.unique_key', 'like', sql<string>`${'wfstep:'} || r.id || ${':%'}`))
      .select(['r.workflow_id', 'j.urgent'])
      .where('r.contact_id', '=', contact.id)
      .execute();
    expect(steps.filter((s) => s.workflow_id === followUp.body.id).map((s) => s.urgent)).toEqual([1, 1]);
    expect(steps.filter((s) => s.workflow_id !== followUp.body.id).map((s) => s.urgent)).toEqual([1]);
    const texts = await db
      .selectFrom('messages as m')
      .innerJoin('jobs as j', (join) => join.on('j.unique_key', '=', sql<string>`${'send:'} || m.id`))
      .select(['m.body', 'j.urgent'])
      .where('m.contact_id', '=', contact.id)
      .where('m.author', '=', 'workflow')
      .execute();
    // (The first text to a contact carries the opt-out line.)
    expect(texts.map((m) => [m.body.split('!')[0], m.urgent]).sort()).toEqual([['Sorry we missed you', 1], ['Welcome', 1]]);
  });
});
