/**
 * The LISTEN connection (store/pg-notifier.ts) only receives, so one that died without a word (a
 * NAT or load balancer that forgot the idle flow) looked alive forever: the settings cache kept
 * serving a number's settings from before any later change, and idle workers slept 10 s between
 * polls. The notifier now has the connection signal itself at a set interval and reopens it when
 * the signal is not heard back (a connection that answers statements but delivers no notification,
 * as a pooler in transaction mode does, fails the check too). The path to PostgreSQL here goes
 * through a proxy that can go silent (support/silent-network.ts), as a real network does, or drop
 * the server's notifications as such a pooler does. The signals a process sends go out on a
 * pooled connection, which can go silent too: a batch sent on one waited ~15 minutes for TCP, and
 * every signal after it waited behind it; it now gives up at the store's statement deadline.
 * PostgreSQL only (LISTEN/NOTIFY); on SQLite there is one process and nothing to listen to.
 */
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NumberContextCache } from '../../src/services/number-context-cache.js';
import { watchSettingsChanges } from '../../src/services/settings-change-watch.js';
import { LIVE_CHANNEL, PgNotifier } from '../../src/store/pg-notifier.js';
import { silentPathToDatabase, type SilentNetwork } from '../support/silent-network.js';
import { testDialect } from '../support/test-database.js';
import { closeTestStore, openTestStore, type TestStore } from '../support/test-store.js';

const UNTIL = { timeout: 15_000, interval: 20 };

describe.skipIf(testDialect !== 'postgres')('a LISTEN connection that went silent', () => {
  let t: TestStore;
  let network: SilentNetwork;
  let notifier: PgNotifier;
  let otherProcess: pg.Client;
  const cache = new NumberContextCache();
  const listening: boolean[] = [];

  beforeAll(async () => {
    t = await openTestStore({ poolSize: 2 });
    let throughNetwork: string;
    ({ network, url: throughNetwork } = await silentPathToDatabase(t.database.url));
    // Checked often and given little time, so the test sees in a moment what takes 20 s by default.
    notifier = new PgNotifier(throughNetwork, t.store.pgPool!, pino({ level: 'silent' }), { checkEveryMs: 100, checkTimeoutMs: 1_000, connectTimeoutMs: 1_000 });
    watchSettingsChanges(t.store, cache, notifier);
    notifier.onConnectionChange((up) => listening.push(up));
    await notifier.start();
    otherProcess = new pg.Client({ connectionString: t.database.url });
    await otherProcess.connect();
    await otherProcess.query(
      "insert into workspaces (id, name, business_name, timezone, settings, created_at, updated_at) values ('ws_liveness', 'Liveness', 'Liveness Dental', 'UTC', '{}', 0, 0)",
    );
  });
  afterAll(async () => {
    await notifier?.stop();
    await otherProcess?.end();
    await network?.close();
    await closeTestStore(t);
  });

  /** Another process changes a business's settings; the tables' triggers signal each changed row's workspace (migration 020). */
  const changeSettingsElsewhere = () => otherProcess.query("update workspaces set name = name where id = 'ws_liveness'");

  it('is noticed and opened again, and settings changes reach the cache after it', async () => {
    expect(listening).toEqual([true]);
    expect(await cache.serving()).toBeTypeOf('number');
    const seen = cache.invalidations;
    await changeSettingsElsewhere();
    await vi.waitFor(() => expect(cache.invalidations).toBeGreaterThan(seen), UNTIL);

    network.goSilent();
    // Nothing ends, nothing errs: only the unanswered check can tell.
    await vi.waitFor(() => expect(listening).toEqual([true, false]), UNTIL);
    expect(await cache.serving()).toBeUndefined();
    await vi.waitFor(() => expect(listening).toEqual([true, false, true]), UNTIL);
    expect(await cache.serving()).toBeTypeOf('number');

    const again = cache.invalidations;
    await changeSettingsElsewhere();
    await vi.waitFor(() => expect(cache.invalidations).toBeGreaterThan(again), UNTIL);
    expect(notifier.isListening()).toBe(true);
  });

  it('does not trust a connection that answers but hears nothing (a pooler in transaction mode)', async () => {
    await vi.waitFor(() => expect(listening.at(-1)).toBe(true), UNTIL);
    const losses = notifier.losses;
    network.dropNotifications();
    // Every statement is answered, yet the check's own signal never comes back: lost, reopened,
    // lost again, for as long as notifications do not arrive.
    await vi.waitFor(() => expect(notifier.losses).toBeGreaterThanOrEqual(losses + 2), UNTIL);
    network.deliverNotifications();
    await vi.waitFor(() => expect(listening.at(-1)).toBe(true), UNTIL);
    const seen = cache.invalidations;
    await changeSettingsElsewhere();
    await vi.waitFor(() => expect(cache.invalidations).toBeGreaterThan(seen), UNTIL);
  });

  it('keeps trying while the server address does not answer at all, and listens once it does', async () => {
    listening.length = 0;
    const losses = notifier.losses;
    network.goSilent({ newConnectionsToo: true });
    // The check finds the connection silent; the attempts that follow meet silence too: each gives
    // up at the connect deadline (a loss of its own) and the next follows a second later.
    await vi.waitFor(() => expect(notifier.losses).toBeGreaterThanOrEqual(losses + 3), UNTIL);
    expect(listening).not.toContain(true);
    network.heal();
    await vi.waitFor(() => expect(listening.at(-1)).toBe(true), UNTIL);
    const seen = cache.invalidations;
    await changeSettingsElsewhere();
    await vi.waitFor(() => expect(cache.invalidations).toBeGreaterThan(seen), UNTIL);
  });
});

describe.skipIf(testDialect !== 'postgres')('signals sent while the pooled connection went silent', () => {
  let t: TestStore;
  let network: SilentNetwork;
  let senderPool: pg.Pool;
  let sender: PgNotifier;
  let receiver: PgNotifier;
  const received: string[] = [];

  beforeAll(async () => {
    t = await openTestStore({ poolSize: 2 });
    let throughNetwork: string;
    ({ network, url: throughNetwork } = await silentPathToDatabase(t.database.url));
    // The sender's signals leave through the path that will go silent; the receiver listens directly.
    senderPool = new pg.Pool({ connectionString: throughNetwork, max: 1 });
    senderPool.on('error', () => undefined);
    const logger = pino({ level: 'silent' });
    sender = new PgNotifier(t.database.url, senderPool, logger, { sendTimeoutMs: 300 });
    receiver = new PgNotifier(t.database.url, t.store.pgPool!, logger);
    receiver.on(LIVE_CHANNEL, (payload) => received.push(payload));
    await receiver.start();
  });
  afterAll(async () => {
    await sender?.stop();
    await receiver?.stop();
    await senderPool?.end();
    await network?.close();
    await closeTestStore(t);
  });

  it('a batch stuck on the dead connection is given up at the deadline, and the next goes out on a new one', async () => {
    sender.notify(LIVE_CHANNEL, 'before');
    await vi.waitFor(() => expect(received).toEqual(['before']), UNTIL);
    network.goSilent();
    // Sent on the pool's one connection, now dead: lost (signals are best effort), not waited for forever.
    sender.notify(LIVE_CHANNEL, 'into the silence');
    await vi.waitFor(() => expect(senderPool.totalCount).toBe(0), UNTIL);
    sender.notify(LIVE_CHANNEL, 'after');
    await vi.waitFor(() => expect(received).toEqual(['before', 'after']), UNTIL);
  });
});
