/**
 * Starting several processes at once on one fresh database migrates it exactly once, and a
 * graceful stop lets a running job finish before the worker returns.
 */
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migrateToLatest, openStore, type Store } from '../../src/store/database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  return database;
}

function store(url: string): Store {
  const s = openStore(url, { poolSize: 3 });
  cleanup.push(() => s.close());
  return s;
}

describe('migrations', () => {
  it('run once when four processes start together on an empty database', async () => {
    const database = await freshDatabase();
    const stores = [1, 2, 3, 4].map(() => store(database.url));
    await Promise.all(stores.map((s) => migrateToLatest(s)));
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(stores[0]!.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    // And the schema works: one insert through each connection.
    await migrateToLatest(stores[1]!);
    expect((await stores[2]!.db.selectFrom('jobs').selectAll().execute()).length).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('stops claiming and waits for the running job to finish', async () => {
    const database = await freshDatabase();
    const s = store(database.url);
    await migrateToLatest(s);
    const clock = new ManualClock();
    let release!: () => void;
    const started = new Promise<void>((resolveStarted) => {
      const worker = new JobWorker({
        store: s,
        clock,
        logger: pino({ level: 'silent' }),
        pollMs: 10,
        handlers: {
          slow: () =>
            new Promise<void>((resolve) => {
              release = resolve;
              resolveStarted();
            }),
        },
      });
      cleanup.push(() => worker.stop());
      (globalThis as any).__worker = worker;
      worker.start();
    });
    const { id } = await enqueueJob(s.db, clock.now(), { kind: 'slow', payload: {} });
    await enqueueJob(s.db, clock.now(), { kind: 'slow', payload: {}, runAt: clock.now() + 1 });
    await started;
    const worker = (globalThis as any).__worker as JobWorker;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const rows = await s.db.selectFrom('jobs').select(['id', 'status']).orderBy('id').execute();
    expect(rows.find((r) => r.id === id)?.status).toBe('done');
    // The second job was never started: it waits for the next process.
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
  });
});
