/**
 * PostgreSQL connections kept through a lull (store/idle-connection-check.ts). A new connection
 * plans every statement afresh, so the pool no longer closes one idle for 10 s (pg-pool's default)
 * but keeps it DATABASE_IDLE_TIMEOUT_SECONDS (5 minutes by default), sends TCP keep-alive probes on
 * it meanwhile so NATs and load balancers keep its flow, and, before handing out one that idled
 * more than 10 s, checks that it still answers: one that went silent while it idled (a failover, a
 * forgotten flow) is dropped, not left to hold a statement until the statement deadline; the
 * notifier's signals take their connections through the same check.
 * PostgreSQL only; the keep-alive probe is read from Linux's /proc/net/tcp.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../src/store/database.js';
import { LIVE_CHANNEL, PgNotifier } from '../../src/store/pg-notifier.js';
import { silentPathToDatabase } from '../support/silent-network.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

/** The keep-alive timer Linux shows for the TCP connection from local `port`: its kind and seconds left. */
function tcpTimerOf(port: number): { kind: number; secondsLeft: number } {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when …
      const [, local, , , , timer] = line.trim().split(/\s+/);
      if (!local || !timer || parseInt(local.split(':').pop()!, 16) !== port) continue;
      const [kind, ticks] = timer.split(':');
      // tm->when is in clock ticks (USER_HZ, 100 a second).
      return { kind: parseInt(kind!, 16), secondsLeft: parseInt(ticks!, 16) / 100 };
    }
  }
  throw new Error(`no TCP connection from local port ${port}`);
}

describe.skipIf(testDialect !== 'postgres')('PostgreSQL connections kept through a lull', () => {
  let database: TestDatabase;
  const stores: Store[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await database?.drop();
  });

  const open = (url: string, opts: Parameters<typeof openStore>[1] = {}) => {
    const store = openStore(url, { poolSize: 3, ...opts });
    stores.push(store);
    return store;
  };

  it('keeps an idle connection 5 minutes by default, then closes it', async () => {
    const store = open(database.url);
    // pg-pool's idle timer only; the connection's own I/O runs for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await sql`select 1`.execute(store.db);
    const pool = store.pgPool!;
    expect(pool.idleCount).toBe(1);
    vi.advanceTimersByTime(299_000);
    expect(pool.totalCount).toBe(1);
    vi.advanceTimersByTime(1_001);
    expect(pool.totalCount).toBe(0);
  });

  it('sends TCP keep-alive probes on its connections, the first after 30 s of silence', async () => {
    const store = open(database.url);
    await sql`select 1`.execute(store.db);
    const client = await store.pgPool!.connect();
    try {
      const port = (client as pg.PoolClient & { connection: { stream: { localPort: number } } }).connection.stream.localPort;
      const timer = tcpTimerOf(port);
      // 2: the socket's own timer, which on an established connection is the keep-alive's (0: none).
      expect(timer.kind).toBe(2);
      expect(timer.secondsLeft).toBeGreaterThan(20);
      expect(timer.secondsLeft).toBeLessThanOrEqual(30);
    } finally {
      client.release();
    }
  });

  it('drops a kept connection that went silent while it idled, and runs the statement on a new one', async () => {
    let now = 0;
    const { network: path, url } = await silentPathToDatabase(database.url);
    try {
      // A 2-s statement deadline: without the check the statement would fail with it.
      const store = open(url, { queryTimeoutMs: 2_000, idleCheckClock: () => now });
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(store.db)));
      expect(store.pgPool!.totalCount).toBe(3);
      path.goSilent();
      now += 10_001;
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(rows).toEqual([{ one: 1 }]);
      // The one released last was asked and did not answer; the two released before it were dropped
      // unasked (one check's wait, not three); one new connection opened.
      expect(store.pgIdleChecks).toEqual({ answered: 0, silent: 1, droppedUnasked: 2 });
      expect(store.pgPool!.totalCount).toBe(1);
    } finally {
      await path.close();
    }
  });

  it("sends the notifier's signals after a lull on a checked connection, not on one that went silent", async () => {
    let now = 0;
    const { network: path, url } = await silentPathToDatabase(database.url);
    const logger = pino({ level: 'silent' });
    let notifier: PgNotifier | undefined;
    try {
      const store = open(url, { queryTimeoutMs: 2_000, idleCheckClock: () => now });
      // The signals' own deadline is long: on a silent connection a batch would wait all of it.
      notifier = new PgNotifier(url, { query: store.pgQuery! }, logger, { sendTimeoutMs: 60_000 });
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(store.db)));
      expect(await notifier.notifyConfirmed(LIVE_CHANNEL, 'before the lull')).toBe(true);
      path.goSilent();
      now += 10_001;
      expect(await notifier.notifyConfirmed(LIVE_CHANNEL, 'after the lull')).toBe(true);
      expect(store.pgIdleChecks!.silent).toBe(1);
      expect(store.pgPool!.totalCount).toBe(1);
    } finally {
      await notifier?.stop();
      await path.close();
    }
  }, 15_000);

  it('hands out a connection used within the last 10 s unchecked: silent, it fails at the statement deadline', async () => {
    let now = 0;
    const { network: path, url } = await silentPathToDatabase(database.url);
    try {
      const store = open(url, { poolSize: 1, queryTimeoutMs: 500, idleCheckClock: () => now });
      await sql`select 1`.execute(store.db);
      path.goSilent();
      now += 10_000;
      await expect(sql`select 1`.execute(store.db)).rejects.toThrow(/did not answer within 0\.5 s/);
    } finally {
      await path.close();
    }
  });
});
