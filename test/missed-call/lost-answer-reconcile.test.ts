/**
 * A text whose send lost its answer is never sent twice, even when the carrier turns the lost
 * request into a message only later (a carrier slow to work through its requests: the list of sent
 * messages does not show it yet). The send protocol (services/outbound-messages.ts, ADR 003) looks
 * the text up before any re-send; it now also waits until a request the carrier received has had
 * time to become a message (LOST_REQUEST_SETTLE_MS) before it takes "not in the list" for "not
 * sent". Before, the look-up ran with the first retry, 1–2 s after the loss, and a slow carrier's
 * text arrived twice (found by the bench: docs/performance.md, round 23). Twilio simulator over real
 * HTTP, jobs on the manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOST_REQUEST_SETTLE_MS } from '../../src/services/outbound-messages.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100071', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
});
afterAll(async () => f?.close());

describe('a send whose answer was lost', () => {
  it('is looked up again until the carrier could have made it a message, and then found, not sent again', async () => {
    const caller = '+15550104071';
    let carrierCatchesUp!: () => void;
    f.sim.failNext(1, { lostThenCreated: () => new Promise<void>((resolve) => (carrierCatchesUp = resolve)) });
    await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === caller)).toHaveLength(0);

    // Every retry's backoff has passed, not yet the settling time: looked up, not found, not re-sent.
    for (let waited = 0; waited + 10_000 < LOST_REQUEST_SETTLE_MS; waited += 10_000) {
      f.t.clock.advance(10_000);
      await f.t.drainJobs();
    }
    expect(f.sim.messages.filter((m) => m.to === caller)).toHaveLength(0);
    const creates = () => f.sim.requests.filter((r) => r.method === 'POST' && /\/Messages\.json$/.test(r.path) && r.params.To?.[0] === caller);
    expect(creates()).toHaveLength(1);

    // The carrier gets to the request: the text is sent, once.
    carrierCatchesUp();
    await f.sim.waitForMessages(f.sim.messages.length + 1);
    f.t.clock.advance(LOST_REQUEST_SETTLE_MS);
    await f.t.drainJobs();
    expect(creates()).toHaveLength(1);
    expect(f.sim.messages.filter((m) => m.to === caller)).toHaveLength(1);
    const text = await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('to_number', '=', caller).executeTakeFirstOrThrow();
    expect(text.carrier_message_id).toBe(f.sim.messages.find((m) => m.to === caller)!.sid);
    const calls = await f.t.api('GET', `/api/v1/calls?limit=5`, { token: f.ws.apiKey });
    expect(calls.body.data.find((c: any) => c.from === caller).textBack.status).toBe('sent');
  });

  it('is sent again once the settling time has passed and the carrier still has no such message', async () => {
    const caller = '+15550104072';
    f.sim.failNext(1, { drop: true });
    await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
    await f.t.drainJobs();
    f.t.clock.advance(LOST_REQUEST_SETTLE_MS + 60_000);
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === caller)).toHaveLength(1);
  });
});
