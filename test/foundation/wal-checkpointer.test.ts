/**
 * SQLite's checkpoints run on the store's own thread (store/wal-checkpointer.ts), not inside a
 * commit on the event loop: the thread copies the committed log into the database file every
 * hundred commits; the main connection's automatic checkpoint is only the fallback; closing the
 * store stops the thread first. PostgreSQL has no such thread.
 */
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES, WalCheckpointer } from '../../src/store/wal-checkpointer.js';
import { testDialect, type TestDatabase } from '../support/test-database.js';
import { closeTestStore, openTestStore } from '../support/test-store.js';

let database: TestDatabase;
let store: Store;

beforeAll(async () => ({ database, store } = await openTestStore()));
afterAll(() => closeTestStore({ database, store }));

describe.runIf(testDialect === 'sqlite')('WAL checkpoints on their own thread', () => {
  it('the main connection checkpoints only as a fallback', async () => {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
    expect(rows[0]!.wal_autocheckpoint).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
  });

  it('copies what was committed into the database file, asked every hundred commits', async () => {
    const checkpointer = store.checkpointer!;
    await sql`create table t (id integer primary key, body text)`.execute(store.db);
    const before = checkpointer.completed;
    for (let i = 0; i < 100; i++) await sql`insert into t (body) values (${'x'.repeat(500)})`.execute(store.db);
    // The hundredth commit asked for one; the next request queues behind it, so it is done.
    const result = await checkpointer.checkpoint();
    expect(checkpointer.completed).toBe(before + 2);
    expect(result).toMatchObject({ ok: true });
    // Nothing was written in between: every page of the log is in the database file.
    expect(result.checkpointed).toBe(result.log);
  });

  it('a log a burst grew past the limit is cut back to it at the first commit after a complete checkpoint', async () => {
    const log = `${database.url.slice('sqlite:'.length)}-wal`;
    await sql`create table burst (body blob)`.execute(store.db);
    // One transaction of ~4 MB more than the limit (an import, a big prune): the log holds all of it.
    const rows = Math.ceil(WAL_SIZE_LIMIT_BYTES / 4_000) + 1_000;
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows}) insert into burst select randomblob(4000) from n`.execute(store.db);
    expect(statSync(log).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
    const result = await store.checkpointer!.checkpoint();
    expect(result.checkpointed).toBe(result.log);
    // A checkpoint alone leaves the file as it is; the next commit starts the log over and cuts it.
    await sql`delete from burst`.execute(store.db);
    expect(statSync(log).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    await sql`drop table burst`.execute(store.db);
  });

  it('closing the store stops the thread, then the database closes cleanly — without reporting a failure', async () => {
    const other = openStore(database.url);
    const failures: string[] = [];
    other.checkpointer!.onFailure = (error) => failures.push(error);
    await sql`select 1`.execute(other.db);
    await other.close();
    expect(failures).toEqual([]);
    expect(await other.checkpointer!.checkpoint()).toMatchObject({ ok: false });
  });
});

describe.runIf(testDialect === 'sqlite')('a checkpoint thread that cannot start', () => {
  it('reports its failure once, answers requests as failed, and leaves the fallback in charge', async () => {
    // The thread opens the file with fileMustExist: a file that is gone makes it fail at once.
    const checkpointer = new WalCheckpointer(join(tmpdir(), `textback-missing-${process.pid}-${Date.now()}.sqlite`));
    const failures: string[] = [];
    const failed = new Promise<void>((resolve) => {
      checkpointer.onFailure = (error) => {
        failures.push(error);
        resolve();
      };
    });
    await failed;
    expect(await checkpointer.checkpoint()).toMatchObject({ ok: false });
    await checkpointer.stop();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/CANTOPEN|unable to open/i);
  });
});

describe.runIf(testDialect === 'postgres')('PostgreSQL', () => {
  it('has no checkpoint thread (the server checkpoints)', () => {
    expect(store.checkpointer).toBeUndefined();
  });
});
