/**
 * The job queue's partial indexes (migrations 016, 018 and 019): each holds only the rows it is for, and the
 * worker's claim, idle look-ahead and pruning are written so that they are used (on SQLite a
 * partial index is chosen when a statement is compiled, so the status must be a literal there;
 * PostgreSQL proves the index's condition from the same literal).
 * Down and up again restore and replace the old full indexes on both databases.
 */
import { CompiledQuery, Migrator, sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import { migrateToLatest, type Store } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations/index.js';
import type { TestDatabase } from '../support/test-database.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

let database: TestDatabase;
let store: Store;
const clock = new ManualClock();

beforeAll(async () => ({ database, store } = await openTestStore()));
afterAll(() => closeTestStore({ database, store }));

async function jobIndexes(): Promise<string[]> {
  const rows =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'jobs' and name like 'jobs_%'`.execute(store.db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'jobs' and indexname like 'jobs_%'`.execute(store.db);
  // Not the primary key's nor the unique key's (PostgreSQL lists those too).
  return rows.rows.map((r) => r.name).filter((n) => !/_(pkey|key)$/.test(n)).sort();
}

/** The SQL the worker sends while `fn` runs, without transaction control (SQLite's group commit wraps even a lone write in one). */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  store.stats.onStatement = (text) => {
    if (!/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(text)) seen.push(text);
  };
  try {
    await fn();
  } finally {
    store.stats.onStatement = undefined;
  }
  return seen;
}

/** The plan of a statement the worker sent (every parameter bound to 1; PostgreSQL told to avoid full scans, as it would on a large table). */
async function planOf(text: string): Promise<string> {
  if (store.dialect === 'sqlite') {
    const params = Array.from(text.matchAll(/\?/g), () => 1);
    const rows = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, params));
    return rows.rows.map((r) => r.detail).join('\n');
  }
  const params = Array.from(new Set(text.match(/\$\d+/g)), () => '1');
  return store.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const rows = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${text}`, params));
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe('partial job indexes', () => {
  it('replace the three full status indexes, and migrating down and up again swaps them back and forth', async () => {
    expect(await jobIndexes()).toEqual(['jobs_finished_at', 'jobs_pending_other', 'jobs_pending_urgent', 'jobs_running_lease']);
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('015-practice');
    expect(down.error).toBeUndefined();
    expect(await jobIndexes()).toEqual(['jobs_due', 'jobs_finished', 'jobs_lease']);
    await migrateToLatest(store);
    expect(await jobIndexes()).toEqual(['jobs_finished_at', 'jobs_pending_other', 'jobs_pending_urgent', 'jobs_running_lease']);
  });

  it('migration 019 keeps every queued job’s place: the kinds 018 listed become urgent, the rest stay bulk, finished jobs are left alone', async () => {
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('018-urgent-jobs-first')).error).toBeUndefined();
    const insert = (id: string, kind: string, status: string) =>
      sql`insert into jobs (id, kind, payload, status, attempts, max_attempts, run_at, created_at, updated_at)
          values (${id}, ${kind}, '{}', ${status}, 0, 8, 0, 0, 0)`.execute(store.db);
    await insert('job_m019_textback', 'textback.send', 'pending');
    await insert('job_m019_agent', 'agent.reply', 'running');
    await insert('job_m019_send', 'message.send', 'pending');
    await insert('job_m019_done', 'textback.send', 'done');
    await migrateToLatest(store);
    const rows = await store.db.selectFrom('jobs').select(['id', 'urgent']).where('id', 'like', 'job_m019_%').orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'job_m019_agent', urgent: 1 },
      { id: 'job_m019_done', urgent: 0 },
      { id: 'job_m019_send', urgent: 0 },
      { id: 'job_m019_textback', urgent: 1 },
    ]);
    if (store.dialect === 'postgres') {
      // Usable by every transaction at once, not only those started after the migration.
      const marked = await sql<{ n: string }>`select count(*) as n from pg_index where indexrelid in ('jobs_pending_urgent'::regclass, 'jobs_pending_other'::regclass) and indcheckxmin`.execute(store.db);
      expect(Number(marked.rows[0]!.n)).toBe(0);
    }
    await store.db.deleteFrom('jobs').where('id', 'like', 'job_m019_%').execute();
  });

  it('the claim, the idle look-ahead and pruning still find their rows', async () => {
    const worker = new JobWorker({ store, clock, logger: pino({ level: 'silent' }), handlers: { k: async () => undefined }, leaseMs: 1_000, jobRetentionMs: 60_000 });
    await enqueueJob(store.db, clock.now(), { kind: 'k', payload: {} });
    await enqueueJob(store.db, clock.now() + 5_000, { kind: 'k', payload: {} });
    const [claimed] = await worker.claim(10);
    expect(claimed).toBeDefined();
    // Lease expired: claimable again, through the index of running jobs.
    clock.advance(2_000);
    expect((await worker.claim(10)).map((j) => j.id)).toEqual([claimed!.id]);
    clock.advance(2_000);
    expect(await worker.drain()).toBe(1);
    clock.advance(5_000);
    expect(await worker.drain()).toBe(1);
    clock.advance(120_000);
    expect(await worker.prune()).toMatchObject({ jobs: 2 });
    expect(await store.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('the claim and pruning are planned onto the partial indexes', async () => {
    const worker = new JobWorker({ store, clock, logger: pino({ level: 'silent' }), handlers: {} });
    const [claim] = await statementsOf(() => worker.claim(4));
    const claimPlan = await planOf(claim!);
    expect(claimPlan).toContain('jobs_pending_urgent');
    // Not the index of every pending job: the other kinds' look-up must not walk past urgent ones.
    expect(claimPlan).toContain('jobs_pending_other');
    expect(claimPlan).toContain('jobs_running_lease');
    const prunes = await statementsOf(() => worker.prune());
    expect(await planOf(prunes[0]!)).toContain('jobs_finished_at');
  });
});
