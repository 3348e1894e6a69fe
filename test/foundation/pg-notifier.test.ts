/**
 * Cross-process signals (store/pg-notifier.ts) go out in batches: every live event reaches the other
 * process, in order, and any number of jobs wake-ups before a batch leaves make one signal.
 * PostgreSQL only (LISTEN/NOTIFY); on SQLite there is one process and nothing to signal.
 */
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_CHANNEL, LIVE_CHANNEL, PgNotifier } from '../../src/store/pg-notifier.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

describe.skipIf(testDialect !== 'postgres')('PostgreSQL signals between processes', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let sender: PgNotifier;
  let receiver: PgNotifier;
  const received: { channel: string; payload: string }[] = [];
  let onReceived: () => void = () => undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // Dropping the database (WITH FORCE) can terminate a connection pool.end() is still closing:
    // pg-pool passes an idle client's error on to the pool, and a pool with no 'error' listener
    // would fail the run with it (as the store's own pool listens, store/database.ts).
    pool.on('error', () => undefined);
    const logger = pino({ level: 'silent' });
    sender = new PgNotifier(database.url, pool, logger);
    receiver = new PgNotifier(database.url, pool, logger);
    for (const channel of [JOBS_CHANNEL, LIVE_CHANNEL]) {
      receiver.on(channel, (payload) => {
        received.push({ channel, payload });
        onReceived();
      });
    }
    await receiver.start();
  });
  afterAll(async () => {
    await sender.stop();
    await receiver.stop();
    await pool.end();
    await database.drop();
  });

  /** Resolves once `count` signals arrived in all (the test's time-out bounds a signal that never comes). */
  const receivedAtLeast = (count: number) =>
    new Promise<void>((resolve) => {
      onReceived = () => {
        if (received.length >= count) resolve();
      };
      onReceived();
    });

  it('delivers every live event in order and one jobs wake-up for a burst of enqueues', async () => {
    sender.notifyJobs();
    for (const id of ['a', 'b', 'c']) sender.notify(LIVE_CHANNEL, JSON.stringify({ id }));
    sender.notifyJobs();
    await receivedAtLeast(4);
    // A marker sent after the burst: once it is here, nothing of the burst is still on its way.
    sender.notify(LIVE_CHANNEL, 'end');
    await receivedAtLeast(5);
    expect(received).toEqual([
      { channel: JOBS_CHANNEL, payload: sender.origin },
      ...['a', 'b', 'c'].map((id) => ({ channel: LIVE_CHANNEL, payload: JSON.stringify({ id }) })),
      { channel: LIVE_CHANNEL, payload: 'end' },
    ]);
  });

  it('sends a jobs wake-up again for an enqueue after the last one left', async () => {
    received.length = 0;
    sender.notifyJobs();
    await receivedAtLeast(1);
    sender.notifyJobs();
    await receivedAtLeast(2);
    expect(received.map((r) => r.channel)).toEqual([JOBS_CHANNEL, JOBS_CHANNEL]);
  });

  it('confirms a signal once it is sent: every listener hears it after what committed before', async () => {
    received.length = 0;
    sender.notify(LIVE_CHANNEL, 'before');
    const sent = sender.notifyConfirmed(LIVE_CHANNEL, 'confirmed');
    await expect(sent).resolves.toBe(true);
    await receivedAtLeast(2);
    expect(received.map((r) => r.payload)).toEqual(['before', 'confirmed']);
  });

  it('says a signal could not be sent when the database refuses it, and when stopped', async () => {
    // A pool to a port nothing listens on: the batch's statement fails.
    const nowhere = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    const unsent = new PgNotifier(database.url, nowhere, pino({ level: 'silent' }));
    try {
      await expect(unsent.notifyConfirmed(LIVE_CHANNEL, 'lost')).resolves.toBe(false);
    } finally {
      await unsent.stop();
      await nowhere.end();
    }
    await expect(unsent.notifyConfirmed(LIVE_CHANNEL, 'after stop')).resolves.toBe(false);
  });
});
