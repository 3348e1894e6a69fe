/**
 * The start-up check of PostgreSQL's settings (store/postgres-settings-check.ts), against the real
 * server the suite runs on: whatever that server's autovacuum setting is, the warning says so
 * exactly when it is off.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.js';
import { postgresSettingWarnings } from '../../src/store/postgres-settings-check.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

describe('PostgreSQL settings check at start-up', () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = openStore(database.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it.runIf(testDialect === 'postgres')('warns about autovacuum exactly when the server has it off', async () => {
    const { rows } = await sql<{ autovacuum: string }>`show autovacuum`.execute(store.db);
    const warnings = await postgresSettingWarnings(store);
    const autovacuumWarnings = warnings.filter((w) => w.includes('autovacuum off'));
    expect(autovacuumWarnings).toHaveLength(rows[0]?.autovacuum === 'off' ? 1 : 0);
  });

  it.runIf(testDialect === 'sqlite')('has nothing to say on SQLite', async () => {
    expect(await postgresSettingWarnings(store)).toEqual([]);
  });
});
