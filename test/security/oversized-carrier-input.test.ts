/**
 * Issue 15, item 11: a signed inbound text far past the carrier's documented maximum (Twilio:
 * 1,600 characters, error 21617) is stored cut at that maximum with a visible marker, not whole.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INBOUND_TEXT_MAX_CHARS, TRUNCATION_MARKER } from '../../src/domain/carrier-text.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';
import { postTwilioWebhook } from '../support/twilio-webhook-client.js';

let f: TwilioFixture;
let number: any;

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'] });
});
afterAll(async () => f?.close());

const bodyOf = async (sid: string) =>
  (await f.t.runtime.ctx.db.selectFrom('messages').select('body').where('carrier_message_id', '=', sid).executeTakeFirstOrThrow()).body;

it('stores a 900 KB signed inbound text cut at 1,600 characters, with a marker', async () => {
  expect(INBOUND_TEXT_MAX_CHARS).toBe(1600);
  const huge = 'Hello there. '.repeat(70_000); // 910,000 characters
  // Posted directly (signed as Twilio would): the simulator's segment counter is not made for 900 KB.
  const sid = `SM${'d'.repeat(32)}`;
  const res = await postTwilioWebhook(
    number.webhooks.smsUrl,
    { AccountSid: f.ws.accountSid, MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, From: '+15550107001', To: number.number, Body: huge, NumMedia: '0' },
    { authToken: f.ws.authToken },
  );
  expect(res.statusCode).toBe(200);
  const stored = await bodyOf(sid);
  expect(stored).toBe(huge.slice(0, 1600) + TRUNCATION_MARKER);
});

it('keeps a text of exactly 1,600 characters whole', async () => {
  const full = 'x'.repeat(1600);
  const sms = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: '+15550107002', to: number.number, body: full, smsUrl: number.webhooks.smsUrl });
  expect(await bodyOf(sms.messageSid)).toBe(full);
});
