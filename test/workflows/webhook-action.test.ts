/**
 * The webhook action over real HTTP: a local receiver on 127.0.0.1 gets the event signed with the
 * workflow's secret (checked here with node:crypto, independently of the code under test), a
 * non-2xx answer is retried with backoff and its status recorded, and by default the SSRF guard
 * refuses loopback URLs (the step fails with a clear error and nothing is sent).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STEP_JOB_MAX_ATTEMPTS } from '../../src/workflows/run-state.js';
import { verifyWebhookSignature } from '../../src/workflows/webhook-signing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
/** Status codes the receiver answers with, in order; 200 once they run out. */
let answers: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/textback`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});
beforeEach(() => {
  received = [];
  answers = [];
});

async function setup(t: TestApp, url: string, tag: string) {
  const ws = await t.createWorkspace();
  const api = (method: string, path: string, body?: unknown) => t.api(method, path, { token: ws.apiKey, body });
  const wf = await api('POST', '/api/v1/workflows', {
    name: 'Tell the CRM',
    enabled: true,
    trigger: { type: 'contact.tag_added', tag },
    actions: [{ type: 'webhook', url }, { type: 'add_tag', tag: 'synced' }],
  });
  expect(wf.status, JSON.stringify(wf.body)).toBe(201);
  return { ws, api, wf: wf.body };
}

describe('with ALLOW_PRIVATE_WEBHOOK_URLS=true (a receiver on this host)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true' } });
  });
  afterAll(async () => t?.close());

  it('POSTs the event as JSON, signed with the workflow secret over "<timestamp>.<body>"', async () => {
    const { ws, api, wf } = await setup(t, receiverUrl, 'crm');
    expect(wf.warnings).toEqual([]);
    const contact = (await api('POST', '/api/v1/contacts', { phone: '+15550220001', name: 'Ada Byron', tags: ['crm'] })).body;
    await t.drainJobs();

    expect(received).toHaveLength(1);
    const [hit] = received as [Received];
    const timestamp = hit.headers['x-textback-timestamp'] as string;
    expect(timestamp).toBe(String(Math.floor(t.clock.now() / 1000)));
    const expected = `sha256=${createHmac('sha256', wf.signingSecret).update(`${timestamp}.${hit.body}`).digest('hex')}`;
    expect(hit.headers['x-textback-signature']).toBe(expected);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['x-textback-event']).toBe('contact.tag_added');
    expect(
      verifyWebhookSignature({ secret: wf.signingSecret, body: hit.body, timestamp, signature: expected, nowSeconds: Number(timestamp) }),
    ).toBe(true);
    // Signed with this workflow's secret and no other.
    expect(
      verifyWebhookSignature({ secret: 'whsec_other', body: hit.body, timestamp, signature: expected, nowSeconds: Number(timestamp) }),
    ).toBe(false);

    const payload = JSON.parse(hit.body);
    expect(payload).toMatchObject({
      id: expect.stringMatching(/^ev_/),
      type: 'contact.tag_added',
      workspaceId: ws.id,
      occurredAt: new Date(t.clock.now()).toISOString(),
      contact: { id: contact.id, phone: '+15550220001', name: 'Ada Byron', tags: ['crm'] },
      practice: false,
      data: { tag: 'crm', source: 'api' },
      workflow: { id: wf.id, name: 'Tell the CRM' },
    });

    const run = (await api('GET', `/api/v1/workflows/${wf.id}/runs`)).body.data[0];
    expect(run.status).toBe('completed');
    expect(run.steps[0]).toMatchObject({ type: 'webhook', status: 'completed', attempts: 1, error: null, result: { url: receiverUrl, statusCode: 200 } });
  });

  it("says practice: true for the phone simulator's practice phone, so a CRM can leave it out", async () => {
    const { api } = await setup(t, receiverUrl, 'crm-practice');
    const contact = (await api('POST', '/api/v1/contacts', { phone: '+15125550142', name: 'Practice phone' })).body;
    // As a practice call on a real number leaves it (test/missed-call/practice-calls.test.ts plays one).
    await t.runtime.ctx.db.updateTable('contacts').set({ practice: 1 }).where('id', '=', contact.id).execute();
    await api('POST', `/api/v1/contacts/${contact.id}/tags`, { tag: 'crm-practice' });
    await t.drainJobs();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ practice: true, contact: { id: contact.id } });
  });

  it('retries a non-2xx answer with backoff, records the status code, and finishes the run once it is taken', async () => {
    const { api, wf } = await setup(t, receiverUrl, 'flaky');
    answers = [503, 500];
    const contact = (await api('POST', '/api/v1/contacts', { phone: '+15550220002', tags: ['flaky'] })).body;
    await t.drainJobs();

    expect(received).toHaveLength(1);
    let run = (await api('GET', `/api/v1/workflows/${wf.id}/runs`)).body.data[0];
    expect(run.status).toBe('running');
    expect(run.steps[0]).toMatchObject({ status: 'running', attempts: 1, result: { statusCode: 503 } });
    expect(run.steps[0].error).toMatch(/HTTP 503/);
    expect(run.steps[1].status).toBe('pending');

    // Backoff: not retried at once…
    await t.drainJobs();
    expect(received).toHaveLength(1);
    // …but after the delay (10 minutes covers two backoff rounds).
    for (let i = 0; i < 2; i++) {
      t.clock.advance(5 * 60_000);
      await t.drainJobs();
    }
    expect(received).toHaveLength(3);
    // Every retry carries the same event id: receivers deduplicate on it.
    expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);

    run = (await api('GET', `/api/v1/workflows/${wf.id}/runs`)).body.data[0];
    expect(run.status).toBe('completed');
    expect(run.steps[0]).toMatchObject({ status: 'completed', attempts: 3, error: null, result: { statusCode: 200 } });
    expect(run.steps[1].status).toBe('completed');
    expect((await api('GET', `/api/v1/contacts/${contact.id}`)).body.tags).toEqual(['flaky', 'synced']);
  });
  it('fails the run after the last attempt, with the status code and the reason', async () => {
    const { api, wf } = await setup(t, receiverUrl, 'down');
    answers = Array.from({ length: 50 }, () => 500);
    await api('POST', '/api/v1/contacts', { phone: '+15550220003', tags: ['down'] });
    await t.drainJobs();
    for (let i = 0; i < 20; i++) {
      t.clock.advance(10 * 60_000);
      await t.drainJobs();
    }
    expect(received).toHaveLength(STEP_JOB_MAX_ATTEMPTS);
    const run = (await api('GET', `/api/v1/workflows/${wf.id}/runs`)).body.data[0];
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/^Step 1 \(webhook\) failed: The receiver answered HTTP 500/);
    expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: STEP_JOB_MAX_ATTEMPTS, result: { statusCode: 500 } });
    expect(run.steps[0].error).toMatch(new RegExp(`gave up after ${STEP_JOB_MAX_ATTEMPTS} attempts`));
    expect(run.steps[1].status).toBe('canceled');
  });
});

describe('by default (SSRF guard on)', () => {
  let t: TestApp;
  let refusedSeq = 0;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it.each([
    ['a loopback IP', () => receiverUrl],
    ['localhost (resolved through DNS)', () => receiverUrl.replace('127.0.0.1', 'localhost')],
    ['an IPv4-mapped IPv6 loopback', () => receiverUrl.replace('127.0.0.1', '[::ffff:127.0.0.1]')],
  ])('refuses %s: the step fails with a clear error and nothing is sent', async (_label, url) => {
    const n = refusedSeq++;
    const tag = `hook-${n}`;
    const { api, wf } = await setup(t, url(), tag);
    expect(wf.warnings[0]).toMatch(/loopback/);
    const contact = (await api('POST', '/api/v1/contacts', { phone: `+155502230${n}0`, tags: [tag] })).body;
    await t.drainJobs();

    expect(received).toHaveLength(0);
    const run = (await api('GET', `/api/v1/workflows/${wf.id}/runs`)).body.data[0];
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/^Step 1 \(webhook\) failed: Refused to call the webhook/);
    expect(run.steps[0].status).toBe('failed');
    expect(run.steps[0].error).toMatch(/a loopback address/);
    expect(run.steps[0].error).toMatch(/ALLOW_PRIVATE_WEBHOOK_URLS=true/);
    expect(run.steps[1].status).toBe('canceled');
    expect((await api('GET', `/api/v1/contacts/${contact.id}`)).body.tags).toEqual([tag]);
  });
});
