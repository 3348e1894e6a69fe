/**
 * A send that lost the carrier's answer asks the carrier whether its text went before it sends
 * again (services/outbound-messages.ts), and it asks off its worker slot (jobs/job-worker.ts,
 * waitOffSlot), as the send itself waits. That lookup is most common when the carrier is slow
 * or failing, which is when slots held by it would starve the next missed call's text-back. Over
 * real HTTP with the worker's own loop: a worker of two slots, a Twilio that answers the lookups
 * only when the test lets it.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { heldAnswers } from '../support/held-answers.js';
import type { TwilioFixture } from '../support/twilio-fixture.js';
import { expectTextBackNext, startTwoSlotWorker } from '../support/two-slot-worker.js';

const LOST = 3;
const RETRY_WAIT_MS = 10 * 60_000; // longer than any first retry's backoff (jobs/backoff.ts)

let f: TwilioFixture;
let number: any;
const held = heldAnswers();

beforeAll(async () => {
  ({ f, number } = await startTwoSlotWorker());
});

afterAll(async () => {
  held.answer();
  await f?.close();
});

const callers = Array.from({ length: LOST }, (_, i) => `+1555014${String(1000 + i)}`);

const textBacks = () =>
  f.t.runtime.ctx.db.selectFrom('messages').select(['to_number', 'status']).where('author', '=', 'textback').orderBy('to_number').execute();

it('with more lookups waiting on the carrier than the worker has slots, a missed call is texted back meanwhile, and nothing is sent twice', async () => {
  // Twilio takes each text-back, but its answer is lost: each stays `sending`, to be looked up.
  f.sim.failNext(LOST, { acceptThenDrop: true });
  for (const from of callers) await f.call(f.ws, number, { scenario: 'no-answer', from });
  await f.sim.waitForMessages(LOST);
  await vi.waitFor(async () => expect((await textBacks()).map((m) => m.status)).toEqual(Array(LOST).fill('sending')));
  // …and each send's retry is queued before the clock moves, so all of them come due together.
  const retries = () => f.t.runtime.ctx.db.selectFrom('jobs').select('id').where('kind', '=', 'message.send').where('status', '=', 'pending').execute();
  await vi.waitFor(async () => expect(await retries()).toHaveLength(LOST));

  // Each retry first asks Twilio for the text; Twilio answers those only when the test says.
  f.sim.failNext(LOST, { until: () => held.arrive('lookup') }, { method: 'GET' });
  f.t.clock.advance(RETRY_WAIT_MS);
  // With each lookup holding its slot, two would wait and the third stay queued.
  await held.waiting(LOST);

  const caller = '+15550133000';
  await expectTextBackNext(f, number, caller);

  held.answer();
  await vi.waitFor(async () => expect((await textBacks()).every((m) => m.status !== 'sending')).toBe(true));
  // The lookups found the lost texts: none was sent again.
  expect(f.sim.messages.map((m) => m.to).sort()).toEqual([...callers, caller].sort());
});
