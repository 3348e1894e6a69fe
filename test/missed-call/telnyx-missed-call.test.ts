/**
 * The missed call text back on Telnyx (TeXML calls, v2 Messaging API), end to end over real HTTP:
 * every webhook signed with Ed25519 by the account's own key pair on the app's clock, TeXML call
 * webhooks with Twilio's parameter names and no DialBridged, `v3:` call ids, JSON messaging events,
 * the Telnyx REST client sending to the simulator's /v2/messages, a real database. Same scenarios as
 * Twilio and SignalWire (missed-call-scenarios.ts), then what only Telnyx does: signatures that
 * expire, JSON messaging events on one profile URL, and reconciling without a list of sent messages.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCarrierFixture, type TwilioFixture } from '../support/twilio-fixture.js';
import type { TelnyxSimulator } from '../support/telnyx-simulator.js';
import { describeMissedCallScenarios } from './missed-call-scenarios.js';

describeMissedCallScenarios('telnyx');

describe('Telnyx only', () => {
  let f: TwilioFixture<TelnyxSimulator>;
  let seq = 0;
  const caller = () => `+1555012${String(1000 + seq++).padStart(4, '0')}`;
  const newNumber = (settings: Record<string, unknown> = {}) =>
    f.addNumber(f.ws, `+1555015${String(1000 + seq++).padStart(4, '0')}`, { forwardTo: ['+15550109999'], voicemail: { enabled: false }, ...settings });
  const callsFrom = async (from: string) => (await f.t.api('GET', '/api/v1/calls?limit=200', { token: f.ws.apiKey })).body.data.filter((c: { from: string }) => c.from === from);
  const nowSeconds = () => Math.floor(f.t.clock.now() / 1000);

  beforeAll(async () => {
    f = await startCarrierFixture('telnyx');
  });
  afterAll(async () => f?.close());
  beforeEach(() => f.sim.clear());

  describe('signature timestamps (5 minutes either way)', () => {
    it.each([
      ['6 minutes old', -360],
      ['6 minutes ahead', 360],
    ])('a correctly signed call webhook %s gets 403 and stores nothing', async (_label, offset) => {
      const number = await newNumber();
      const from = caller();
      const params = { AccountSid: 'acct', CallSid: `v3:stale-${from}`, From: from, To: number.number, CallStatus: 'ringing', Direction: 'inbound' };
      const res = await f.sim.postTexml(number.webhooks.voiceUrl, f.ws.accountSid, params, nowSeconds() + offset);
      expect(res.statusCode).toBe(403);
      expect(await callsFrom(from)).toHaveLength(0);
      // The same request inside the window is taken.
      const fresh = await f.sim.postTexml(number.webhooks.voiceUrl, f.ws.accountSid, params, nowSeconds() - 240);
      expect(fresh.statusCode).toBe(200);
      expect(await callsFrom(from)).toHaveLength(1);
    });

    it('a stale inbound text gets 403 and stores nothing', async () => {
      const number = await newNumber();
      const from = caller();
      const res = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'Hi', smsUrl: number.webhooks.smsUrl, timestampSeconds: nowSeconds() - 301 });
      expect(res.statusCode).toBe(403);
      const contacts = await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`, { token: f.ws.apiKey });
      expect(contacts.body.data).toHaveLength(0);
    });

    it('an inbound text signed by another account gets 403', async () => {
      const number = await newNumber();
      const other = f.sim.createAccount('Other');
      const res = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: caller(), to: number.number, body: 'Hi', smsUrl: number.webhooks.smsUrl, signer: other.publicKey });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('messaging events', () => {
    it('an inbound text with media is stored once, even when Telnyx delivers it twice', async () => {
      const number = await newNumber();
      const from = caller();
      const first = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'Is Tuesday ok?', smsUrl: number.webhooks.smsUrl, mediaUrls: ['https://media.telnyx.example/a.jpg'] });
      expect(first.statusCode).toBe(204);
      await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'Is Tuesday ok?', smsUrl: number.webhooks.smsUrl, messageSid: first.messageSid });
      const rows = await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('carrier_message_id', '=', first.messageSid).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ direction: 'inbound', body: 'Is Tuesday ok?', carrier: 'telnyx' });
    });

    it('a delivery event of a text sent outside Textback, posted to the profile webhook, is acknowledged and ignored', async () => {
      const number = await newNumber();
      const to = caller();
      const res = await f.sim.postEvent(number.webhooks.smsUrl, f.ws.accountSid, 'message.sent', {
        id: 'b0c7e8cb-6227-4c74-9f32-c7f80c30934b',
        direction: 'outbound',
        from: { phone_number: number.number },
        to: [{ phone_number: to, status: 'sent' }],
        text: 'Sent from the Telnyx portal',
      });
      expect(res.statusCode).toBe(204);
      const contacts = await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(to)}`, { token: f.ws.apiKey });
      expect(contacts.body.data).toHaveLength(0);
    });

    it('message.sent then message.finalized (delivered) move the text-back to delivered; a late sent does not move it back', async () => {
      const number = await newNumber();
      const from = caller();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await f.t.drainJobs();
      const sms = f.sim.messages.find((m) => m.to === from)!;
      expect((await f.sim.deliverStatus(sms.id, 'sent')).statusCode).toBe(204);
      expect((await f.sim.deliverStatus(sms.id, 'delivered')).statusCode).toBe(204);
      expect((await f.sim.deliverStatus(sms.id, 'sent')).statusCode).toBe(204);
      const row = await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('carrier_message_id', '=', sms.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('delivered');
    });

    it('a finalized delivery_failed with 40001 (not routable) fails the text and marks the phone not textable', async () => {
      const number = await newNumber();
      const from = caller();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await f.t.drainJobs();
      const sms = f.sim.messages.find((m) => m.to === from)!;
      await f.sim.deliverStatus(sms.id, 'delivery_failed', { errorCode: '40001' });
      const row = await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('carrier_message_id', '=', sms.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'undelivered', error_code: '40001' });
      const [call] = await callsFrom(from);
      expect(call.textBack.status).toBe('failed');
      expect(call.textBack.reason).toMatch(/landline or cannot take texts/);
    });

    it('a delivery event naming another message id is ignored', async () => {
      const number = await newNumber();
      const from = caller();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await f.t.drainJobs();
      const sms = f.sim.messages.find((m) => m.to === from)!;
      const res = await f.sim.postEvent(sms.webhookUrl!, f.ws.accountSid, 'message.finalized', { id: 'another-message', direction: 'outbound', from: { phone_number: number.number }, to: [{ phone_number: from, status: 'delivery_failed' }], errors: [{ code: '40001' }] });
      expect(res.statusCode).toBe(204);
      const row = await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('carrier_message_id', '=', sms.id).executeTakeFirstOrThrow();
      expect(row.status).not.toBe('undelivered');
    });
  });

  describe("Telnyx's own STOP block rule", () => {
    it('the STOP confirmation refused with 40300 changes nothing else: the caller stays opted out, and START lets text-backs through', async () => {
      const number = await newNumber({ missedCallTextBack: { cooldownMinutes: 0 } });
      const from = caller();
      await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'STOP', smsUrl: number.webhooks.smsUrl });
      await f.t.drainJobs();
      const refused = f.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v2/messages');
      expect(refused.map((r) => r.status)).toEqual([400]);
      const contact = (await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`, { token: f.ws.apiKey })).body.data[0];
      expect(contact.optedOut).toBe(true);

      await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'START', smsUrl: number.webhooks.smsUrl });
      await f.t.drainJobs();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await f.t.drainJobs();
      expect(f.sim.messages.filter((m) => m.to === from && m.body.includes('missed your call'))).toHaveLength(1);
    });
  });

  describe('a send whose answer was lost, with no list of sent messages', () => {
    it('while the detail record is not there yet, nothing is re-sent; once it appears, the text is reconciled', async () => {
      const number = await newNumber();
      const from = caller();
      f.sim.mdrLagMs = 5 * 60_000;
      f.sim.failNext(1, { acceptThenDrop: true });
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await f.t.drainJobs();
      for (let i = 0; i < 3; i++) {
        f.t.clock.advance(60_000);
        await f.t.drainJobs();
      }
      expect(f.sim.messages).toHaveLength(1);
      expect(f.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v2/messages')).toHaveLength(1);
      const pending = await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('to_number', '=', from).executeTakeFirstOrThrow();
      expect(pending.status).toBe('sending');

      f.t.clock.advance(10 * 60_000);
      await f.t.drainJobs();
      expect(f.sim.messages).toHaveLength(1);
      const sent = await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('to_number', '=', from).executeTakeFirstOrThrow();
      expect(sent).toMatchObject({ status: 'queued', carrier_message_id: f.sim.messages[0]!.id });
    });

    it('when the record never shows, the re-send carries the same Idempotency-Key and Telnyx answers with the first message', async () => {
      const number = await newNumber();
      const from = caller();
      f.sim.mdrLagMs = 24 * 3_600_000;
      f.sim.failNext(1, { acceptThenDrop: true });
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await f.t.drainJobs();
      for (let i = 0; i < 3; i++) {
        f.t.clock.advance(10 * 60_000);
        await f.t.drainJobs();
      }
      const creates = f.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v2/messages');
      expect(creates).toHaveLength(2);
      expect(f.sim.messages).toHaveLength(1);
      const [call] = await callsFrom(from);
      expect(call.textBack.status).toBe('sent');
    });
  });
});
