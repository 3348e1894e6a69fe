/**
 * The jobs table: idempotent enqueue, retries with backoff, dead letters, lease recovery after a
 * killed worker, and several worker processes draining one table with no job run twice or lost.
 */
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { leaseHeld, waitOffSlot } from '../../src/jobs/follow-up-scope.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { DeferJob, PermanentJobError } from '../../src/jobs/job-errors.js';
import { JobWorker, urgentSlotsKept, type JobHandler } from '../../src/jobs/job-worker.js';
import { heartbeatsByHand, type HeartbeatSchedule } from '../../src/jobs/lease-heartbeat.js';
import { jobDefinitions } from '../../src/jobs/registry.js';
import type { Store } from '../../src/store/database.js';
import type { TestDatabase } from '../support/test-database.js';
import { heldAnswers } from '../support/held-answers.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

let database: TestDatabase;
let store: Store;
const clock = new ManualClock();
const silent = pino({ level: 'silent' });

function makeWorker(
  handlers: Record<string, JobHandler>,
  opts: { workerId?: string; leaseMs?: number; concurrency?: number; logger?: pino.Logger; heartbeats?: HeartbeatSchedule; waitsOffSlot?: number } = {},
) {
  return new JobWorker({ store, clock, logger: silent, handlers, random: () => 0.5, ...opts });
}

async function job(id: string) {
  return store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  ({ database, store } = await openTestStore());
  await sql`create table test_job_runs (job_id text not null, worker text not null, started_at bigint not null, finished_at bigint not null)`.execute(store.db);
});

afterAll(() => closeTestStore({ database, store }));

beforeEach(async () => {
  await store.db.deleteFrom('jobs').execute();
  await sql`delete from test_job_runs`.execute(store.db);
});

describe('enqueue', () => {
  it('creates one job per unique key, even when the same key is enqueued concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => enqueueJob(store.db, clock.now(), { kind: 'k', payload: {}, uniqueKey: 'once' })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await store.db.selectFrom('jobs').selectAll().execute();
    expect(rows).toHaveLength(1);
  });

  it('is atomic with the caller transaction: a rolled-back transaction leaves no job', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, clock.now(), { kind: 'k', payload: {} });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await store.db.selectFrom('jobs').selectAll().execute()).toHaveLength(0);
  });

  it('does not run a delayed job before its time', async () => {
    const runs: string[] = [];
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'k', payload: { n: 1 }, runAt: clock.now() + 60_000 });
    const worker = makeWorker({ k: async (j) => void runs.push(j.id) });
    expect(await worker.drain()).toBe(0);
    clock.advance(60_000);
    expect(await worker.drain()).toBe(1);
    expect(runs).toEqual([id]);
    expect((await job(id!)).status).toBe('done');
  });
});

