/**
 * Named statements' results with their shape reused (store/pg-shaped-query.ts): the rows are the
 * ones pg builds itself, the shape is built once per statement, and a statement whose columns
 * differ under the same name gets rows of its own columns, never the cached ones. PostgreSQL only.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryShaped, ResultShapes } from '../../src/store/pg-shaped-query.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

describe.skipIf(testDialect !== 'postgres')('PostgreSQL results with their shape reused', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // Dropping the database (WITH FORCE) can terminate a connection pool.end() is still closing:
    // pg-pool passes an idle client's error on to the pool, and a pool with no 'error' listener
    // would fail the run with it (as the store's own pool listens, store/database.ts).
    pool.on('error', () => undefined);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const WIDE = `select n, n * 2 as twice, 'row ' || n as label, case when n % 2 = 0 then null else n::bigint end as odd,
    n = 1 as first, now() - now() as nothing from generate_series(1, $1::int) as n`;

  it('gives the rows pg gives, run after run, and builds the shape once', async () => {
    const client = await pool.connect();
    try {
      const shapes = new ResultShapes();
      const own = await client.query({ name: 'plain', text: WIDE, values: [3] });
      const first = await queryShaped(client, shapes, { name: 'shaped', text: WIDE, values: [3] });
      const second = await queryShaped(client, shapes, { name: 'shaped', text: WIDE, values: [4] });
      expect(first.rows).toEqual(own.rows);
      expect(second.rows).toEqual([...own.rows, { n: 4, twice: 8, label: 'row 4', odd: null, first: false, nothing: own.rows[0].nothing }]);
      expect(Object.keys(second.rows[3]!)).toEqual(['n', 'twice', 'label', 'odd', 'first', 'nothing']);
      expect(second.fields).toBe(first.fields);
      expect(second.rowCount).toBe(4);
    } finally {
      client.release();
    }
  });

  it('a statement of the same name with other columns (another connection) gets rows of its own columns', async () => {
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      const shapes = new ResultShapes();
      const one = await queryShaped(a, shapes, { name: 'same', text: 'select 1::int as a, 2::int as b', values: [] });
      const other = await queryShaped(b, shapes, { name: 'same', text: `select 1::int as a, 'x'::text as c`, values: [] });
      const oneAgain = await queryShaped(a, shapes, { name: 'same', text: 'select 1::int as a, 2::int as b', values: [] });
      expect(one.rows).toEqual([{ a: 1, b: 2 }]);
      expect(other.rows).toEqual([{ a: 1, c: 'x' }]);
      expect(oneAgain.rows).toEqual([{ a: 1, b: 2 }]);
      // Same names, another type: parsed by the new type's parser.
      const typed = await queryShaped(b, shapes, { name: 'typed', text: 'select 1::int as a', values: [] });
      const retyped = await queryShaped(a, shapes, { name: 'typed', text: `select '1'::text as a`, values: [] });
      expect(typed.rows).toEqual([{ a: 1 }]);
      expect(retyped.rows).toEqual([{ a: '1' }]);
    } finally {
      a.release();
      b.release();
    }
  });

  it('passes errors and statements without rows through as pg does', async () => {
    const client = await pool.connect();
    try {
      const shapes = new ResultShapes();
      await expect(queryShaped(client, shapes, { name: 'bad', text: 'select 1/0', values: [] })).rejects.toMatchObject({ code: '22012' });
      const created = await queryShaped(client, shapes, { name: 'ddl', text: 'create temporary table t (id int)', values: [] });
      expect(created.rows).toEqual([]);
      const inserted = await queryShaped(client, shapes, { name: 'ins', text: 'insert into t values (1), (2) returning id', values: [] });
      expect(inserted).toMatchObject({ command: 'INSERT', rowCount: 2, rows: [{ id: 1 }, { id: 2 }] });
      // The connection still serves after the error.
      expect((await queryShaped(client, shapes, { name: 'ok', text: 'select 7 as seven', values: [] })).rows).toEqual([{ seven: 7 }]);
    } finally {
      client.release();
    }
  });
});
