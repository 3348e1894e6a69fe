/**
 * Each process listens only to the signals it can act on (runtime.ts): job wake-ups where it runs a
 * worker, live events where it serves dashboards. Every signal on a channel is delivered to, and
 * parsed by, each process that listens to it: a ROLE=worker process would parse about five live
 * events a missed call only to drop them, a ROLE=web process every jobs wake-up. Settings changes
 * go to the processes that answer carrier webhooks (their cache of numbers' settings), and every
 * process listens to its own connection check. That live events still travel from a worker to the
 * web process's dashboards is multi-process.test.ts's. PostgreSQL only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_CHANNEL, LIVE_CHANNEL, PING_CHANNEL, SETTINGS_CHANNEL } from '../../src/store/pg-notifier.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';
import { startTestApp } from '../support/test-app.js';

describe.skipIf(testDialect !== 'postgres')('the signals each role listens to', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  async function channelsOf(role: 'all' | 'web' | 'worker'): Promise<string[]> {
    const t = await startTestApp({ database, env: { ROLE: role } });
    try {
      return t.runtime.ctx.signals!.channels().sort();
    } finally {
      await t.close();
    }
  }

  it('ROLE=web: live events and settings, no job wake-ups', async () => {
    expect(await channelsOf('web')).toEqual([LIVE_CHANNEL, PING_CHANNEL, SETTINGS_CHANNEL].sort());
  });

  it('ROLE=worker: job wake-ups only, no live events, no settings changes (it keeps no settings cache)', async () => {
    expect(await channelsOf('worker')).toEqual([JOBS_CHANNEL, PING_CHANNEL].sort());
  });

  it('ROLE=all: every channel', async () => {
    expect(await channelsOf('all')).toEqual([JOBS_CHANNEL, LIVE_CHANNEL, PING_CHANNEL, SETTINGS_CHANNEL].sort());
  });
});
