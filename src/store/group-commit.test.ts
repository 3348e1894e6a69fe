/**
 * Group commit on a SQLite file (group-commit.ts), through the store as the product opens it. What
 * must hold: nothing resolves before it is durable (another connection sees it by then), a rollback
 * undoes its own rows only, a group that fails fails every member, and two stores on one file in
 * one process do not wait on each other.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './database.js';
import { MAX_AGE_MS, MAX_MEMBERS } from './group-commit.js';

let dir: string;
let file: string;
let stores: Store[];
let other: SQLite.Database | undefined;
/**
 * The clock the stores' groups read their age on. It stands still unless a test moves it: on a
 * loaded machine a real 5 ms passes between any two turns, and a group that commits for its age
 * would split what a test means to put in one group.
 */
let clockMs: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  file = join(dir, 'db.sqlite');
  stores = [];
  clockMs = 0;
});

afterEach(async () => {
  other?.close();
  other = undefined;
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Store> {
  const store = openStore(`sqlite:${file}`, { groupCommitClock: () => clockMs });
  stores.push(store);
  await sql`create table if not exists t (id integer primary key, v text)`.execute(store.db);
  // A second connection, as another process would read the file: it sees only what was committed.
  other ??= new SQLite(file, { readonly: true });
  return store;
}

const committedRow = (id: number) => other!.prepare('select v from t where id = ?').get(id) as { v: string } | undefined;
const ids = async (store: Store) => (await sql<{ id: number }>`select id from t order by id`.execute(store.db)).rows.map((r) => r.id);
const aTurnLater = () => new Promise((r) => setImmediate(r));
/** One row inserted in a transaction of its own. */
const insertInTransaction = (store: Store, id: number, v: string) => store.db.transaction().execute((trx) => sql`insert into t (id, v) values (${id}, ${v})`.execute(trx));
/** Inserting v = 'boom' makes SQLite roll the whole transaction back, with `message`. */
const addRollbackTrigger = (store: Store, message: string) =>
  sql`create trigger boom before insert on t when new.v = 'boom' begin select raise(rollback, ${sql.lit(message)}); end`.execute(store.db);

describe('SQLite group commit', () => {
  it('a transaction alone runs as before: BEGIN IMMEDIATE, its statements, COMMIT', async () => {
    const store = await open();
    const seen: string[] = [];
    store.stats.onStatement = (text) => seen.push(text);
    await store.db.transaction().execute((trx) => sql`insert into t (id, v) values (1, 'a')`.execute(trx));
    expect(seen).toEqual(['begin immediate', "insert into t (id, v) values (1, 'a')", 'commit']);
  });

  it('concurrent transactions share COMMITs, and a rollback undoes its own rows only', async () => {
    const store = await open();
    const before = { ...store.stats };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        store.db.transaction().execute(async (trx) => {
          await sql`insert into t (id, v) values (${i}, 'x')`.execute(trx);
          await aTurnLater();
          if (i % 10 === 3) throw new Error(`rollback ${i}`);
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
    expect(await ids(store)).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 10 !== 3));
    expect(store.stats.transactions - before.transactions).toBe(50);
    expect(store.stats.commits - before.commits).toBeLessThan(10);
  });

  it(`a group takes at most ${MAX_MEMBERS} members while others wait`, async () => {
    const store = await open();
    const before = store.stats.commits;
    const n = MAX_MEMBERS * 2;
    await Promise.all(Array.from({ length: n }, (_, i) => insertInTransaction(store, i, 'x')));
    expect(store.stats.commits - before).toBeGreaterThanOrEqual(2);
    expect(await ids(store)).toHaveLength(n);
  });

  it('nothing resolves before its group committed: another connection sees the row by then', async () => {
    const store = await open();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.db
          .transaction()
          .execute((trx) => sql`insert into t (id, v) values (${i}, 'x')`.execute(trx))
          .then(() => expect(committedRow(i)).toEqual({ v: 'x' })),
      ),
    );
    // A write outside a transaction too.
    await sql`insert into t (id, v) values (100, 'y')`.execute(store.db).then(() => expect(committedRow(100)).toEqual({ v: 'y' }));
  });

  it('a read outside a transaction, while a group is open, sees only what is committed and waits for no COMMIT', async () => {
    const store = await open();
    const write = sql`insert into t (id, v) values (1, 'a')`.execute(store.db);
    const read = sql<{ v: string }>`select v from t where id = 1`.execute(store.db);
    // The write is not committed when the read runs (its group waits for the end of the turn), so
    // the read does not see it, and it resolves first.
    const first = await Promise.race([write.then(() => 'write'), read.then(() => 'read')]);
    expect(first).toBe('read');
    expect((await read).rows).toEqual([]);
    await write;
    expect((await sql<{ v: string }>`select v from t where id = 1`.execute(store.db)).rows).toEqual([{ v: 'a' }]);
  });

  it('a transaction may await a read started before it (the read does not wait for the group the transaction holds open)', async () => {
    const store = await open();
    const write = sql`insert into t (id, v) values (1, 'a')`.execute(store.db);
    const read = sql`select v from t where id = 1`.execute(store.db);
    const trx = store.db.transaction().execute(async (t) => {
      await read;
      await sql`insert into t (id, v) values (2, 'b')`.execute(t);
    });
    await Promise.all([write, trx]);
    expect(await ids(store)).toEqual([1, 2]);
  });

  it('a hold that wrote in the group reads its own rows', async () => {
    const store = await open();
    const rows = await store.db.connection().execute(async (c) => {
      await sql`insert into t (id, v) values (1, 'a')`.execute(c);
      return (await sql<{ v: string }>`select v from t where id = 1`.execute(c)).rows;
    });
    expect(rows).toEqual([{ v: 'a' }]);
    expect(committedRow(1)).toEqual({ v: 'a' });
  });

  it('closing commits what finished members wrote, gives up a transaction still under way, and leaves no log behind', async () => {
    const store = await open();
    store.readRowNow!('select 1');
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const write = sql`insert into t (id, v) values (1, 'a')`.execute(store.db);
    const unfinished = store.db.transaction().execute(async (t) => {
      await sql`insert into t (id, v) values (2, 'b')`.execute(t);
      inside();
      await new Promise(() => undefined);
    });
    unfinished.catch(() => undefined);
    await started;
    // The store's connections must be the file's last for the log to go (readRowNow's included).
    other!.close();
    other = undefined;
    await store.close();
    stores.pop();
    await write;
    expect(existsSync(`${file}-wal`)).toBe(false);
    other = new SQLite(file, { readonly: true });
    expect(committedRow(1)).toEqual({ v: 'a' });
    expect(committedRow(2)).toBeUndefined();
  });

  it(`a group older than ${MAX_AGE_MS} ms commits before anyone joins it: a finished transaction does not wait for every hold after it`, async () => {
    const store = await open();
    let firstDone = false;
    const first = store.db
      .transaction()
      .execute((trx) => sql`insert into t (id, v) values (1, 'a')`.execute(trx))
      .then(() => (firstDone = true));
    // Asks for the connection while the first transaction has it, so the group is not committed
    // when it is handed back (someone waits); then holds it until the group is old before writing.
    const later = store.db.connection().execute(async (c) => {
      clockMs += MAX_AGE_MS;
      await sql`insert into t (id, v) values (2, 'b')`.execute(c);
      // A macrotask later, this hold still has the connection (its own write waits for its hand-back).
      await new Promise((r) => setTimeout(r, 0));
      return firstDone;
    });
    expect(await later).toBe(true);
    await first;
    expect(committedRow(1)).toEqual({ v: 'a' });
  });

  it('a transaction that makes SQLite roll the group back fails with its own error', async () => {
    const store = await open();
    await addRollbackTrigger(store, 'boom: not allowed');
    const alone = insertInTransaction(store, 1, 'boom');
    await expect(alone).rejects.toThrow('boom: not allowed');
  });

  it('a streamed read outside a transaction sees only committed rows: the open group commits first', async () => {
    const store = await open();
    const write = sql`insert into t (id, v) values (7, 'z')`.execute(store.db);
    const streamed: { id: number; committed: unknown }[] = [];
    for await (const row of store.db.selectFrom('t' as never).select(sql<number>`id`.as('id')).stream()) {
      const { id } = row as { id: number };
      streamed.push({ id, committed: committedRow(id) });
    }
    await write;
    expect(streamed).toEqual([{ id: 7, committed: { v: 'z' } }]);
  });

  it('writes outside a transaction join the group; a failed one fails alone', async () => {
    const store = await open();
    const before = store.stats.commits;
    await Promise.all(Array.from({ length: 20 }, (_, i) => sql`insert into t (id, v) values (${1000 + i}, 'y')`.execute(store.db)));
    expect(store.stats.commits - before).toBeLessThan(5);
    const r = await Promise.allSettled([sql`insert into t (id, v) values (1000, 'dup')`.execute(store.db), sql`insert into t (id, v) values (2000, 'ok')`.execute(store.db)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'fulfilled']);
    expect(committedRow(2000)).toEqual({ v: 'ok' });
    expect(committedRow(1000)).toEqual({ v: 'y' });
  });

  it('a group SQLite rolled back by itself (RAISE(ROLLBACK)) fails every member, and the next group works', async () => {
    const store = await open();
    await addRollbackTrigger(store, 'boom');
    const r = await Promise.allSettled([
      store.db.transaction().execute(async (trx) => {
        await sql`insert into t (id, v) values (1, 'a')`.execute(trx);
        await aTurnLater();
      }),
      insertInTransaction(store, 2, 'boom'),
    ]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(await ids(store)).toEqual([]);
    await insertInTransaction(store, 3, 'c');
    expect(await ids(store)).toEqual([3]);
    expect(committedRow(3)).toEqual({ v: 'c' });
  });

  it('a failed COMMIT fails every member of the group and keeps nothing', async () => {
    const store = await open();
    // A deferred foreign key is checked at COMMIT: the group's COMMIT fails, not a statement.
    await sql`create table child (id integer primary key, parent integer references t(id) deferrable initially deferred)`.execute(store.db);
    const r = await Promise.allSettled([
      store.db.transaction().execute(async (trx) => {
        await sql`insert into t (id, v) values (1, 'a')`.execute(trx);
        await aTurnLater();
      }),
      store.db.transaction().execute((trx) => sql`insert into child (id, parent) values (1, 999)`.execute(trx)),
      sql`insert into t (id, v) values (2, 'b')`.execute(store.db),
    ]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await ids(store)).toEqual([]);
    expect(committedRow(1)).toBeUndefined();
    await sql`insert into t (id, v) values (3, 'c')`.execute(store.db);
    expect(committedRow(3)).toEqual({ v: 'c' });
  });

  it('after-commit work runs at the COMMIT, and never for a rolled-back transaction', async () => {
    const store = await open();
    const told: string[] = [];
    store.onCommittedWrite((text) => told.push(`${text.match(/values \((\d+)/)?.[1]}:${committedRow(Number(text.match(/values \((\d+)/)?.[1]))?.v ?? 'not committed'}`));
    await Promise.allSettled([
      store.db.transaction().execute((trx) => sql`insert into t (id, v) values (1, 'a')`.execute(trx)),
      store.db.transaction().execute(async (trx) => {
        await sql`insert into t (id, v) values (2, 'b')`.execute(trx);
        throw new Error('no');
      }),
      sql`insert into t (id, v) values (3, 'c')`.execute(store.db),
    ]);
    expect(told.sort()).toEqual(['1:a', '3:c']);
  });

  it('readRowNow reads the last committed row, even while a group is open', async () => {
    const store = await open();
    await sql`insert into t (id, v) values (1, 'old')`.execute(store.db);
    let updated!: () => void;
    const inside = new Promise<void>((r) => (updated = r));
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    const trx = store.db.transaction().execute(async (t) => {
      await sql`update t set v = 'new' where id = 1`.execute(t);
      updated();
      await held;
    });
    await inside;
    expect(store.readRowNow!('select v from t where id = 1')).toEqual({ v: 'old' });
    finish();
    await trx;
    expect(store.readRowNow!('select v from t where id = 1')).toEqual({ v: 'new' });
  });

  it.each([
    ['with group commit', {}],
    ['without group commit', { groupCommit: false }],
  ])('a second store on the file (%s) commits the open group of the first at once, so its first write does not wait for it', async (_, options) => {
    const a = await open();
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    a.stats.onStatement = (text) => {
      if (text.startsWith('insert')) wrote();
    };
    const write = sql`insert into t (id, v) values (1, 'a')`.execute(a.db);
    // The insert ran; its group commits at the end of this turn. Opening a second store on the
    // file must commit it now: the second store's BEGIN would otherwise hold the thread (busy
    // timeout) and the end of the turn would never come.
    await written;
    // Microtasks only (no I/O, no setImmediate): the hold is handed back, the COMMIT still waits.
    for (let i = 0; i < 100; i++) await Promise.resolve();
    expect(committedRow(1)).toBeUndefined();
    const b = openStore(`sqlite:${file}`, options);
    stores.push(b);
    expect(committedRow(1)).toEqual({ v: 'a' });
    await sql`insert into t (id, v) values (2, 'b')`.execute(b.db);
    await write;
  });

  it('two stores on one file in one process: writes interleave as before, each committing by itself; alone again, the store groups', async () => {
    const a = await open();
    const b = await open();
    // Interleaved writes from both, as two migrators starting together do (each commits by itself:
    // a group kept open between them would hold the write lock from the other store).
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => sql`insert into t (id, v) values (${10 + i}, 'a')`.execute(a.db)),
      ...Array.from({ length: 10 }, (_, i) => sql`insert into t (id, v) values (${30 + i}, 'b')`.execute(b.db)),
    ]);
    await insertInTransaction(a, 50, 'a');
    await insertInTransaction(b, 51, 'b');
    expect(committedRow(50)).toEqual({ v: 'a' });
    expect(await ids(b)).toHaveLength(22);
    await b.close();
    stores.pop();
    const before = a.stats.commits;
    await Promise.all(Array.from({ length: 20 }, (_, i) => insertInTransaction(a, 100 + i, 'a')));
    expect(a.stats.commits - before).toBeLessThan(5);
  });
});
