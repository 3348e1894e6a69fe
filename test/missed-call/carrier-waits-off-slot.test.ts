/**
 * Every request a job makes to the carrier waits off its worker slot (services/carrier-clients.ts,
 * forRunningJob): a Twilio taking its time must not hold the slots the next caller's text-back
 * needs. Three requests a text-back can wait on: its send; the lookup after a lost answer ("did the
 * text go?", asked before any retry sends again, most common exactly when the carrier is slow or
 * failing); and, with the workspace's line-type check on, the Lookup of a new caller's line before
 * the first text. Over real HTTP with the worker's own loop: a worker of two slots, a Twilio that
 * answers the first requests of a kind only when the test lets it.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { heldAnswers, type HeldAnswers } from '../support/held-answers.js';
import type { TwilioFixture } from '../support/twilio-fixture.js';
import { expectTextBackNext, SLOTS, startTwoSlotWorker } from '../support/two-slot-worker.js';

/** One more than the slots: held in their slots, the last would never reach Twilio. */
const HELD = SLOTS + 1;
const RETRY_WAIT_MS = 10 * 60_000; // longer than any first retry's backoff (jobs/backoff.ts)
/** How long a condition may take to come true on a loaded machine (vi.waitFor's default is 1 s). */
const UNTIL = { timeout: 15_000 };

let f: TwilioFixture;
let number: any;
const helds: HeldAnswers[] = [];

beforeAll(async () => {
  ({ f, number } = await startTwoSlotWorker());
});

afterAll(async () => {
  for (const held of helds) held.answer();
  await f?.close();
});

const callersFrom = (first: number) => Array.from({ length: HELD }, (_, i) => `+155501${String(first + i)}`);
const textsTo = (phones: string[]) => f.sim.messages.filter((m) => phones.includes(m.to)).map((m) => m.to).sort();
const textBacks = () =>
  f.t.runtime.ctx.db.selectFrom('messages').select(['to_number', 'status']).where('author', '=', 'textback').orderBy('to_number').execute();

function holdNext(request: { path: RegExp; method: 'GET' | 'POST' }): HeldAnswers {
  const held = heldAnswers();
  helds.push(held);
  f.sim.failNext(HELD, { until: () => held.arrive() }, request);
  return held;
}

/**
 * Missed calls from more callers than slots, each text-back held at `request`; then another
 * caller, whose request is answered at once (no fault left): its text is the next Twilio takes,
 * and the held callers get theirs once the test lets Twilio answer.
 */
async function textBackWhileHeld(request: { path: RegExp; method: 'GET' | 'POST' }, first: number, caller: string): Promise<void> {
  const callers = callersFrom(first);
  const held = holdNext(request);
  for (const from of callers) await f.call(f.ws, number, { scenario: 'no-answer', from });
  await held.waiting(HELD);
  await expectTextBackNext(f, number, caller);
  held.answer();
  await vi.waitFor(() => expect(textsTo(callers)).toEqual(callers), UNTIL);
}

it('sends: with more text-backs waiting on Twilio than the worker has slots, the next caller is texted back meanwhile', async () => {
  await textBackWhileHeld({ path: /\/Messages\.json$/, method: 'POST' }, 31000, '+15550133001');
});

it('the lookup after a lost answer: the next caller is texted back meanwhile, and nothing is sent twice', async () => {
  const callers = callersFrom(41000);
  // Twilio takes each text-back, but its answer is lost: each stays `sending`, to be looked up.
  f.sim.failNext(HELD, { acceptThenDrop: true });
  for (const from of callers) await f.call(f.ws, number, { scenario: 'no-answer', from });
  const lost = async () => (await textBacks()).filter((m) => callers.includes(m.to_number));
  await vi.waitFor(async () => expect((await lost()).map((m) => m.status)).toEqual(Array(HELD).fill('sending')), UNTIL);
  // …and each send's retry is queued before the clock moves, so all of them come due together.
  const retries = () => f.t.runtime.ctx.db.selectFrom('jobs').select('id').where('kind', '=', 'message.send').where('status', '=', 'pending').execute();
  await vi.waitFor(async () => expect(await retries()).toHaveLength(HELD), UNTIL);

  // Each retry first asks Twilio for the text; Twilio answers those only when the test says.
  const held = holdNext({ path: /\/Messages\.json$/, method: 'GET' });
  f.t.clock.advance(RETRY_WAIT_MS);
  await held.waiting(HELD);

  const caller = '+15550133002';
  await expectTextBackNext(f, number, caller);

  held.answer();
  await vi.waitFor(async () => expect((await lost()).every((m) => m.status !== 'sending')).toBe(true), UNTIL);
  // The lookups found the lost texts: none was sent again.
  expect(textsTo(callers)).toEqual(callers);
});

it('line-type Lookups: the next caller is texted back meanwhile', async () => {
  const ws = await f.t.api('PATCH', '/api/v1/workspace', { token: f.ws.apiKey, body: { lineTypeCheck: { enabled: true } } });
  expect(ws.status).toBe(200);
  await textBackWhileHeld({ path: /^\/v2\/PhoneNumbers\//, method: 'GET' }, 51000, '+15550133003');
});
