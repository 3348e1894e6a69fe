/**
 * A query compiled once (store/prepared-query.ts) binds each execution's own values, keeps the
 * values the query itself holds, and runs the same inside and outside a transaction — on the
 * database of this run (TEST_DATABASE), through the real store.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.js';
import { placeholderRow, preparedQuery } from '../../src/store/prepared-query.js';
import type { JobsTable } from '../../src/store/schema.js';
import type { TestDatabase } from '../support/test-database.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

let database: TestDatabase;
let store: Store;
beforeAll(async () => ({ database, store } = await openTestStore({ poolSize: 2 })));
afterAll(() => closeTestStore({ database, store }));

const JOB_COLUMNS = ['id', 'workspace_id', 'kind', 'unique_key', 'payload', 'status', 'attempts', 'max_attempts', 'run_at', 'locked_by', 'locked_until', 'last_error', 'nudged_run_at', 'created_at', 'updated_at'] as const;
const insertJob = preparedQuery((db, p: JobsTable) => db.insertInto('jobs').values(placeholderRow(p, JOB_COLUMNS)));
// 'pending' and the IN list are the query's own values; kind and the time are bound per call.
const pendingOfKindDueBy = preparedQuery((db, p: { kind: string; by: number }) =>
  db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', p.kind).where('status', '=', 'pending').where('run_at', '<=', p.by).where('attempts', 'in', [0, 1]).orderBy('id'),
);

const job = (id: string, kind: string, runAt: number, status: JobsTable['status'] = 'pending'): JobsTable => ({
  id,
  workspace_id: null,
  kind,
  unique_key: null,
  payload: JSON.stringify({ id }),
  status,
  attempts: 0,
  max_attempts: 8,
  run_at: runAt,
  locked_by: null,
  locked_until: null,
  last_error: null,
  nudged_run_at: null,
  created_at: runAt,
  updated_at: runAt,
  urgent: 0,
});

it('binds each execution its own values and keeps the values the query holds, in and outside a transaction', async () => {
  await insertJob(store.db, job('job_a', 'alpha', 100));
  await store.db.transaction().execute(async (trx) => {
    await insertJob(trx, job('job_b', 'alpha', 200));
    await insertJob(trx, job('job_c', 'beta', 100));
    await insertJob(trx, job('job_d', 'alpha', 100, 'done'));
  });
  expect((await pendingOfKindDueBy(store.db, { kind: 'alpha', by: 150 })).rows).toEqual([{ id: 'job_a', payload: '{"id":"job_a"}' }]);
  expect((await pendingOfKindDueBy(store.db, { kind: 'alpha', by: 250 })).rows.map((r) => r.id)).toEqual(['job_a', 'job_b']);
  const inTransaction = await store.db.transaction().execute((trx) => pendingOfKindDueBy(trx, { kind: 'beta', by: 250 }));
  expect(inTransaction.rows.map((r) => r.id)).toEqual(['job_c']);
  const stored = await store.db.selectFrom('jobs').selectAll().where('id', '=', 'job_b').executeTakeFirstOrThrow();
  expect(stored).toEqual(job('job_b', 'alpha', 200));
});
