/**
 * SQLite's checkpoints run on the store's own thread (store/wal-checkpointer.ts), not inside a
 * commit on the event loop: the thread copies the committed log into the database file every
 * hundred commits; the main connection's automatic checkpoint is only the fallback; closing the
 * store stops the thread first. PostgreSQL has no such thread.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, WalCheckpointer } from '../../src/store/wal-checkpointer.js';
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
