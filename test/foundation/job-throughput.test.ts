/**
 * The jobs table's throughput mechanisms keep its guarantees: batch claims hand each job to one
 * worker, a follow-up runs once (also when another worker takes it first) and never when its
 * transaction rolled back, no dispatch job is made for an event no workflow listens to, and
 * pruning deletes only what is finished and older than the retention settings.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueJob, finishJobInTransaction } from '../../src/jobs/job-queue.js';
import { JobWorker, type JobHandler } from '../../src/jobs/job-worker.js';
import { dispatchEventJob } from '../../src/jobs/definitions/dispatch-event.js';
import { emitEvent } from '../../src/services/domain-events.js';

const DISPATCH_EVENT_JOB = dispatchEventJob.name;
import type { Store } from '../../src/store/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
let store: Store;
let workspaceId: string;
let apiKey: string;
const silent = pino({ level: 'silent' });

function makeWorker(handlers: Record<string, JobHandler>, opts: { concurrency?: number } = {}) {
  return new JobWorker({ store, clock: app.clock, logger: silent, handlers, random: () => 0.5, ...opts });
}

beforeAll(async () => {
  app = await startTestApp({ env: { JOB_RETENTION_MINUTES: '60', EVENT_RETENTION_MINUTES: '120' } });
  store = app.runtime.ctx.store;
  ({ id: workspaceId, apiKey } = await app.createWorkspace());
});

afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await store.db.deleteFrom('jobs').execute();
  await store.db.deleteFrom('workflow_runs').execute();
  await store.db.deleteFrom('events').execute();
});

describe('batch claim', () => {
  it('hands each due job to exactly one of two workers claiming at once, and never one that is not due', async () => {
    const now = app.clock.now();
    for (let i = 0; i < 15; i++) await enqueueJob(store.db, now, { kind: 'k', payload: { i } });
    const { id: later } = await enqueueJob(store.db, now, { kind: 'k', payload: {}, runAt: now + 60_000 });
    const a = makeWorker({});
    const b = makeWorker({});
    const [x, y] = await Promise.all([a.claim(10), b.claim(10)]);
    expect(x.length).toBeLessThanOrEqual(10);
    expect(y.length).toBeLessThanOrEqual(10);
    const ids = [...x, ...y].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(15);
    expect(ids).not.toContain(later);
  });
});

describe('follow-ups', () => {
  it('runs a job a handler enqueued right after it, before older due jobs', async () => {
    const now = app.clock.now();
    await enqueueJob(store.db, now - 2_000, { kind: 'first', payload: {}, runAt: now - 2_000 });
    for (let i = 0; i < 3; i++) await enqueueJob(store.db, now - 1_000, { kind: 'old', payload: { i }, runAt: now - 1_000 });
    const order: string[] = [];
    const worker = makeWorker(
      {
        first: async (_job, { db }) => {
          order.push('first');
          await db.transaction().execute((trx) => enqueueJob(trx, app.clock.now(), { kind: 'next', payload: {} }));
        },
        next: async () => void order.push('next'),
        old: async () => void order.push('old'),
      },
      { concurrency: 1 },
    );
    expect(await worker.drain()).toBe(5);
    expect(order).toEqual(['first', 'next', 'old', 'old', 'old']);
    const statuses = await store.db.selectFrom('jobs').select('status').execute();
    expect(statuses.every((s) => s.status === 'done')).toBe(true);
  });

  it('does not run a follow-up whose transaction rolled back', async () => {
    await enqueueJob(store.db, app.clock.now(), { kind: 'first', payload: {} });
    const runs: string[] = [];
    const worker = makeWorker({
      first: async (_job, { db }) => {
        runs.push('first');
        await db
          .transaction()
          .execute(async (trx) => {
            await enqueueJob(trx, app.clock.now(), { kind: 'next', payload: {} });
            throw new Error('rolled back');
          })
          .catch(() => undefined);
      },
      next: async () => void runs.push('next'),
    });
    expect(await worker.drain()).toBe(1);
    expect(runs).toEqual(['first']);
    expect(await store.db.selectFrom('jobs').select('kind').execute()).toEqual([{ kind: 'first' }]);
  });

  it('gives the slot back after 16 chained follow-ups, leaving the next one to the ordinary claim', async () => {
    await enqueueJob(store.db, app.clock.now(), { kind: 'again', payload: {} });
    let runs = 0;
    const worker = makeWorker(
      {
        again: async (_job, { db }) => {
          runs++;
          await enqueueJob(db, app.clock.now(), { kind: 'again', payload: {} });
        },
      },
      { concurrency: 1 },
    );
    // drain(1) stops claiming after the first claim; what ran is that job and its chain.
    expect(await worker.drain(1)).toBe(17);
    expect(runs).toBe(17);
    const pending = await store.db.selectFrom('jobs').select('id').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
  });

  it('runs a follow-up once when another worker claims it first', async () => {
    await enqueueJob(store.db, app.clock.now(), { kind: 'first', payload: {} });
    const runs: string[] = [];
    const handlers: Record<string, JobHandler> = {
      first: async (_job, { db }) => {
        runs.push('first');
        await enqueueJob(db, app.clock.now(), { kind: 'next', payload: {} });
        // Another worker takes and runs it before this one's chain gets to claim it.
        await other.drain();
      },
      next: async () => void runs.push('next'),
    };
    const other = makeWorker(handlers);
    const worker = makeWorker(handlers);
    await worker.drain();
    expect(runs).toEqual(['first', 'next']);
    const next = await store.db.selectFrom('jobs').selectAll().where('kind', '=', 'next').executeTakeFirstOrThrow();
    expect(next).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('does not take a due job enqueued through the webhooks\' db while a job runs as that job\'s follow-up', async () => {
    await enqueueJob(store.db, app.clock.now(), { kind: 'first', payload: {} });
    const runs: string[] = [];
    const worker = makeWorker(
      {
        first: async () => {
          runs.push('first');
          // A webhook's write landing while the job runs (in the job's own call chain, the case an
          // ambient context could not tell apart): not the job's, so not leased and not chained.
          await store.db.transaction().execute((trx) => enqueueJob(trx, app.clock.now(), { kind: 'webhook', payload: {} }));
        },
        webhook: async () => void runs.push('webhook'),
      },
      { concurrency: 1 },
    );
    // drain(1) stops claiming after the first claim: only a chained follow-up would run too.
    expect(await worker.drain(1)).toBe(1);
    expect(runs).toEqual(['first']);
    expect(await store.db.selectFrom('jobs').select(['status', 'attempts', 'locked_by']).where('kind', '=', 'webhook').executeTakeFirstOrThrow()).toEqual({
      status: 'pending',
      attempts: 0,
      locked_by: null,
    });
  });
});

describe('follow-ups leased at insert, and a job finished in its own transaction', () => {
  it('inserts a due follow-up already leased to the running worker, so no other worker can take it, and runs it once', async () => {
    await enqueueJob(store.db, app.clock.now(), { kind: 'first', payload: {} });
    const runs: string[] = [];
    let seenWhileFirstRan: { status: string; locked_by: string | null; attempts: number } | undefined;
    let otherRan = -1;
    const handlers: Record<string, JobHandler> = {
      first: async (_job, { db }) => {
        runs.push('first');
        await db.transaction().execute((trx) => enqueueJob(trx, app.clock.now(), { kind: 'next', payload: {} }));
        seenWhileFirstRan = await store.db.selectFrom('jobs').select(['status', 'locked_by', 'attempts']).where('kind', '=', 'next').executeTakeFirstOrThrow();
        otherRan = await other.drain();
      },
      next: async () => void runs.push('next'),
    };
    const other = makeWorker(handlers);
    const worker = makeWorker(handlers);
    expect(await worker.drain()).toBe(2);
    expect(seenWhileFirstRan).toMatchObject({ status: 'running', attempts: 1 });
    expect(seenWhileFirstRan!.locked_by).toMatch(new RegExp(`^${worker.workerId}:`));
    expect(otherRan).toBe(0);
    expect(runs).toEqual(['first', 'next']);
    expect(await store.db.selectFrom('jobs').select(['kind', 'status', 'locked_by']).orderBy('kind').execute()).toEqual([
      { kind: 'first', status: 'done', locked_by: null },
      { kind: 'next', status: 'done', locked_by: null },
    ]);
  });

  it('puts a leased follow-up back in the queue when the worker stops while its parent runs', async () => {
    const worker = makeWorker({
      first: async (_job, { db }) => {
        await db.transaction().execute((trx) => enqueueJob(trx, app.clock.now(), { kind: 'next', payload: {} }));
        stopping = worker.stop();
      },
      next: async () => {
        throw new Error('must not run on a stopping worker');
      },
    });
    let stopping: Promise<void> | undefined;
    await enqueueJob(store.db, app.clock.now(), { kind: 'first', payload: {} });
    worker.start();
    worker.wake();
    await expect.poll(() => stopping !== undefined).toBe(true);
    await stopping;
    expect(await store.db.selectFrom('jobs').select(['status', 'attempts', 'locked_by']).where('kind', '=', 'next').executeTakeFirstOrThrow()).toEqual({
      status: 'pending',
      attempts: 0,
      locked_by: null,
    });
  });

  it('finishes the job with the handler\'s transaction when it asks to, and as usual when that transaction rolled back', async () => {
    const { id: committing } = await enqueueJob(store.db, app.clock.now(), { kind: 'commits', payload: {} });
    const { id: rollingBack } = await enqueueJob(store.db, app.clock.now(), { kind: 'rolls-back', payload: {} });
    let statusRightAfterCommit: string | undefined;
    const worker = makeWorker({
      commits: async (_job, { db }) => {
        await db.transaction().execute((trx) => finishJobInTransaction(trx, app.clock.now()));
        // Done already, before the handler returned: the completion committed with the work.
        statusRightAfterCommit = (await store.db.selectFrom('jobs').select('status').where('id', '=', committing!).executeTakeFirstOrThrow()).status;
      },
      'rolls-back': async (_job, { db }) => {
        await db
          .transaction()
          .execute(async (trx) => {
            await finishJobInTransaction(trx, app.clock.now());
            throw new Error('rolled back');
          })
          .catch(() => undefined);
        throw new Error('try again');
      },
    });
    await worker.drain(2);
    expect(statusRightAfterCommit).toBe('done');
    const rows = await store.db.selectFrom('jobs').select(['id', 'status', 'last_error', 'locked_by']).execute();
    expect(rows.find((r) => r.id === committing)).toMatchObject({ status: 'done', locked_by: null });
    // The rolled-back finish left nothing behind: the failure is recorded and the job retries.
    expect(rows.find((r) => r.id === rollingBack)).toMatchObject({ status: 'pending', last_error: 'try again', locked_by: null });
  });
});

describe('event dispatch only when a workflow listens', () => {
  const dispatchJobs = () => store.db.selectFrom('jobs').select('payload').where('kind', '=', DISPATCH_EVENT_JOB).execute();
  const emit = (type: 'call.missed' | 'contact.created') =>
    emitEvent(store.db, { workspaceId, type, contactId: null, data: {}, now: app.clock.now() });

  it('records the event but enqueues no dispatch when no enabled workflow has its trigger', async () => {
    const created = await app.api('POST', '/api/v1/workflows', {
      token: apiKey,
      body: { name: 'Tag missed callers', enabled: false, trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'x' }] },
    });
    expect(created.status).toBe(201);
    const id = await emit('call.missed');
    expect(await store.db.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
    expect(await dispatchJobs()).toHaveLength(0);

    // Enabled, it listens to call.missed, and only to that.
    const patched = await app.api('PATCH', `/api/v1/workflows/${created.body.id}`, { token: apiKey, body: { enabled: true } });
    expect(patched.status).toBe(200);
    app.clock.advance(1_000);
    const heard = await emit('call.missed');
    await emit('contact.created');
    expect((await dispatchJobs()).map((j) => JSON.parse(j.payload).eventId)).toEqual([heard]);
    await app.api('DELETE', `/api/v1/workflows/${created.body.id}`, { token: apiKey });
  });
});

describe('retention', () => {
  const MIN = 60_000;

  async function jobAt(status: 'done' | 'dead' | 'pending' | 'running', updatedAt: number): Promise<string> {
    const { id } = await enqueueJob(store.db, updatedAt, { kind: 'k', payload: {}, runAt: updatedAt });
    await store.db.updateTable('jobs').set({ status, updated_at: updatedAt, locked_until: status === 'running' ? app.clock.now() + MIN : null }).where('id', '=', id!).execute();
    return id!;
  }

  /** `n` finished jobs last updated two hours ago (past the 60-minute retention). */
  function oldDoneJobs(n: number, prefix: string) {
    const old = app.clock.now() - 2 * 60 * MIN;
    return Array.from({ length: n }, (_, i) => ({
      id: `job_${prefix}_${i}_${randomBytes(3).toString('hex')}`,
      workspace_id: null,
      kind: 'k',
      unique_key: null,
      payload: '{}',
      status: 'done' as const,
      attempts: 1,
      max_attempts: 8,
      run_at: old,
      locked_by: null,
      locked_until: null,
      last_error: null,
      nudged_run_at: null,
      created_at: old,
      updated_at: old,
      urgent: 0,
    }));
  }

  const jobCount = async () => Number((await store.db.selectFrom('jobs').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  it('deletes finished jobs older than JOB_RETENTION_MINUTES and keeps the rest', async () => {
    const now = app.clock.now();
    const oldDone = await jobAt('done', now - 61 * MIN);
    const oldDead = await jobAt('dead', now - 61 * MIN);
    const recentDone = await jobAt('done', now - 59 * MIN);
    const oldPending = await jobAt('pending', now - 61 * MIN);
    const oldRunning = await jobAt('running', now - 61 * MIN);
    const pruned = await app.runtime.worker!.prune();
    expect(pruned.jobs).toBe(2);
    const left = (await store.db.selectFrom('jobs').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual([recentDone, oldPending, oldRunning].sort());
    expect(left).not.toContain(oldDone);
    expect(left).not.toContain(oldDead);
  });

  it('deletes in batches until a large backlog is gone', async () => {
    const rows = oldDoneJobs(2_500, 'bulk');
    for (let i = 0; i < rows.length; i += 500) await store.db.insertInto('jobs').values(rows.slice(i, i + 500)).execute();
    expect((await app.runtime.worker!.prune()).jobs).toBe(2_500);
    expect(await jobCount()).toBe(0);
  });

  it('after a pass that stopped at its limit, prunes again a second later rather than a whole interval later', async () => {
    const rows = oldDoneJobs(50, 'backlog');
    await store.db.insertInto('jobs').values(rows).execute();
    // 20 rows a pass; passes at most once a minute unless the last one left rows behind.
    const worker = new JobWorker({
      store,
      clock: app.clock,
      logger: silent,
      handlers: {},
      jobRetentionMs: 60 * MIN,
      maintenanceEveryMs: MIN,
      pruneBatch: 10,
      pruneMaxBatches: 2,
      pollMs: 60 * MIN,
    });
    // A pass deletes its batches one statement at a time: wait for where the whole pass ends, not
    // for its first batch. A pass that never comes leaves the count where it was and the poll fails.
    const pass = async (left: number) => {
      worker.wake();
      await expect.poll(jobCount).toBe(left);
    };
    worker.start();
    try {
      expect(await jobCount()).toBe(50);
      app.clock.advance(MIN + 1);
      await pass(30);
      app.clock.advance(1_001);
      await pass(10);
      app.clock.advance(1_001);
      await pass(0);
    } finally {
      // a failed poll must not leave this worker's loop running for the rest of the file
      await worker.stop();
    }
  });

  it('deletes events older than EVENT_RETENTION_MINUTES unless a dispatch or an unfinished run still needs them', async () => {
    const now = app.clock.now();
    const insertEvent = async (id: string, createdAt: number) =>
      store.db.insertInto('events').values({ id, workspace_id: workspaceId, type: 'call.missed', contact_id: null, data: '{}', created_at: createdAt }).execute();
    await insertEvent('ev_old', now - 121 * MIN);
    await insertEvent('ev_recent', now - 119 * MIN);
    await insertEvent('ev_old_dispatch_pending', now - 121 * MIN);
    await enqueueJob(store.db, now, { kind: DISPATCH_EVENT_JOB, payload: { eventId: 'ev_old_dispatch_pending' }, uniqueKey: 'event:ev_old_dispatch_pending', runAt: now + MIN });
    await insertEvent('ev_old_dispatch_done', now - 121 * MIN);
    const { id: doneDispatch } = await enqueueJob(store.db, now, { kind: DISPATCH_EVENT_JOB, payload: {}, uniqueKey: 'event:ev_old_dispatch_done' });
    await store.db.updateTable('jobs').set({ status: 'done', updated_at: now }).where('id', '=', doneDispatch!).execute();

    // A workflow whose run (waiting on a delay) still reads its event; and a finished one.
    const wf = await app.api('POST', '/api/v1/workflows', {
      token: apiKey,
      body: { name: 'Wait then tag', enabled: false, trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'x' }] },
    });
    expect(wf.status).toBe(201);
    const run = (id: string, eventId: string, finishedAt: number | null) => ({
      id,
      workspace_id: workspaceId,
      workflow_id: wf.body.id as string,
      event_id: eventId,
      event_type: 'call.missed',
      contact_id: null,
      phone_number_id: null,
      status: finishedAt ? 'completed' : 'waiting',
      reason: null,
      actions: '[]',
      created_at: now - 121 * MIN,
      updated_at: now - 121 * MIN,
      finished_at: finishedAt,
    });
    await insertEvent('ev_old_run_waiting', now - 121 * MIN);
    await insertEvent('ev_old_run_finished', now - 121 * MIN);
    await store.db.insertInto('workflow_runs').values([run('run_a', 'ev_old_run_waiting', null), run('run_b', 'ev_old_run_finished', now - 100 * MIN)] as any).execute();

    const pruned = await app.runtime.worker!.prune();
    expect(pruned.events).toBe(3);
    const left = (await store.db.selectFrom('events').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual(['ev_old_dispatch_pending', 'ev_old_run_waiting', 'ev_recent']);
    await app.api('DELETE', `/api/v1/workflows/${wf.body.id}`, { token: apiKey });
  });
});
