/**
 * A carrier that reports a missed call late (a delayed dial result, a backlog after an outage) is
 * held to the same rule as a phone system's late report: a call heard of more than 15 minutes after
 * it began is recorded, decided, and not texted, with the reason on the call. The rule lives in the
 * text-back policy, so no carrier path can skip it. Twilio webhooks are signed and sent by hand here,
 * so the app's clock can move between the call arriving and its dial result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postTwilioWebhook } from '../support/twilio-webhook-client.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
let callers = 0;

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100061', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
});
afterAll(async () => f?.close());

/** The call arrives; `minutesLater` its dial result says nobody answered. */
async function missedCallReportedAfter(minutesLater: number): Promise<{ from: string; call: any }> {
  const from = `+1555010${String(7000 + ++callers)}`;
  const callSid = `CA${String(callers).padStart(32, '0')}`;
  const parent = { AccountSid: f.ws.accountSid, CallSid: callSid, From: from, To: number.number, Direction: 'inbound' };
  const voice = await postTwilioWebhook(number.webhooks.voiceUrl, { ...parent, CallStatus: 'ringing' }, { authToken: f.ws.authToken });
  expect(voice.statusCode).toBe(200);
  const action = /<Dial[^>]* action="([^"]+)"/.exec(voice.body)?.[1]?.replace(/&amp;/g, '&');
  expect(action).toBeDefined();

  f.t.clock.advance(minutesLater * 60_000);
  const dial = await postTwilioWebhook(action!, { ...parent, CallStatus: 'in-progress', DialCallStatus: 'no-answer', DialBridged: 'false' }, { authToken: f.ws.authToken });
  expect(dial.statusCode).toBe(200);
  await f.t.drainJobs();
  const calls = (await f.t.api('GET', `/api/v1/calls?limit=50`, { token: f.ws.apiKey })).body.data as any[];
  return { from, call: calls.find((c) => c.from === from) };
}

describe('a late carrier report', () => {
  it('a Twilio dial result 20 minutes after the call began: recorded as missed, not texted, the reason on the call', async () => {
    const { from, call } = await missedCallReportedAfter(20);
    expect(call).toMatchObject({ outcome: 'missed', dialStatus: 'no-answer' });
    expect(call.textBack).toMatchObject({ status: 'skipped', reason: 'Reported 20 minutes after the call: too late for a text-back (more than 15 minutes)' });
    expect(f.sim.messages.filter((m) => m.to === from)).toEqual([]);
  });

  it('within the window (14 minutes) the same call is texted', async () => {
    const { from, call } = await missedCallReportedAfter(14);
    expect(call.outcome).toBe('missed');
    expect(call.textBack.status).toBe('sent');
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
  });
});
