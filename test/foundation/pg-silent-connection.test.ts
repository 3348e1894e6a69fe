/**
 * PostgreSQL connections that went silent (a failover whose old server vanished, a NAT that forgot
 * the flows: no FIN, no RST). A statement sent on one waited for TCP to give up, ~15 minutes, and
 * every connection of the pool was such a one, so the whole process (webhooks, text-backs) stood
 * still that long. Now a statement unanswered for the deadline (DATABASE_QUERY_TIMEOUT_SECONDS;
 * here half a second) fails, its connection is dropped, and the pool serves on new ones; opening a
 * connection to an address that does not answer gives up at the same (shorter) deadline. The path
 * to PostgreSQL goes through a proxy that can go silent (support/silent-network.ts).
 * PostgreSQL only.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openStore, type Store } from '../../src/store/database.js';
import { silentPathToDatabase, type SilentNetwork } from '../support/silent-network.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

const POOL = 3;

describe.skipIf(testDialect !== 'postgres')('PostgreSQL connections that went silent', () => {
  let database: TestDatabase;
  let network: SilentNetwork;
  let store: Store;

  beforeAll(async () => {
    database = await createTestDatabase();
    let throughNetwork: string;
    ({ network, url: throughNetwork } = await silentPathToDatabase(database.url));
    store = openStore(throughNetwork, { poolSize: POOL, queryTimeoutMs: 500 });
    await migrateToLatest(store);
  });
  afterAll(async () => {
    await store?.close();
    await network?.close();
    await database?.drop();
  });

  /** Every connection of the pool open and idle, as in a busy process. */
  const openEveryConnection = () => Promise.all(Array.from({ length: POOL }, () => sql`select pg_sleep(0.05)`.execute(store.db)));

  /** Runs `select 1` until it answers; the failures on the way, each the deadline's. */
  async function failuresUntilServed(): Promise<Error[]> {
    const failures: Error[] = [];
    for (;;) {
      try {
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
        expect(rows).toEqual([{ one: 1 }]);
        return failures;
      } catch (err) {
        failures.push(err as Error);
        // More failures than connections would mean a dead one was handed out twice.
        if (failures.length > POOL) throw new Error(`still failing after ${failures.length} tries: ${(err as Error).message}`);
      }
    }
  }

  it('a statement fails at the deadline instead of waiting, and the pool serves on new connections', async () => {
    await openEveryConnection();
    network.goSilent();
    const failures = await failuresUntilServed();
    // The idle connections were dead; each cost one statement and was dropped.
    expect(failures.length).toBeGreaterThanOrEqual(1);
    for (const f of failures) expect(f.message).toMatch(/did not answer within 0\.5 s/);
    // Every connection handed out now works.
    const all = await Promise.all(Array.from({ length: POOL }, () => sql<{ one: number }>`select 1 as one, pg_sleep(0.01)`.execute(store.db)));
    expect(all.map((r) => r.rows[0]!.one)).toEqual([1, 1, 1]);
  });

  it('a transaction caught between statements fails, its rollback does not wait, and the store serves on', async () => {
    await openEveryConnection();
    const transaction = store.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      network.goSilent();
      await sql`select 2`.execute(trx);
    });
    await expect(transaction).rejects.toThrow(/did not answer within 0\.5 s/);
    await failuresUntilServed();
  });

  it('opening a connection to a server address that does not answer gives up, and serves once it answers again', async () => {
    await openEveryConnection();
    network.goSilent({ newConnectionsToo: true });
    // The pool's connections die one by one at the deadline; the new ones it opens meet silence
    // too and give up at the connect deadline (the statement deadline's, being shorter).
    const failures: string[] = [];
    for (let i = 0; i < POOL + 2; i++) {
      failures.push(await sql`select 1`.execute(store.db).then(() => 'answered', (err: Error) => err.message));
    }
    expect(failures).not.toContain('answered');
    expect(failures.some((m) => /timeout/i.test(m) && !/did not answer/.test(m))).toBe(true);
    network.heal();
    await failuresUntilServed();
  });
});
