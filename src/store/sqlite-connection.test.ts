import { deepStrictEqual } from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CachingSqliteConnection, compileRowBuilder } from './sqlite-connection.js';

/** What better-sqlite3's object mode returns for `text`, on a statement of its own. */
function objectMode(sqlite: SQLite.Database, text: string, parameters: unknown[] = []): unknown[] {
  return sqlite.prepare(text).all(parameters);
}

async function viaConnection(connection: CachingSqliteConnection, text: string, parameters: unknown[] = []): Promise<unknown[]> {
  return (await connection.executeQuery(CompiledQuery.raw(text, parameters))).rows as unknown[];
}

/**
 * Equal rows: the same keys in the same order with the same values (Buffers by content), and the
 * same prototype (a `__proto__` column can set it). Entries, not the rows: an object whose prototype
 * is a Buffer cannot be compared whole.
 */
function expectSameRows(actual: unknown[], expected: unknown[]): void {
  deepStrictEqual(
    actual.map((r) => Object.entries(r as object)),
    expected.map((r) => Object.entries(r as object)),
  );
  deepStrictEqual(
    actual.map((r) => Object.getPrototypeOf(r) as unknown),
    expected.map((r) => Object.getPrototypeOf(r) as unknown),
  );
}

const STATEMENTS: [string, string, unknown[]?][] = [
  ['every storage class', `select null as n, 1 as i, -9007199254740991 as min_safe, 9007199254740993 as beyond_safe, 1.5 as r, 'text' as t, x'00ff10' as b, '' as empty`],
  ['bound values', 'select ? as a, ? as b, ? as c, ? as d', [null, 42, 'x', Buffer.from([1, 2, 3])]],
  ['the same name twice: the later value, the first position', 'select 1 as a, 2 as b, 3 as a'],
  ['the same name three times', `select 'first' as dup, 'second' as dup, 'third' as dup`],
  [
    'names that are not identifiers',
    `select 1 as "my col", 2 as "a-b", 3 as "10", 4 as "2", 5 as "", 6 as "quo""te", 7 as 'back\\slash', 8 as "ünïcode ✓", 9 as "-1", 10 as "01", 11 as "constructor", 12 as "toString", 13 as "__proto__", 14 as "\`tick\`", 15 as "}{"`,
  ],
  ['`__proto__` as a name: dropped for a plain value, the prototype for a blob', `select 1 as a, 2 as "__proto__", 3 as b union all select 4, x'0102', 5`],
  ['a join whose tables share column names', 'select * from a join b on b.a_id = a.id order by a.id, b.id'],
  ['several rows, nulls among them', 'select * from a left join b on b.a_id = a.id order by a.id, b.id'],
  ['no rows', 'select * from a where id < 0'],
  ['an expression column without an alias', 'select id + 1, upper(name) from a order by id'],
];

describe('CachingSqliteConnection rows', () => {
  const open: SQLite.Database[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function database(file = ':memory:', safeIntegers = false): SQLite.Database {
    const sqlite = new SQLite(file);
    sqlite.defaultSafeIntegers(safeIntegers);
    open.push(sqlite);
    sqlite.exec(`create table if not exists a (id integer primary key, name text, payload blob, score real);
      create table if not exists b (id integer primary key, a_id integer, name text, payload blob);`);
    if ((sqlite.prepare('select count(*) as n from a').get() as { n: number | bigint }).n == 0) {
      sqlite.exec(`insert into a values (1, 'one', x'01', 0.25), (2, null, null, null), (3, 'three', x'', 1e300);
        insert into b values (10, 1, 'b-ten', x'0a'), (11, 1, null, null), (12, 3, 'b-twelve', x'0c0c');`);
    }
    return sqlite;
  }

  for (const safeIntegers of [false, true]) {
    describe(safeIntegers ? 'with safe integers (BigInt)' : 'with plain numbers', () => {
      for (const [name, text, parameters] of STATEMENTS) {
        it(`${name}: the rows of object mode`, async () => {
          const sqlite = database(':memory:', safeIntegers);
          const connection = new CachingSqliteConnection(sqlite);
          const expected = objectMode(sqlite, text, parameters);
          // Twice: the first read compiles the row builder, the second reuses it.
          expectSameRows(await viaConnection(connection, text, parameters), expected);
          expectSameRows(await viaConnection(connection, text, parameters), expected);
        });
      }
    });
  }

  it('an insert … returning: its rows as object mode returns them, and the write done once', async () => {
    const sqlite = database();
    const connection = new CachingSqliteConnection(sqlite);
    const rows = await viaConnection(connection, `insert into b (id, a_id, name, payload) values (?, 2, 'new', x'ff') returning *, name as a_id`, [20]);
    expectSameRows(rows, [{ id: 20, a_id: 'new', name: 'new', payload: Buffer.from([0xff]) }]);
    expect(objectMode(sqlite, 'select count(*) as n from b where id = 20')).toEqual([{ n: 1 }]);
  });

  it('a `select *` whose table another connection altered: the new column appears, as in object mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'textback-rows-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const sqlite = database(file);
    const connection = new CachingSqliteConnection(sqlite);
    expectSameRows(await viaConnection(connection, 'select * from a order by id'), objectMode(sqlite, 'select * from a order by id'));

    const other = database(file);
    other.exec(`alter table a add column added text default 'x'`);
    const after = objectMode(sqlite, 'select * from a order by id');
    expect(Object.keys(after[0] as object)).toContain('added');
    expectSameRows(await viaConnection(connection, 'select * from a order by id'), after);
  });

  it('a table altered through the connection itself: its cached reads follow', async () => {
    const sqlite = database();
    const connection = new CachingSqliteConnection(sqlite);
    await viaConnection(connection, 'select * from b order by id');
    await viaConnection(connection, 'alter table b rename column name to label');
    expectSameRows(await viaConnection(connection, 'select * from b order by id'), objectMode(sqlite, 'select * from b order by id'));
  });
});

describe('compileRowBuilder', () => {
  it('keeps every column under its own name, in order', () => {
    const names = ['id', 'a b', '"', '\\', '10', 'id2', '${x}'];
    const row = compileRowBuilder(names)(names.map((_, i) => i));
    expect(Object.entries(row)).toEqual([['10', 4], ['id', 0], ['a b', 1], ['"', 2], ['\\', 3], ['id2', 5], ['${x}', 6]]);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });
});
