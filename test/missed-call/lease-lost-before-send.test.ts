/**
 * A worker that stalled past its job's lease does not hand the text to the carrier afterwards
 * (jobs/follow-up-scope.ts, leaseHeld; services/outbound-messages.ts, sendMarkedMessage). Another
 * worker may have taken the job over meanwhile, asked the carrier, found nothing and sent: a send
 * now would text the caller twice. The stall is played with the injected clock: the text-back's
 * line-type lookup is held at the carrier while the clock moves past the lease. The text stays
 * `sending`, and the attempt after it asks the carrier before it sends: one text.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

const LEASE_MS = 30_000;
let f: TwilioFixture;

beforeAll(async () => {
  f = await startTwilioFixture({ workerLeaseMs: LEASE_MS });
  await f.t.api('PATCH', '/api/v1/workspace', { token: f.ws.apiKey, body: { lineTypeCheck: { enabled: true } } });
});
afterAll(async () => f?.close());

const isSend = (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/Messages.json');
const isLookup = (r: { method: string; path: string }) => r.method === 'GET' && r.path.startsWith('/v2/PhoneNumbers/');
const isListing = (r: { method: string; path: string }) => r.method === 'GET' && r.path.endsWith('/Messages.json');

it('a text-back whose worker stalled past its lease is not sent by that worker; the next attempt asks the carrier, then sends it once', async () => {
  const number = await f.addNumber(f.ws, '+15550100031', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  await f.t.drainJobs();
  const caller = '+15550107301';
  f.sim.setLineType(caller, 'mobile');
  await f.call(f.ws, number, { scenario: 'no-answer', from: caller });

  // The lookup is held at the carrier; while it is, the worker's clock runs past the job's lease.
  f.sim.failNext(1, { delayMs: 300 }, { method: 'GET', path: /^\/v2\/PhoneNumbers\// });
  const lookupArrived = new Promise<void>((resolve) => f.sim.events.on('received', (r: { method: string; path: string }) => isLookup(r) && resolve()));
  f.sim.clear();
  const firstRun = f.t.drainJobs();
  await lookupArrived;
  f.t.clock.advance(LEASE_MS + 1_000);
  await firstRun;

  expect(f.sim.requests.filter(isSend)).toHaveLength(0);
  const db = f.t.runtime.ctx.db;
  const [message] = await db.selectFrom('messages').select(['id', 'status', 'carrier_message_id']).where('to_number', '=', caller).execute();
  expect(message).toMatchObject({ status: 'sending', carrier_message_id: null });
  const sendJob = await db.selectFrom('jobs').select(['status', 'last_error']).where('unique_key', '=', `send:${message!.id}`).executeTakeFirst();
  expect(sendJob?.status).toBe('pending');
  expect(sendJob?.last_error).toMatch(/lease on its job ran out/);

  // The send job's attempt: it asks the carrier first (nothing there), then sends.
  f.t.clock.advance(60_000);
  while ((await f.t.drainJobs()) > 0);
  const requests = f.sim.requests;
  const sends = requests.filter(isSend);
  expect(sends).toHaveLength(1);
  expect(requests.findIndex(isListing)).toBeGreaterThanOrEqual(0);
  expect(requests.findIndex(isListing)).toBeLessThan(requests.indexOf(sends[0]!));
  expect(f.sim.messages.filter((m) => m.to === caller)).toHaveLength(1);
  const call = await db.selectFrom('calls').select('textback_status').where('from_number', '=', caller).executeTakeFirstOrThrow();
  expect(call.textback_status).toBe('sent');
});