describe('urgent jobs first', () => {
  it('a due urgent job is claimed before older bulk work, and the bulk work still follows', async () => {
    const bulk: string[] = [];
    for (let i = 0; i < 5; i++) bulk.push((await enqueueJob(store.db, clock.now() - 60_000 + i, { kind: 'workflow.step', payload: { i } })).id!);
    const inbound = await enqueueJob(store.db, clock.now() - 1_000, { kind: 'message.received', payload: {}, urgent: true });
    const reply = await enqueueJob(store.db, clock.now(), { kind: 'message.send', payload: {}, urgent: true });
    const worker = makeWorker({});
    // The urgent jobs by their due time, before any bulk job however long it waited.
    expect((await worker.claim(1)).map((j) => j.id)).toEqual([inbound.id]);
    expect((await worker.claim(1)).map((j) => j.id)).toEqual([reply.id]);
    expect((await worker.claim(10)).map((j) => j.id).sort()).toEqual([...bulk].sort());
    expect(await worker.claim(10)).toEqual([]);
  });

  it('urgency is the job’s, not its kind’s: a send queued urgent goes before older sends of the same kind queued as bulk', async () => {
    const welcome = await enqueueJob(store.db, clock.now() - 60_000, { kind: 'message.send', payload: { n: 1 } });
    const reply = await enqueueJob(store.db, clock.now(), { kind: 'message.send', payload: { n: 2 }, urgent: true });
    const worker = makeWorker({});
    expect((await worker.claim(1)).map((j) => j.id)).toEqual([reply.id]);
    expect((await worker.claim(1)).map((j) => j.id)).toEqual([welcome.id]);
  });

  it('an urgent job not yet due waits its time, and a claim wider than the urgent jobs fills up with the rest', async () => {
    const later = await enqueueJob(store.db, clock.now(), { kind: 'textback.send', payload: {}, runAt: clock.now() + 30_000, urgent: true });
    const now = await enqueueJob(store.db, clock.now(), { kind: 'textback.send', payload: {}, urgent: true });
    const bulk = await enqueueJob(store.db, clock.now() - 5_000, { kind: 'knowledge.embed', payload: {} });
    const worker = makeWorker({});
    expect((await worker.claim(10)).map((j) => j.id).sort()).toEqual([now.id, bulk.id].sort());
    clock.advance(30_000);
    expect((await worker.claim(10)).map((j) => j.id)).toEqual([later.id]);
  });

  it('a failed urgent job is retried urgent: after its backoff it goes before older bulk work', async () => {
    const reply = await enqueueJob(store.db, clock.now(), { kind: 'flaky', payload: {}, urgent: true });
    const worker = makeWorker({
      flaky: async () => {
        throw new Error('carrier down');
      },
    });
    expect(await worker.drain()).toBe(1);
    expect(await job(reply.id!)).toMatchObject({ status: 'pending', attempts: 1, urgent: 1 });
    const bulk = await enqueueJob(store.db, clock.now() - 60_000, { kind: 'bulk', payload: {} });
    clock.advance(10 * 60_000);
    expect((await worker.claim(1)).map((j) => j.id)).toEqual([reply.id]);
    expect((await worker.claim(1)).map((j) => j.id)).toEqual([bulk.id]);
  });

  it('a job queued by a running job is as urgent as that job, unless its caller says otherwise', async () => {
    await enqueueJob(store.db, clock.now(), { kind: 'parent', payload: { name: 'reply' }, urgent: true });
    await enqueueJob(store.db, clock.now(), { kind: 'parent', payload: { name: 'import' } });
    const worker = makeWorker({
      parent: async (job, run) => {
        const later = clock.now() + 60_000;
        await enqueueJob(run.db, clock.now(), { kind: 'child', payload: { of: job.payload.name }, runAt: later });
        await run.db.transaction().execute((trx) => enqueueJob(trx, clock.now(), { kind: 'child', payload: { of: job.payload.name, told: 'bulk' }, runAt: later, urgent: false }));
      },
    });
    expect(await worker.drain()).toBe(2);
    const children = await store.db.selectFrom('jobs').select(['payload', 'urgent']).where('kind', '=', 'child').execute();
    expect(children.map((c) => [c.payload, c.urgent]).sort()).toEqual([
      ['{"of":"import","told":"bulk"}', 0],
      ['{"of":"import"}', 0],
      ['{"of":"reply","told":"bulk"}', 0],
      ['{"of":"reply"}', 1],
    ]);
  });

  it('a claim takes bulk jobs only up to its bulk limit, and urgent ones beyond it', async () => {
    for (let i = 0; i < 5; i++) await enqueueJob(store.db, clock.now() - 60_000, { kind: 'bulk', payload: { i } });
    const urgent = await enqueueJob(store.db, clock.now(), { kind: 'reply', payload: {}, urgent: true });
    const worker = makeWorker({});
    const claimed = await worker.claim(4, 1);
    expect(claimed.map((j) => j.kind).sort()).toEqual(['bulk', 'reply']);
    expect(claimed.find((j) => j.kind === 'reply')!.id).toBe(urgent.id);
    expect((await worker.claim(4, 0)).map((j) => j.kind)).toEqual([]);
  });

  it('a job whose worker died keeps its urgency: an urgent one comes back before older bulk work, and bulk ones taken over count against the bulk limit', async () => {
    const reply = await enqueueJob(store.db, clock.now(), { kind: 'reply', payload: {}, urgent: true });
    const taken: string[] = [];
    for (let i = 0; i < 3; i++) taken.push((await enqueueJob(store.db, clock.now() - 120_000 + i, { kind: 'bulk', payload: { taken: i } })).id!);
    const dead = makeWorker({}, { workerId: 'dead', leaseMs: 30_000 });
    expect((await dead.claim(10)).map((j) => j.id).sort()).toEqual([reply.id, ...taken].sort());
    // Queued after the dead worker's claim, but waiting longer than the reply.
    const waiting: string[] = [];
    for (let i = 0; i < 5; i++) waiting.push((await enqueueJob(store.db, clock.now() - 60_000 + i, { kind: 'bulk', payload: { waiting: i } })).id!);
    clock.advance(30_001);

    const alive = makeWorker({}, { workerId: 'alive', leaseMs: 30_000 });
    expect((await alive.claim(1)).map((j) => j.id)).toEqual([reply.id]);
    // Two bulk slots free: the two oldest bulk jobs, taken over or queued, and no more.
    expect((await alive.claim(10, 2)).map((j) => j.id).sort()).toEqual(taken.slice(0, 2).sort());
    expect((await alive.claim(10, 2)).map((j) => j.id).sort()).toEqual([taken[2]!, waiting[0]!].sort());
  });

  it('the loop keeps slots for urgent work: with every other slot busy on bulk jobs, an urgent job starts at once', async () => {
    const concurrency = 8;
    expect(urgentSlotsKept(concurrency)).toBe(1);
    for (let i = 0; i < 10; i++) await enqueueJob(store.db, clock.now() - 60_000, { kind: 'bulk', payload: { i } });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let bulkStarted = 0;
    let onBulkStart: (() => void) | undefined;
    let urgentStarted!: () => void;
    const urgentRan = new Promise<void>((resolve) => (urgentStarted = resolve));
    const worker = makeWorker(
      {
        bulk: async () => {
          bulkStarted++;
          onBulkStart?.();
          await released;
        },
        reply: async () => urgentStarted(),
      },
      { concurrency },
    );
    /** Resolves once `n` bulk jobs have started (at once if they already have). */
    const startedAll = (n: number) =>
      new Promise<void>((resolve) => {
        onBulkStart = () => bulkStarted >= n && resolve();
        onBulkStart();
      });
    const sevenStarted = startedAll(concurrency - 1);
    worker.start();
    try {
      await sevenStarted;
      // Every slot on bulk work would start an eighth bulk job here instead.
      const eighth = startedAll(concurrency).then(() => 'an eighth bulk job took the kept slot');
      await enqueueJob(store.db, clock.now(), { kind: 'reply', payload: {}, urgent: true });
      worker.wake();
      expect(await Promise.race([urgentRan.then(() => 'urgent job started'), eighth])).toBe('urgent job started');
      expect(bulkStarted).toBe(concurrency - 1);
    } finally {
      release();
      await worker.stop();
    }
  });

  it('the kinds someone always waits on are queued urgent through enqueue; every other kind is not', () => {
    const urgent = jobDefinitions.filter((d) => d.urgent).map((d) => d.name).sort();
    expect(urgent).toEqual(['agent.reply', 'call.settle', 'message.received', 'password-reset.request', 'textback.send']);
  });
});

