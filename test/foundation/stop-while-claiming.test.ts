/**
 * A worker told to stop while its claim is on its way to the database starts none of the jobs that
 * claim brings back: they go back to the queue at once (pending, the attempt not counted), for
 * whoever runs next, rather than running on a worker that is shutting down. PostgreSQL only: the
 * claim is held on its way by another connection's lock on the jobs table (SQLite's one connection
 * has no second writer to wait for).
 */
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import type { Store } from '../../src/store/database.js';
import { testDialect, type TestDatabase } from '../support/test-database.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

describe.skipIf(testDialect !== 'postgres')('a worker stopped while its claim is on its way', () => {
  let database: TestDatabase;
  let store: Store;
  const clock = new ManualClock();

  beforeAll(async () => {
    ({ database, store } = await openTestStore());
  });
  afterAll(async () => closeTestStore({ database, store }));

  it('puts what the claim took back in the queue and runs none of it', async () => {
    const { id } = await enqueueJob(store.db, clock.now(), { kind: 'k', payload: {} });
    const ran: string[] = [];
    const worker = new JobWorker({ store, clock, logger: pino({ level: 'silent' }), handlers: { k: async (job) => void ran.push(job.id) } });

    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table jobs in access exclusive mode');
      worker.start();
      // The worker's statements now wait for the lock: its claim is on its way.
      await expect
        .poll(async () => Number((await locker.query("select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")).rows[0].n), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      const stopping = worker.stop();
      await locker.query('commit');
      await stopping;
    } finally {
      await locker.end();
    }

    expect(ran).toEqual([]);
    expect(await store.db.selectFrom('jobs').select(['status', 'attempts', 'locked_by']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      status: 'pending',
      attempts: 0,
      locked_by: null,
    });
  });
});
