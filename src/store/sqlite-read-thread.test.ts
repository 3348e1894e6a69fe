/**
 * The store's reportDb on a SQLite file (sqlite-read-thread.ts): reads on a thread of their own.
 * What must hold: the rows are the main connection's, only committed rows are seen, nothing can be
 * written through it, errors arrive whole, and while a long read runs the thread that answers the
 * webhooks goes on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore, type Store } from './database.js';
import { ReportReadError, SqliteReadThread } from './sqlite-read-thread.js';

let dir: string;
let store: Store;
let closed: boolean;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'read-thread-'));
  store = openStore(`sqlite:${join(dir, 'db.sqlite')}`);
  closed = false;
  await sql`create table t (id integer primary key, n integer, big integer, x real, v text, maybe text)`.execute(store.db);
  await sql`insert into t values (1, -7, ${2 ** 53 - 1}, 2.5, 'héllo ☎', null), (2, 0, 0, -0.25, '', 'x')`.execute(store.db);
});

afterEach(async () => {
  if (!closed) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOf = async (db: Store['db']) => (await sql<Record<string, unknown>>`select * from t where id >= ${1} order by id`.execute(db)).rows;

it('returns the rows the main connection returns, counted as statements', async () => {
  const before = store.stats.queries;
  const report = await rowsOf(store.reportDb);
  expect(store.stats.queries).toBe(before + 1);
  expect(report).toEqual(await rowsOf(store.db));
  expect(report[0]).toEqual({ id: 1, n: -7, big: 2 ** 53 - 1, x: 2.5, v: 'héllo ☎', maybe: null });
  // The query builder's statements, parameters bound.
  const built = await store.reportDb.selectFrom('t' as never).select(['v' as never]).where('n' as never, '<', 0 as never).execute();
  expect(built).toEqual([{ v: 'héllo ☎' }]);
});

it('sees only committed rows', async () => {
  await store.db.transaction().execute(async (trx) => {
    await sql`insert into t (id, v) values (3, 'not yet')`.execute(trx);
    const during = await sql<{ id: number }>`select id from t order by id`.execute(store.reportDb);
    expect(during.rows.map((r) => r.id)).toEqual([1, 2]);
  });
  const after = await sql<{ id: number }>`select id from t order by id`.execute(store.reportDb);
  expect(after.rows.map((r) => r.id)).toEqual([1, 2, 3]);
});

it('refuses a write, and nothing is written', async () => {
  await expect(sql`insert into t (id, v) values (4, 'no')`.execute(store.reportDb)).rejects.toMatchObject({ code: 'NOT_A_READ', message: expect.stringMatching(/only reads/) });
  // A write that returns rows is a reader to SQLite: the read-only connection refuses it.
  await expect(sql`update t set v = 'no' where id = 1 returning id`.execute(store.reportDb)).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
  await expect(store.reportDb.transaction().execute(async () => undefined)).rejects.toThrow(/outside transactions only/);
  expect((await rowsOf(store.db)).map((r) => r.v)).toEqual(['héllo ☎', '']);
});

it("gives an error SQLite's message and code, and goes on reading", async () => {
  const failed = await sql`select * from nowhere`.execute(store.reportDb).catch((err: unknown) => err);
  expect(failed).toBeInstanceOf(ReportReadError);
  expect(failed).toMatchObject({ message: 'no such table: nowhere', code: 'SQLITE_ERROR' });
  expect(await rowsOf(store.reportDb)).toHaveLength(2);
});

it('leaves the main thread free while a long read runs', async () => {
  // A read of a few hundred ms (five million rows counted); a primary-key read on the main
  // connection, sent after it, must be answered first. On the main thread (reportDb = db) the
  // long read would hold the thread, and the short one would wait for it.
  const answered: string[] = [];
  const long = sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000000) select count(*) as c from n`
    .execute(store.reportDb)
    .then((r) => {
      answered.push('long report');
      return r.rows;
    });
  await sql`select v from t where id = 1`.execute(store.db);
  answered.push('webhook read');
  expect(await long).toEqual([{ c: 5_000_000 }]);
  expect(answered).toEqual(['webhook read', 'long report']);
});

it('on close, answers the reads under way and refuses later ones', async () => {
  const under = rowsOf(store.reportDb);
  closed = true;
  await store.close();
  expect(await under).toHaveLength(2);
  await expect(rowsOf(store.reportDb)).rejects.toThrow(/the store is closed/);
});

it('keeps a bounded backlog: a read beyond it is refused at once with a 503, the others are answered', async () => {
  // Two reads go to the thread at once; three more may wait; the sixth finds the line full.
  const thread = new SqliteReadThread(join(dir, 'db.sqlite'), 3);
  const reads = Array.from({ length: 6 }, (_, i) => thread.read<{ i: number }>('select ? as i', [i]).then((rows) => rows[0]!.i, (err: unknown) => err));
  const answers = await Promise.all(reads);
  expect(answers.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
  expect(answers[5]).toMatchObject({ status: 503, code: 'reports_busy', retryAfterSeconds: 5 });
  // Once answered, the line has room again; stopping answers what is still waiting first.
  const later = [thread.read<{ i: number }>('select 7 as i', []), thread.read<{ i: number }>('select 8 as i', []), thread.read<{ i: number }>('select 9 as i', [])];
  // Asked to stop twice while reads are under way: both wait for the same end.
  await Promise.all([thread.stop(), thread.stop()]);
  expect((await Promise.all(later)).map((rows) => rows[0]!.i)).toEqual([7, 8, 9]);
});

it('does not send a read whose asker has gone while it waited (nor count it as sent)', async () => {
  const counted: string[] = [];
  const thread = new SqliteReadThread(join(dir, 'db.sqlite'), undefined, (text) => counted.push(text));
  let gone = false;
  const sent = [thread.read<{ i: number }>('select 1 as i', []), thread.read<{ i: number }>('select 2 as i', [])];
  const left = thread.read('select * from nowhere', [], () => gone).catch((err: unknown) => err);
  gone = true;
  // Had it run, it would have failed with "no such table".
  expect(await left).toMatchObject({ status: 499, code: 'request_abandoned' });
  expect((await Promise.all(sent)).map((rows) => rows[0]!.i)).toEqual([1, 2]);
  expect(counted).toEqual(['select 1 as i', 'select 2 as i']);
  await thread.stop();
});

it('drops a waiting read whose asker has gone without running it, and lets it make room in a full line', async () => {
  const thread = new SqliteReadThread(join(dir, 'db.sqlite'), 2);
  let gone = false;
  // Two reads go to the thread; two wait, one of them for an asker who then leaves.
  const sent = [thread.read<{ i: number }>('select 1 as i', []), thread.read<{ i: number }>('select 2 as i', [])];
  const left = thread.read('select * from nowhere', [], () => gone).catch((err: unknown) => err);
  const stays = thread.read<{ i: number }>('select 3 as i', []);
  gone = true;
  // The line is full; the read nobody waits for gives up its place instead of the new one being refused.
  const newcomer = thread.read<{ i: number }>('select 4 as i', []);
  // Had it run, it would have failed with "no such table".
  expect(await left).toMatchObject({ status: 499, code: 'request_abandoned' });
  expect((await Promise.all([...sent, stays, newcomer])).map((rows) => rows[0]!.i)).toEqual([1, 2, 3, 4]);
  await thread.stop();
});
