/**
 * A failover whose old PostgreSQL server vanished without a word (or a NAT that forgot the flows):
 * every connection the process held goes silent. Before, each statement sent on one waited for TCP
 * to give up, ~15 minutes, and every connection was such a one: webhooks unanswered (the carrier's
 * fallback rang after 15 s of silence) and no text-back, for that long. Now each dead connection
 * costs one statement at the deadline (DATABASE_QUERY_TIMEOUT_SECONDS, 1 s here) and the pool opens
 * new ones: missed calls are texted back again within seconds. The path to PostgreSQL goes through a
 * proxy that can go silent (support/silent-network.ts); connections opened after it did are carried.
 * PostgreSQL only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentPathToDatabase, type SilentNetwork } from '../support/silent-network.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

describe.skipIf(testDialect !== 'postgres')('the database connections go silent', () => {
  let database: TestDatabase;
  let network: SilentNetwork;
  let f: TwilioFixture;
  let number: any;

  beforeAll(async () => {
    database = await createTestDatabase();
    let throughNetwork: string;
    ({ network, url: throughNetwork } = await silentPathToDatabase(database.url));
    f = await startTwilioFixture({
      database,
      manualJobs: false,
      env: { DATABASE_URL: throughNetwork, DATABASE_POOL_SIZE: '4', DATABASE_QUERY_TIMEOUT_SECONDS: '1' },
    });
    number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  });
  afterAll(async () => {
    await f?.close();
    await network?.close();
    await database?.drop();
  });

  /** A missed call from `caller`; resolves once its text-back reached the carrier, rejects if a webhook failed. */
  async function missedCallTextedBack(caller: string): Promise<void> {
    const before = f.sim.messages.length;
    await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
    await f.sim.waitForMessages(before + 1);
    expect(f.sim.messages.slice(before).map((m) => (m as { to: string }).to)).toContain(caller);
  }

  it('texts back missed calls again once the dead connections are dropped', async () => {
    await missedCallTextedBack('+15550107001');
    network.goSilent();
    // Calls keep coming; the first ones may meet a dead connection (their webhook fails at the
    // deadline, as it would have failed over to the carrier's fallback) until the pool has new ones.
    const failed: string[] = [];
    for (let i = 0; ; i++) {
      const caller = `+1555010710${i}`;
      try {
        await missedCallTextedBack(caller);
        break;
      } catch (err) {
        failed.push(`${caller}: ${(err as Error).message}`);
        // Four connections in the pool, each dead one fails one statement: more than a few means stuck.
        if (failed.length > 8) throw new Error(`no missed call texted back after the silence:\n${failed.join('\n')}`);
      }
    }
  });
});
