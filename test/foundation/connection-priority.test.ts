/**
 * When every database connection is busy, the job worker's statements (through store.jobDb) get the
 * next one before a webhook's (store.db; store/connection-priority.ts), but a long line of jobs
 * still lets a webhook through every few turns; the dashboard's long reads (store.reportDb) come
 * after both — on the database of this run (TEST_DATABASE), through the real store, with one
 * connection so the order is exact.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import { JOB_TURNS } from '../../src/store/connection-priority.js';
import type { Store } from '../../src/store/database.js';
import type { TestDatabase } from '../support/test-database.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

let database: TestDatabase;
let store: Store;
beforeAll(async () => ({ database, store } = await openTestStore({ poolSize: 1 })));
afterAll(() => closeTestStore({ database, store }));

/** Holds the only connection in an open transaction until the returned function is called. */
async function holdTheConnection(): Promise<{ release: () => Promise<void> }> {
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  let started!: () => void;
  const isHeld = new Promise<void>((resolve) => (started = resolve));
  const done = store.db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    started();
    await held;
  });
  await isHeld;
  return {
    release: async () => {
      letGo();
      await done;
    },
  };
}

it('hands a freed connection to waiting job work before a webhook that asked first', async () => {
  const order: string[] = [];
  const holder = await holdTheConnection();
  const web = sql`select 1`.execute(store.db).then(() => order.push('web'));
  const job = sql`select 1`.execute(store.jobDb).then(() => order.push('job'));
  await holder.release();
  await Promise.all([web, job]);
  expect(order).toEqual(['job', 'web']);
});

it('lets a waiting webhook through after a few turns of jobs, so a deep backlog never starves it', async () => {
  const order: string[] = [];
  const holder = await holdTheConnection();
  const web = sql`select 1`.execute(store.db).then(() => order.push('web'));
  const jobs = Array.from({ length: JOB_TURNS + 2 }, (_, i) =>
    sql`select 1`.execute(store.jobDb).then(() => order.push(`job${i}`)),
  );
  await holder.release();
  await Promise.all([web, ...jobs]);
  expect(order).toEqual([...Array.from({ length: JOB_TURNS }, (_, i) => `job${i}`), 'web', `job${JOB_TURNS}`, `job${JOB_TURNS + 1}`]);
});

it("runs the dashboard's long reads after jobs and webhooks on PostgreSQL, and beside them on a SQLite file (their own thread)", async () => {
  const order: string[] = [];
  const holder = await holdTheConnection();
  const report = sql`select 1`.execute(store.reportDb).then(() => order.push('report'));
  const web = sql`select 1`.execute(store.db).then(() => order.push('web'));
  const job = sql`select 1`.execute(store.jobDb).then(() => order.push('job'));
  if (store.dialect === 'sqlite') {
    // Answered while the connection is held: the report never waited for it.
    await report;
    expect(order).toEqual(['report']);
  }
  await holder.release();
  await Promise.all([report, web, job]);
  expect(order).toEqual(store.dialect === 'sqlite' ? ['report', 'job', 'web'] : ['job', 'web', 'report']);
});

it('runs work at once while a connection is free, whoever asks', async () => {
  const rows = await Promise.all([sql<{ n: number }>`select 1 as n`.execute(store.db), sql<{ n: number }>`select 2 as n`.execute(store.jobDb)]);
  expect(rows.map((r) => Number(r.rows[0]!.n))).toEqual([1, 2]);
});

it('gives a job handler the job lane: its db, and a transaction of it, reach a freed connection before a webhook', async () => {
  const clock = new ManualClock();
  await enqueueJob(store.db, clock.now(), { kind: 'k', payload: {} });
  const order: string[] = [];
  const worker = new JobWorker({
    store,
    clock,
    logger: pino({ level: 'silent' }),
    handlers: {
      k: async (_job, { db }) => {
        const holder = await holdTheConnection();
        // The order in which they reach the connection (on SQLite the transaction then waits for its
        // group's COMMIT, while a read outside one does not: their ends can come in either order).
        store.stats.onStatement = (text) => {
          const who = /select '(web|job)'/.exec(text)?.[1];
          if (who) order.push(who);
        };
        const web = sql`select 'web'`.execute(store.db);
        const job = db.transaction().execute((trx) => sql`select 'job'`.execute(trx));
        await holder.release();
        await Promise.all([web, job]);
        store.stats.onStatement = undefined;
      },
    },
  });
  expect(await worker.drain()).toBe(1);
  expect(order).toEqual(['job', 'web']);
});