describe('waits on a carrier', () => {
  /** A carrier that answers only when told; each request is labelled with its job's kind. */
  function heldCarrier() {
    const held = heldAnswers();
    return Object.assign(held, { request: (kind: string) => () => held.arrive(kind) });
  }

  it('a job gives its slot back while the carrier answers: a worker of 4 slots has 12 sends waiting at once, each still leased', async () => {
    const carrier = heldCarrier();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await enqueueJob(store.db, clock.now(), { kind: 'send', payload: { i }, urgent: true })).id!);
    const worker = makeWorker({ send: (_job, run) => waitOffSlot(run.db, carrier.request('send')) }, { concurrency: 4 });
    worker.start();
    try {
      // With each send holding its slot, four would wait and the rest stay queued behind them.
      await carrier.waiting(12);
      const rows = await store.db.selectFrom('jobs').select(['status', 'locked_by']).where('id', 'in', ids).execute();
      expect(rows.every((r) => r.status === 'running' && r.locked_by?.startsWith(worker.workerId))).toBe(true);
    } finally {
      carrier.answer();
      await worker.stop();
    }
    const done = await store.db.selectFrom('jobs').select('status').where('id', 'in', ids).execute();
    expect(done.map((r) => r.status)).toEqual(Array(12).fill('done'));
  });

  it('bulk work waiting on the carrier still counts against its share of the slots: the slots it gives back serve urgent work only', async () => {
    const concurrency = 8;
    const carrier = heldCarrier();
    for (let i = 0; i < 10; i++) await enqueueJob(store.db, clock.now() - 60_000, { kind: 'bulk', payload: { i } });
    const worker = makeWorker(
      {
        bulk: (_job, run) => waitOffSlot(run.db, carrier.request('bulk')),
        reply: (_job, run) => waitOffSlot(run.db, carrier.request('reply')),
      },
      { concurrency },
    );
    worker.start();
    try {
      await carrier.waiting(concurrency - urgentSlotsKept(concurrency));
      for (let i = 0; i < 3; i++) await enqueueJob(store.db, clock.now(), { kind: 'reply', payload: { i }, urgent: true });
      worker.wake();
      // Every reply gets a slot and waits off it; the three bulk jobs left stay queued.
      await carrier.waiting(concurrency - 1 + 3);
      expect(carrier.arrivals.filter((k) => k === 'bulk')).toHaveLength(concurrency - 1);
      expect(carrier.arrivals.filter((k) => k === 'reply')).toHaveLength(3);
    } finally {
      carrier.answer();
      await worker.stop();
    }
  });

  it('at most `waitsOffSlot` jobs wait off their slots at once: the next one waits in its slot', async () => {
    const carrier = heldCarrier();
    for (let i = 0; i < 2; i++) await enqueueJob(store.db, clock.now(), { kind: 'send', payload: { i }, urgent: true });
    const worker = makeWorker({ send: (_job, run) => waitOffSlot(run.db, carrier.request('send')) }, { concurrency: 1, waitsOffSlot: 1 });
    worker.start();
    try {
      // The first gave the one slot back, so the second started; it may not give the slot back too,
      // so no slot is free for a webhook's text-back to be handed to.
      await carrier.waiting(2);
      expect(worker.reserveSlot()).toBeNull();
    } finally {
      carrier.answer();
      await worker.stop();
    }
  });

  it('a job run by drain() and a request outside any job simply run', async () => {
    const carrier = heldCarrier();
    await enqueueJob(store.db, clock.now(), { kind: 'send', payload: {}, urgent: true });
    const worker = makeWorker({ send: (_job, run) => waitOffSlot(run.db, carrier.request('send')) });
    carrier.answer();
    expect(await worker.drain()).toBe(1);
    expect(await waitOffSlot(store.db, async () => 'ran')).toBe('ran');
  });
});

