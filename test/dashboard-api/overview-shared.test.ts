/**
 * Overviews of one business asked for while one is being computed share it (http/shared-reads.ts):
 * every open dashboard refetches at the same change. Through the real server: each request gets
 * the figures, and /metrics says how many computed their own and how many shared. On PostgreSQL the
 * first computation is held at its read of the business's numbers (another connection locks the
 * table), so the others are known to arrive while it runs.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedReadAnswers } from '../support/prometheus-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { testDialect } from '../support/test-database.js';

let t: TestApp;
let ws: { id: string; apiKey: string };

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.createWorkspace();
  const number = await t.api('POST', '/api/v1/phone-numbers', {
    token: ws.apiKey,
    body: { number: '+15550100001', carrier: 'sandbox', name: 'Demo', forwardTo: ['+15550109999'] },
  });
  expect(number.status).toBe(201);
  const call = await t.api('POST', '/api/v1/sandbox/calls', { token: ws.apiKey, body: { to: '+15550100001', from: '+15550107777', outcome: 'no-answer' } });
  expect(call.status).toBe(201);
  await t.drainJobs();
});
afterAll(async () => t?.close());

const OVERVIEW = '/api/v1/stats/overview?days=7&includeSandbox=true';

async function answers(): Promise<{ computed: number; shared: number }> {
  const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  return sharedReadAnswers(await res.text(), 'overview') ?? { computed: 0, shared: 0 };
}

describe('overviews asked for together', () => {
  it('answer every request with the figures, each request either computing or sharing', async () => {
    const before = await answers();
    const all = await Promise.all([1, 2, 3].map(() => t.api('GET', OVERVIEW, { token: ws.apiKey })));
    for (const res of all) {
      expect(res.status).toBe(200);
      expect(res.body.totals).toMatchObject({ missed: 1, texted: 1 });
      expect(res.body).toEqual(all[0]!.body);
    }
    const after = await answers();
    expect(after.computed - before.computed + (after.shared - before.shared)).toBe(3);
  });

  it.runIf(testDialect === 'postgres')('share the computation under way instead of reading everything again (PostgreSQL: the first is held at its read of the numbers)', async () => {
    const before = await answers();
    const db = t.runtime.ctx.db;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const lock = db.transaction().execute(async (trx) => {
      await sql`lock table phone_numbers in access exclusive mode`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    try {
      const first = t.api('GET', OVERVIEW, { token: ws.apiKey });
      // The first computation waits for the business's numbers, on a connection of its own.
      await vi.waitFor(
        async () => {
          const waiting = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%from "phone_numbers"%'`.execute(db);
          expect(Number(waiting.rows[0]!.n)).toBe(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      const others = [t.api('GET', OVERVIEW, { token: ws.apiKey }), t.api('GET', OVERVIEW, { token: ws.apiKey })];
      // Both joined it: the metrics (which read no numbers) count them as shared.
      await vi.waitFor(
        async () => {
          const now = await answers();
          expect(now.shared - before.shared).toBe(2);
        },
        { timeout: 10_000, interval: 20 },
      );
      release();
      await lock;
      const all = await Promise.all([first, ...others]);
      for (const res of all) {
        expect(res.status).toBe(200);
        expect(res.body.totals).toMatchObject({ missed: 1, texted: 1 });
      }
      const after = await answers();
      expect({ computed: after.computed - before.computed, shared: after.shared - before.shared }).toEqual({ computed: 1, shared: 2 });
    } finally {
      release();
      await lock.catch(() => undefined);
    }
  });
});
