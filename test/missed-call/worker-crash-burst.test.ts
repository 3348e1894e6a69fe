/**
 * A worker process killed (SIGKILL) with many text-backs in flight: some sends answered and their
 * acceptance being written, some still waiting on the carrier, some not yet started. On SQLite the
 * worker's writes share COMMITs (store/group-commit.ts), so the kill lands with transactions of
 * several calls in one uncommitted group: what was not durable must not have reached the carrier,
 * and what reached it must be found again. After the lease, this process takes the jobs over:
 * every caller gets exactly one text.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOST_REQUEST_SETTLE_MS } from '../../src/services/outbound-messages.js';
import { spawnWorker } from '../support/spawn-worker.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;

beforeAll(async () => {
  f = await startTwilioFixture();
  // The child worker runs on the real clock; line the test's clock up with it.
  f.t.clock.set(Date.now());
});
afterAll(async () => f?.close());

const CALLS = 24;

it('a worker killed with many text-backs in flight: every caller gets exactly one text', async () => {
  const number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  const callers = Array.from({ length: CALLS }, (_, i) => `+1555010${7000 + i}`);
  for (const from of callers) await f.call(f.ws, number, { scenario: 'no-answer', from });

  // The carrier answers the first sends quickly and holds the rest back, so the kill finds some
  // acceptances being written and other sends still waiting on the carrier.
  f.sim.failNext(6, { delayMs: 20 });
  f.sim.failNext(CALLS, { delayMs: 1_500 });
  const isSend = (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/Messages.json');
  let received = 0;
  f.sim.events.on('received', (r: { method: string; path: string }) => {
    if (isSend(r)) received++;
  });
  // Kill right after the carrier answered the sixth send, once at least one more send is waiting on
  // it. Both are needed: on a loaded machine the six quick answers can come back before the seventh
  // send has left the worker, and a kill then would find nothing held by the carrier.
  const killMoment = new Promise<void>((resolve) => {
    let created = 0;
    const check = () => {
      if (created >= 6 && received > 6) resolve();
    };
    f.sim.events.on('message', () => {
      created++;
      check();
    });
    f.sim.events.on('received', check);
  });
  const { child, exited } = spawnWorker(f.t.config, { WORKER_LEASE_MS: '30000' });
  await killMoment;
  child.kill('SIGKILL');
  await exited;
  // What the dead worker left: texts marked `sending` whose carrier answer it never recorded.
  const left = await f.t.runtime.ctx.db.selectFrom('messages').select(['status', 'carrier_message_id']).where('direction', '=', 'outbound').execute();
  expect(left.filter((m) => m.status === 'sending' && m.carrier_message_id === null).length).toBeGreaterThan(0);

  // The carrier finishes creating every message the dead worker asked for.
  await f.sim.waitForMessages(received, { timeoutMs: 10_000 });

  // After the dead worker's lease (30 s), this process takes its jobs over; a text the carrier
  // does not list is sent again only once a lost request would have become a message.
  f.t.clock.set(Date.now() + Math.max(31_000, LOST_REQUEST_SETTLE_MS + 1_000));
  while ((await f.t.drainJobs()) > 0);

  const texted = f.sim.messages.map((m) => m.to).sort();
  expect(texted).toEqual([...callers].sort());
  const calls = await f.t.runtime.ctx.db.selectFrom('calls').select(['from_number', 'textback_status']).execute();
  expect(calls.filter((c) => c.textback_status === 'sent')).toHaveLength(CALLS);
  const messages = await f.t.runtime.ctx.db.selectFrom('messages').select(['to_number', 'status', 'carrier_message_id']).where('direction', '=', 'outbound').execute();
  expect(messages).toHaveLength(CALLS);
  expect(new Set(messages.map((m) => m.carrier_message_id)).size).toBe(CALLS);
  expect(messages.every((m) => m.carrier_message_id !== null)).toBe(true);
}, 60_000);