describe('failures', () => {
  it('retries with exponential backoff and keeps the last error', async () => {
    let calls = 0;
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'flaky', payload: {}, maxAttempts: 5 });
    const worker = makeWorker({
      flaky: async () => {
        calls++;
        if (calls < 3) throw new Error(`boom ${calls}`);
      },
    });
    await worker.drain();
    let row = await job(id!);
    expect(row.status).toBe('pending');
    expect(row.last_error).toBe('boom 1');
    const firstDelay = row.run_at - clock.now();
    expect(firstDelay).toBeGreaterThanOrEqual(1_000);

    clock.advance(firstDelay);
    await worker.drain();
    row = await job(id!);
    expect(row.last_error).toBe('boom 2');
    // The second wait is longer than the first (exponential).
    expect(row.run_at - clock.now()).toBeGreaterThan(firstDelay);

    clock.advance(row.run_at - clock.now());
    await worker.drain();
    row = await job(id!);
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(3);
  });

  it('marks a job dead after max attempts, with the last error', async () => {
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'bad', payload: {}, maxAttempts: 3 });
    const worker = makeWorker({ bad: async () => Promise.reject(new Error('always fails')) });
    for (let i = 0; i < 3; i++) {
      await worker.drain();
      clock.advance(3_600_000);
    }
    const row = await job(id!);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBe('always fails');
  });

  it('sends a permanent error straight to dead', async () => {
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'perm', payload: {} });
    await makeWorker({ perm: async () => Promise.reject(new PermanentJobError('invalid number')) }).drain();
    expect((await job(id!)).status).toBe('dead');
  });

  it('a deferral waits without using up an attempt', async () => {
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'wait', payload: {}, maxAttempts: 1 });
    let runs = 0;
    const worker = makeWorker({
      wait: async () => {
        runs++;
        if (runs < 3) throw new DeferJob(clock.now() + 1_000, 'not yet');
      },
    });
    for (let i = 0; i < 3; i++) {
      await worker.drain();
      clock.advance(1_000);
    }
    expect(runs).toBe(3);
    expect((await job(id!)).status).toBe('done');
  });
});

