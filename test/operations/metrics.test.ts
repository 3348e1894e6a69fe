/**
 * GET /metrics: Prometheus text, operator token unless METRICS_PUBLIC, and figures that move with
 * what happened (a sandbox missed call moves the text-back counter and the webhook histogram).
 */
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { LISTEN_APPLICATION_NAME } from '../../src/store/pg-notifier.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seriesValue } from '../support/prometheus-text.js';
import { testDialect } from '../support/test-database.js';

let t: TestApp;
let ws: { id: string; apiKey: string };

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.createWorkspace();
  const res = await t.api('POST', '/api/v1/phone-numbers', {
    token: ws.apiKey,
    body: { number: '+15550100001', carrier: 'sandbox', name: 'Demo', forwardTo: ['+15550109999'] },
  });
  expect(res.status).toBe(201);
});
afterAll(async () => t?.close());

async function scrape(token: string | null = t.adminToken): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${t.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one series, or 0 when the series is absent. */
const value = (text: string, name: string, labels: Record<string, string>): number => seriesValue(text, name, labels) ?? 0;

describe('metrics', () => {
  it('needs the operator token: none → 401, a workspace API key → 403', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape(ws.apiKey)).status).toBe(403);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.type).toContain('text/plain');
    expect(ok.text).toContain('# TYPE textback_text_backs_total counter');
    expect(ok.text).toContain('process_cpu_user_seconds_total');
  });

  it('a sandbox missed call moves the text-back and send counters; jobs and the pending text-back show while queued', async () => {
    const before = (await scrape()).text;
    expect(value(before, 'textback_text_backs_total', { outcome: 'sent' })).toBe(0);
    const transactionsBefore = value(before, 'textback_db_transactions_total', {});
    const commitsBefore = value(before, 'textback_db_commits_total', {});

    const call = await t.api('POST', '/api/v1/sandbox/calls', {
      token: ws.apiKey,
      body: { to: '+15550100001', from: '+15550107777', outcome: 'no-answer' },
    });
    expect(call.status).toBe(201);
    const queued = (await scrape()).text;
    expect(value(queued, 'textback_jobs', { state: 'queued' })).toBeGreaterThan(0);
    // Decided but not sent yet: a gauge, so the counter of final outcomes never goes down.
    expect(value(queued, 'textback_text_backs_pending', {})).toBe(1);
    expect(value(queued, 'textback_text_backs_total', { outcome: 'sent' })).toBe(0);

    await t.drainJobs();
    const after = (await scrape()).text;
    expect(value(after, 'textback_text_backs_total', { outcome: 'sent', reason: '' })).toBe(1);
    expect(value(after, 'textback_text_backs_pending', {})).toBe(0);
    expect(value(after, 'textback_sends_total', { carrier: 'sandbox' })).toBe(1);
    expect(value(after, 'textback_outbound_messages', { carrier: 'sandbox', status: 'delivered' })).toBe(1);
    expect(after).not.toContain('textback_send_errors_total{');
    expect(value(after, 'textback_jobs', { state: 'queued' })).toBe(0);
    // This process's own database work moved: the call's and the text-back's transactions, made durable.
    expect(value(after, 'textback_db_transactions_total', {})).toBeGreaterThan(transactionsBefore);
    expect(value(after, 'textback_db_commits_total', {})).toBeGreaterThan(commitsBefore);
    // The API call itself was timed under its route pattern.
    expect(value(after, 'textback_http_request_duration_seconds_count', { route: '/api/v1/sandbox/calls', status_code: '201' })).toBe(1);
  });

  it('an agent turn shows under its provider, with its latency in the histogram', async () => {
    const caller = '+15550107777';
    await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { enabled: true, debounceSeconds: 0 } });
    const contact = (await t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(caller)}`, { token: ws.apiKey })).body.data[0];
    await t.api('POST', `/api/v1/contacts/${contact.id}/tags`, { token: ws.apiKey, body: { tag: 'smschat_ai' } });
    await t.api('POST', '/api/v1/sandbox/messages', { token: ws.apiKey, body: { to: '+15550100001', from: caller, body: 'Do you work on weekends?' } });
    await t.drainJobs();
    const text = (await scrape()).text;
    const turns = text.split('\n').filter((l) => l.startsWith('textback_agent_turns_total{') && l.includes('provider="builtin"'));
    expect(turns.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0)).toBe(1);
    expect(value(text, 'textback_agent_turn_duration_seconds_count', { provider: 'builtin' })).toBe(1);
    expect(value(text, 'textback_agent_turn_duration_seconds_bucket', { provider: 'builtin', le: '+Inf' })).toBe(1);
  });

  it('the queue-age gauge reads the pending jobs through their partial indexes, not every finished job (SQLite plans it when compiling)', async () => {
    const store = t.runtime.ctx.store;
    const seen: string[] = [];
    store.stats.onStatement = (text) => seen.push(text);
    try {
      await scrape();
    } finally {
      store.stats.onStatement = undefined;
    }
    const queueAge = seen.find((text) => /min\("run_at"\)/.test(text));
    expect(queueAge).toBeDefined();
    if (store.dialect !== 'sqlite') return; // PostgreSQL plans with the value bound; the literal serves both
    const params = Array.from(queueAge!.matchAll(/\?/g), () => 1);
    const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${queueAge}`, params));
    const detail = plan.rows.map((r) => r.detail).join('\n');
    expect(detail).toContain('jobs_pending_urgent');
    expect(detail).toContain('jobs_pending_other');
  });

  it('the queue age of a kind queued both urgent and as bulk (a reply and a welcome text) is its oldest due job', async () => {
    const now = t.clock.now();
    const db = t.runtime.ctx.db;
    await enqueueJob(db, now, { kind: 'message.send', payload: { messageId: 'msg_reply' }, runAt: now - 120_000, urgent: true });
    await enqueueJob(db, now, { kind: 'message.send', payload: { messageId: 'msg_welcome' }, runAt: now - 10_000 });
    try {
      expect(value((await scrape()).text, 'textback_job_queue_age_seconds', { kind: 'message.send' })).toBe(120);
    } finally {
      await db.deleteFrom('jobs').where('kind', '=', 'message.send').where('status', '=', 'pending').execute();
    }
  });

  it("PostgreSQL: the checks of idle pool connections are counted by outcome (SQLite: no series)", async () => {
    const checks = t.runtime.ctx.store.pgIdleChecks;
    if (testDialect !== 'postgres') {
      expect(checks).toBeUndefined();
      expect((await scrape()).text).not.toContain('textback_db_idle_connection_checks_total');
      return;
    }
    const outcomes = async () => {
      const { text } = await scrape();
      return ['answered', 'silent', 'dropped_unasked'].map((outcome) => value(text, 'textback_db_idle_connection_checks_total', { outcome }));
    };
    const before = await outcomes();
    // A failover's worth, as store/idle-connection-check.ts counts them (its own tests make them happen).
    checks!.silent += 1;
    checks!.droppedUnasked += 3;
    expect(await outcomes()).toEqual([before[0], before[1]! + 1, before[2]! + 3]);
  });

  it('PostgreSQL: the LISTEN connection shows as up, and one the server ended is counted and up again', async () => {
    const listen = async () => {
      const { text } = await scrape();
      return { up: value(text, 'textback_listen_connection_up', {}), losses: value(text, 'textback_listen_connection_losses_total', {}) };
    };
    if (testDialect !== 'postgres') {
      // One process, nothing to listen to: no series at all.
      expect((await scrape()).text).not.toContain('textback_listen_connection');
      return;
    }
    expect(await listen()).toEqual({ up: 1, losses: 0 });
    const admin = new pg.Client({ connectionString: t.database.url });
    await admin.connect();
    try {
      const ended = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = $1', [LISTEN_APPLICATION_NAME]);
      expect(ended.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    // Opened again a second after the loss.
    await vi.waitFor(async () => expect(await listen()).toEqual({ up: 1, losses: 1 }), { timeout: 15_000, interval: 100 });
  });

  it('METRICS_PUBLIC=true serves it without a token', async () => {
    const open = await startTestApp({ env: { METRICS_PUBLIC: 'true' } });
    try {
      const res = await fetch(`${open.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('textback_jobs');
    } finally {
      await open.close();
    }
  });
});
