/**
 * A migrated store on a fresh test database (test-database.ts), for the tests that work on the store
 * itself rather than on a whole runtime (test-app.ts):
 *
 *   beforeAll(async () => ({ database, store } = await openTestStore({ poolSize: 2 })));
 *   afterAll(() => closeTestStore({ database, store }));
 */
import { migrateToLatest, openStore, type Store } from '../../src/store/database.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestStore {
  database: TestDatabase;
  store: Store;
}

export async function openTestStore(opts: { poolSize?: number } = {}): Promise<TestStore> {
  const database = await createTestDatabase();
  const store = openStore(database.url, opts);
  await migrateToLatest(store);
  return { database, store };
}

/** Closes the store, then drops its database; either may be missing when opening failed. */
export async function closeTestStore(t: Partial<TestStore>): Promise<void> {
  await t.store?.close();
  await t.database?.drop();
}