describe('leases', () => {
  it('a job whose worker died is picked up again after its lease expires, and the dead worker cannot finish it', async () => {
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'k', payload: {} });
    const dead = makeWorker({}, { workerId: 'dead', leaseMs: 30_000 });
    // The first worker claims the job and then "dies": it never reports back.
    const claimed = await dead.claim(1);
    expect(claimed.map((j) => j.id)).toEqual([id]);

    const runs: string[] = [];
    const alive = makeWorker({ k: async () => void runs.push('alive') }, { workerId: 'alive', leaseMs: 30_000 });
    expect(await alive.drain()).toBe(0); // lease still held
    clock.advance(30_001);
    expect(await alive.drain()).toBe(1);
    expect(runs).toEqual(['alive']);
    const row = await job(id!);
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(2);
  });

  it('a running job knows whether its lease still holds: not once it ran out, again after a heartbeat, not once the job was taken', async () => {
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'stalls', payload: {} });
    const LEASE_MS = 3_000;
    const heartbeats = heartbeatsByHand();
    const seen: Record<string, boolean> = {};
    const worker = makeWorker(
      {
        stalls: async (_job, run) => {
          seen.atStart = leaseHeld(run.db, clock.now());
          // The worker "stalls" past most of its lease: another worker may take the job soon.
          clock.advance(LEASE_MS - 500);
          seen.nearTheEnd = leaseHeld(run.db, clock.now());
          // Alive after all: its heartbeat moves the lease on from the current time.
          expect(await heartbeats.beat()).toBe(1);
          seen.afterHeartbeat = leaseHeld(run.db, clock.now());
          expect(Number((await job(id!)).locked_until)).toBe(clock.now() + LEASE_MS);
          // Another worker took the job over: the next heartbeat finds it no longer this worker's.
          await store.db.updateTable('jobs').set({ locked_by: 'someone-else' }).where('id', '=', id!).execute();
          seen.beforeTheNextBeat = leaseHeld(run.db, clock.now());
          await heartbeats.beat();
          seen.afterTakeover = leaseHeld(run.db, clock.now());
        },
      },
      { leaseMs: LEASE_MS, heartbeats: heartbeats.schedule },
    );
    expect(await worker.drain()).toBe(1);
    expect(seen).toEqual({ atStart: true, nearTheEnd: false, afterHeartbeat: true, beforeTheNextBeat: true, afterTakeover: false });
    // The heartbeat stopped with the job, and outside a job nothing can take the work over.
    expect(await heartbeats.beat()).toBe(0);
    expect(leaseHeld(store.db, clock.now())).toBe(true);
  });
});

