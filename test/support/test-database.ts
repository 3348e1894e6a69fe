/**
 * A fresh, empty database for one test file: a SQLite file in a temp folder, or a new PostgreSQL
 * database when TEST_DATABASE=postgres (server from TEST_POSTGRES_URL, default the local one).
 * Each file gets its own, so files run in parallel without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgres';

export const testDialect: TestDialect = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  dialect: TestDialect;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: TestDialect = testDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'textback-test-'));
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      dialect,
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `textback_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
