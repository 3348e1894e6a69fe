/**
 * A PostgreSQL connection lost while a transaction holds it between two statements (a server restart,
 * a failover, an administrator's pg_terminate_backend): that transaction fails, the process does not
 * (pg-pool listens for a connection's errors only while it is idle in the pool; store/database.ts
 * listens for the rest), and the store goes on serving on a new connection. Without that listener the
 * connection's 'error' event reaches no one: Node would end a server there, and Vitest fails the run
 * with the unhandled error. PostgreSQL only.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.js';
import { testDialect, type TestDatabase } from '../support/test-database.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

describe.skipIf(testDialect !== 'postgres')('a PostgreSQL connection lost under a transaction', () => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => ({ database, store } = await openTestStore({ poolSize: 4 })));
  afterAll(() => closeTestStore({ database, store }));

  it('fails that transaction, not the process, and the store serves on', async () => {
    const backendGone = async (pid: number) => {
      for (let tries = 0; tries < 500; tries++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where pid = ${pid}`.execute(store.db);
        if (rows[0]!.n === 0) return;
      }
      throw new Error(`backend ${pid} did not end`);
    };
    const transaction = store.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const pid = rows[0]!.pid;
      // From another connection, while this one is checked out and between statements.
      await sql`select pg_terminate_backend(${pid})`.execute(store.db);
      // Its FATAL message reaches the idle client while these reads wait on other connections.
      await backendGone(pid);
      await sql`select 1`.execute(store.db);
      await sql`select 1`.execute(trx);
    });
    // The connection's own error, not one from the failed ROLLBACK's bookkeeping (a TypeError before).
    const failure = await transaction.then(() => null, (err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(TypeError);
    expect(failure!.message).toMatch(/terminat|connection/i);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
    expect(rows).toEqual([{ one: 1 }]);
    // The pool let the dead client go: every connection it hands out now works.
    const all = await Promise.all(Array.from({ length: 4 }, () => sql<{ one: number }>`select 1 as one, pg_sleep(0.01)`.execute(store.db)));
    expect(all.every((r) => r.rows[0]!.one === 1)).toBe(true);
  });
});