describe('a job whose outcome cannot be written', () => {
  /**
   * Makes the database refuse every write that ends a running job of `kind` (done, failed, retried),
   * as a database that stays locked or goes away mid-job would.
   */
  async function refuseFinishing(kind: string): Promise<() => Promise<void>> {
    if (database.dialect === 'sqlite') {
      await sql.raw(`create trigger test_refuse_finishing before update on jobs when old.status = 'running' and new.status <> 'running' and new.kind = '${kind}'
          begin select raise(abort, 'the database refused the write'); end`).execute(store.db);
      return async () => void (await sql`drop trigger test_refuse_finishing`.execute(store.db));
    }
    await sql.raw(`create function test_refuse_finishing() returns trigger language plpgsql as $$ begin
          if old.status = 'running' and new.status <> 'running' and new.kind = '${kind}' then raise exception 'the database refused the write'; end if;
          return new; end $$`).execute(store.db);
    await sql`create trigger test_refuse_finishing before update on jobs for each row execute function test_refuse_finishing()`.execute(store.db);
    return async () => {
      await sql`drop trigger test_refuse_finishing on jobs`.execute(store.db);
      await sql`drop function test_refuse_finishing()`.execute(store.db);
    };
  }

  const LEASE_MS = 30_000;

  /** A logger keeping what the worker logs at error level; `onLog` is called after each line. */
  function capturingLogger() {
    const captured = { logged: [] as Array<{ msg: string; jobId?: string }>, onLog: undefined as (() => void) | undefined };
    const logger = pino({ level: 'error' }, { write: (line: string) => void (captured.logged.push(JSON.parse(line)), captured.onLog?.()) });
    return { logger, captured };
  }

  const byKind = async (kind: string) => store.db.selectFrom('jobs').selectAll().where('kind', '=', kind).executeTakeFirstOrThrow();

  /** Queues a job of `kind` and drains `worker` while the finishing writes of `fragile` jobs are refused. */
  async function drainRefusingFragile(worker: JobWorker, kind: string): Promise<void> {
    const allowWrites = await refuseFinishing('fragile');
    try {
      await enqueueJob(store.db, clock.now(), { kind, payload: {} });
      await worker.drain();
    } finally {
      await allowWrites();
    }
  }

  /** The `fragile` job's outcome was lost: its row still holds the lease of that run, and the worker said so. */
  async function expectFragileOutcomeLost(captured: ReturnType<typeof capturingLogger>['captured']) {
    const fragile = await byKind('fragile');
    expect(fragile.status).toBe('running');
    expect(captured.logged.find((l) => l.jobId === fragile.id)?.msg).toMatch(/could not record/);
  }

  it('does not take the process down: the worker logs it, goes on running jobs, and runs it again once its lease runs out', async () => {
    const { logger, captured } = capturingLogger();
    const { logged } = captured;
    const onLog = () => captured.onLog?.();
    const until = (ready: () => boolean) =>
      new Promise<void>((resolve) => {
        captured.onLog = () => ready() && resolve();
        onLog();
      });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void (unhandled.push(reason), onLog());
    process.on('unhandledRejection', onUnhandled);
    const runs: string[] = [];
    let ran: (() => void) | undefined;
    const handler: JobHandler = async (j) => {
      runs.push(j.kind);
      ran?.();
    };
    const worker = makeWorker({ fragile: handler, k: handler }, { logger, leaseMs: LEASE_MS });
    const allowWrites = await refuseFinishing('fragile');
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'fragile', payload: {} });
    let other!: { id: string | null };
    worker.start();
    try {
      // What the process would die of, unheard: a rejection nobody handles (Node exits on one).
      await until(() => unhandled.length > 0 || logged.some((l) => l.jobId === id));
      expect(unhandled).toEqual([]);
      expect(logged.find((l) => l.jobId === id)?.msg).toMatch(/could not record/);
      // Still serving: the next job runs…
      const next = new Promise<void>((resolve) => (ran = resolve));
      other = await enqueueJob(store.db, clock.now(), { kind: 'k', payload: {} });
      worker.wake();
      await next;
      // …and is recorded, before the clock moves past every lease below (or it would be taken again).
      await expect.poll(async () => (await job(other.id!)).status, { timeout: 10_000 }).toBe('done');
      // The lost outcome's job still holds the lease of its run…
      expect((await job(id!)).status).toBe('running');
      // …so once the database takes writes again and the lease has run out, it runs again, as after a worker that died.
      await allowWrites();
      const again = new Promise<void>((resolve) => (ran = resolve));
      clock.advance(LEASE_MS + 1);
      worker.wake();
      await again;
    } finally {
      // Stopping waits for the jobs in flight, so what they wrote is there to read.
      await worker.stop();
      process.off('unhandledRejection', onUnhandled);
    }
    expect(runs).toEqual(['fragile', 'k', 'fragile']);
    expect(await job(id!)).toMatchObject({ status: 'done', attempts: 2 });
    expect(unhandled).toEqual([]);
  });

  it("in a chain, one follow-up's lost outcome does not hold the follow-ups after it", async () => {
    const { logger, captured } = capturingLogger();
    const runs: string[] = [];
    const worker = makeWorker(
      {
        // Its two follow-ups are taken by this worker as they are queued, and run after it in that order.
        parent: async (_job, run) => {
          runs.push('parent');
          await enqueueJob(run.db, clock.now(), { kind: 'fragile', payload: {} });
          await enqueueJob(run.db, clock.now(), { kind: 'k', payload: {} });
        },
        fragile: async () => void runs.push('fragile'),
        k: async () => void runs.push('k'),
      },
      { logger, leaseMs: LEASE_MS },
    );
    await drainRefusingFragile(worker, 'parent');
    expect(runs).toEqual(['parent', 'fragile', 'k']);
    expect((await byKind('k')).status).toBe('done');
    await expectFragileOutcomeLost(captured);
    // Once its lease has run out, it runs again.
    clock.advance(LEASE_MS + 1);
    await worker.drain();
    expect(runs).toEqual(['parent', 'fragile', 'k', 'fragile']);
    expect((await byKind('fragile')).status).toBe('done');
  });

  it('a job whose own outcome is lost still runs the follow-ups it queued, at once', async () => {
    const { logger, captured } = capturingLogger();
    const runs: string[] = [];
    const worker = makeWorker(
      {
        fragile: async (_job, run) => {
          runs.push('fragile');
          await enqueueJob(run.db, clock.now(), { kind: 'k', payload: {} });
        },
        k: async () => void runs.push('k'),
      },
      { logger, leaseMs: LEASE_MS },
    );
    await drainRefusingFragile(worker, 'fragile');
    expect(runs).toEqual(['fragile', 'k']);
    expect((await byKind('k')).status).toBe('done');
    await expectFragileOutcomeLost(captured);
  });
});

describe('several worker processes', () => {
  it('drain 1,000 jobs with none run twice and none lost', async () => {
    const now = Date.now();
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1000; i++) await enqueueJob(trx, now, { kind: 'test.record', payload: { i } });
    });
    const processes = ['p1', 'p2', 'p3', 'p4'].map(
      (workerId) =>
        new Promise<number>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/job-worker-process.ts'], {
            env: { ...process.env, DATABASE_URL: database.url, WORKER_ID: workerId },
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          child.on('error', reject);
          child.on('exit', (code) => resolve(code ?? -1));
        }),
    );
    expect(await Promise.all(processes)).toEqual([0, 0, 0, 0]);

    const runs = await sql<{ job_id: string; worker: string }>`select job_id, worker from test_job_runs`.execute(store.db);
    const ids = runs.rows.map((r) => r.job_id);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    const statuses = await store.db.selectFrom('jobs').select('status').distinct().execute();
    expect(statuses.map((s) => s.status)).toEqual(['done']);
    // The work really was shared.
    expect(new Set(runs.rows.map((r) => r.worker)).size).toBeGreaterThan(1);
  }, 120_000);
});

describe('nudges', () => {
  it('a job nudged while its handler decides to wait runs again at the nudged time, not the deferred one', async () => {
    const { advanceJob } = await import('../../src/jobs/job-queue.js');
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'waits', payload: {}, uniqueKey: 'nudge-me' });
    let runs = 0;
    const worker = makeWorker({
      waits: async () => {
        runs++;
        if (runs === 1) {
          // The event the handler waits for lands while it is still running…
          await advanceJob(store.db, 'nudge-me', clock.now(), clock.now());
          // …and the handler, having read the old state, decides to wait 15 s.
          throw new DeferJob(clock.now() + 15_000, 'waiting for the call to end');
        }
      },
    });
    await worker.drain();
    expect(runs).toBe(2);
    expect((await job(id!)).status).toBe('done');
  });

  it('a plain deferral still waits its time', async () => {
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'waits2', payload: {} });
    let runs = 0;
    const worker = makeWorker({
      waits2: async () => {
        runs++;
        if (runs === 1) throw new DeferJob(clock.now() + 15_000, 'later');
      },
    });
    await worker.drain();
    expect(runs).toBe(1);
    clock.advance(15_000);
    await worker.drain();
    expect(runs).toBe(2);
    expect((await job(id!)).status).toBe('done');
  });
});
