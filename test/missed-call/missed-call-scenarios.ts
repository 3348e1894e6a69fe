/**
 * The missed-call scenarios every carrier must pass, end to end over real HTTP: signed webhooks from
 * the call driver (the carrier's own signature header and key), the carrier's real client sending to
 * its simulator, a real database. The three promises: never text an answered call, never text twice
 * for one call, never text anyone who opted out. Run per carrier by <carrier>-missed-call.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCarrierFixture, type CarrierSimulatorApi, type SimulatedCarrier, type TwilioFixture, type TwilioWorkspace } from '../support/twilio-fixture.js';
import type { CallScenario } from '../support/twilio-call-driver.js';

/** The carrier's own error codes for the same two refusals (Telnyx: 40300 STOP-blocked, 40001 not routable). */
const ERROR_CODES: Record<SimulatedCarrier, { optedOut: number; landline: number }> = {
  twilio: { optedOut: 21610, landline: 21614 },
  signalwire: { optedOut: 21610, landline: 21614 },
  telnyx: { optedOut: 40300, landline: 40001 },
};

export function describeMissedCallScenarios(carrier: SimulatedCarrier): void {
  let f: TwilioFixture<CarrierSimulatorApi>;
  const codes = ERROR_CODES[carrier];
  let callerSeq = 0;
  /** A fresh caller per test, so cooldowns never leak between tests. */
  const nextCaller = () => `+1555011${String(1000 + callerSeq++).padStart(4, '0')}`;

  beforeAll(async () => {
    f = await startCarrierFixture(carrier);
  });
  afterAll(async () => f?.close());
  beforeEach(() => f.sim.clear());

  async function settle() {
    // Jobs run with the manual clock: drain what is due, then past the settle grace period.
    await f.t.drainJobs();
    f.t.clock.advance(5 * 60_000);
    await f.t.drainJobs();
  }

  async function callsFor(ws: TwilioWorkspace, from: string) {
    const res = await f.t.api('GET', '/api/v1/calls?limit=200', { token: ws.apiKey });
    return res.body.data.filter((c: { from: string }) => c.from === from);
  }

  let numberSeq = 0;
  async function newNumber(settings: Record<string, unknown> = {}) {
    return f.addNumber(f.ws, `+1555014${String(1000 + numberSeq++).padStart(4, "0")}`, {
      forwardTo: ['+15550109999'],
      voicemail: { enabled: false },
      ...settings,
    });
  }

  describe('missed calls are texted exactly once', () => {
    const missed: Array<[string, CallScenario, Record<string, unknown>]> = [
      ['no answer', 'no-answer', {}],
      ['busy', 'busy', {}],
      ['failed', 'failed', {}],
      ['screened out (nobody pressed 1)', 'screen-reject', { screening: 'press-1' }],
      ['a personal voicemail picked up but never pressed 1', 'personal-voicemail', { screening: 'press-1' }],
      ['the caller hung up while it rang (no dial result ever)', 'caller-hangup-while-ringing', {}],
    ];
    it.each(missed)('%s', async (_label, scenario, settings) => {
      const number = await newNumber(settings);
      const from = nextCaller();
      await f.call(f.ws, number, { scenario, from });
      await settle();

      expect(f.sim.messages).toHaveLength(1);
      const sms = f.sim.messages[0]!;
      expect(sms).toMatchObject({ from: number.number, to: from, accountSid: f.ws.accountSid });
      // New workspaces put the opt-out line on the first text to a contact.
      expect(sms.body).toBe('Hi! Sorry we missed your call at Acme Plumbing. How can we help? Reply here. Reply STOP to opt out.');

      const [call] = await callsFor(f.ws, from);
      expect(call.outcome).toBe('missed');
      expect(call.textBack.status).toBe('sent');
      expect(call.textBack.messageId).toMatch(/^msg_/);
    });

    // SignalWire never sends DialBridged: every scenario above already runs without it there.
    if (carrier === 'twilio') it('the same missed call without DialBridged (older accounts) is still texted once', async () => {
      const number = await newNumber();
      await f.call(f.ws, number, { scenario: 'no-answer', from: nextCaller(), includeDialBridged: false });
      await settle();
      expect(f.sim.messages).toHaveLength(1);
    });

    if (carrier === 'twilio') it('a screened-out call without DialBridged is missed: only a recorded key press counts', async () => {
      const number = await newNumber({ screening: 'press-1' });
      await f.call(f.ws, number, { scenario: 'screen-reject', from: nextCaller(), includeDialBridged: false });
      await settle();
      expect(f.sim.messages).toHaveLength(1);
    });
  });

  describe('answered calls are never texted, in any arrival order', () => {
    const answered: Array<[string, CallScenario, Record<string, unknown>, Record<string, unknown>]> = [
      ['dial result first', 'answered', {}, {}],
      ['status callback first', 'answered', {}, { statusCallbackFirst: true }],
      ['every webhook three times at once', 'answered', {}, { deliveries: 3 }],
      ['status first, three times at once', 'answered', {}, { statusCallbackFirst: true, deliveries: 3 }],
      ['without DialBridged', 'answered', {}, { includeDialBridged: false }],
      ['without DialBridged, status first', 'answered', {}, { includeDialBridged: false, statusCallbackFirst: true }],
      ['screened and accepted', 'screen-accept', { screening: 'press-1' }, {}],
      ['screened and accepted, no DialBridged, status first', 'screen-accept', { screening: 'press-1' }, { includeDialBridged: false, statusCallbackFirst: true }],
    ];
    it.each(answered)('%s', async (_label, scenario, settings, callOpts) => {
      const number = await newNumber(settings);
      const from = nextCaller();
      await f.call(f.ws, number, { scenario, from, ...callOpts });
      await settle();
      expect(f.sim.messages).toHaveLength(0);
      const [call] = await callsFor(f.ws, from);
      expect(call.outcome).toBe('answered');
      expect(call.textBack.status).toBeNull();
    });
  });

  describe('duplicate and reordered webhooks', () => {
    it('every webhook delivered 3 times concurrently sends one text', async () => {
      const number = await newNumber();
      const from = nextCaller();
      await f.call(f.ws, number, { scenario: 'no-answer', from, deliveries: 3 });
      await f.call(f.ws, number, { scenario: 'busy', from: nextCaller(), deliveries: 3, statusCallbackFirst: true });
      await settle();
      expect(f.sim.messages).toHaveLength(2);
      expect(await callsFor(f.ws, from)).toHaveLength(1);
    });
  });

  describe('signatures', () => {
    it('a forged signature gets 403 and stores nothing', async () => {
      const number = await newNumber();
      const from = nextCaller();
      const trace = await f.call(f.ws, number, { scenario: 'no-answer', from, authToken: 'f'.repeat(32), expectStatus: 403 });
      expect(trace.requests[0]!.statusCode).toBe(403);
      await settle();
      expect(await callsFor(f.ws, from)).toHaveLength(0);
      expect(f.sim.messages).toHaveLength(0);
      const contacts = await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`, { token: f.ws.apiKey });
      expect(contacts.body.data).toHaveLength(0);
    });

    it("a webhook signed with another workspace's token gets 403", async () => {
      const other = await f.addWorkspace('Bravo Electric');
      const number = await newNumber();
      const from = nextCaller();
      await f.call(f.ws, number, { scenario: 'no-answer', from, authToken: other.webhookKey ?? other.authToken, expectStatus: 403 });
      await settle();
      expect(await callsFor(f.ws, from)).toHaveLength(0);
      expect(f.sim.messages).toHaveLength(0);
    });

    it('an unsigned request gets 403', async () => {
      const number = await newNumber();
      const res = await fetch(number.webhooks.voiceUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ CallSid: 'CA'.padEnd(34, '0'), From: '+15550101111', To: number.number }).toString(),
      });
      expect(res.status).toBe(403);
    });
  });

  describe('skips, with the reason on the call', () => {
    it('anonymous caller', async () => {
      const number = await newNumber();
      await f.call(f.ws, number, { scenario: 'no-answer', from: 'anonymous' });
      await settle();
      expect(f.sim.messages).toHaveLength(0);
      const [call] = await callsFor(f.ws, 'anonymous');
      expect(call.outcome).toBe('missed');
      expect(call.textBack).toMatchObject({ status: 'skipped', messageId: null });
      expect(call.textBack.reason).toMatch(/withheld/);
    });

    it('text-back disabled on the number', async () => {
      const number = await newNumber({ missedCallTextBack: { enabled: false } });
      const from = nextCaller();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      expect(f.sim.messages).toHaveLength(0);
      expect((await callsFor(f.ws, from))[0].textBack).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/turned off/) });
    });

    it('the caller is the phone the number forwards to (no loops)', async () => {
      const number = await newNumber();
      await f.call(f.ws, number, { scenario: 'no-answer', from: '+15550109999' });
      await settle();
      expect(f.sim.messages).toHaveLength(0);
      expect((await callsFor(f.ws, '+15550109999'))[0].textBack.reason).toMatch(/forwards to/);
    });

    it('cooldown: a second missed call from the same caller within the cooldown is not texted', async () => {
      const number = await newNumber({ missedCallTextBack: { cooldownMinutes: 60 } });
      const from = nextCaller();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      f.t.clock.advance(10 * 60_000);
      await f.call(f.ws, number, { scenario: 'busy', from });
      await settle();
      expect(f.sim.messages).toHaveLength(1);
      const calls = await callsFor(f.ws, from);
      expect(calls.map((c: any) => c.textBack.status)).toEqual(['skipped', 'sent']);
      expect(calls[0].textBack.reason).toMatch(/^Cooldown/);

      f.t.clock.advance(61 * 60_000);
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      expect(f.sim.messages).toHaveLength(2);
    });

    it('two missed calls from one caller at the same moment text once (the cooldown is claimed atomically)', async () => {
      const number = await newNumber();
      const from = nextCaller();
      await Promise.all([f.call(f.ws, number, { scenario: 'no-answer', from }), f.call(f.ws, number, { scenario: 'busy', from })]);
      await settle();
      expect(f.sim.messages).toHaveLength(1);
    });

    it('opted out (the carrier said 21610): the next missed call is skipped with reason "opted out"', async () => {
      const number = await newNumber({ missedCallTextBack: { cooldownMinutes: 0 } });
      const from = nextCaller();
      f.sim.failNext(1, { status: 400, code: codes.optedOut });
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      let [call] = await callsFor(f.ws, from);
      expect(call.textBack.status).toBe('failed');
      expect(call.textBack.reason).toMatch(/unsubscribed/);
      const contact = (await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`, { token: f.ws.apiKey })).body.data[0];
      expect(contact.optedOut).toBe(true);

      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      [call] = await callsFor(f.ws, from);
      expect(call.textBack).toMatchObject({ status: 'skipped', reason: 'The caller opted out of texts' });
      expect(f.sim.messages).toHaveLength(0);
    });

    it('a landline (30006 / 21614) marks the contact not textable and later calls are skipped', async () => {
      const number = await newNumber({ missedCallTextBack: { cooldownMinutes: 0 } });
      const from = nextCaller();
      f.sim.failNext(1, { status: 400, code: codes.landline, message: 'To number: is not a mobile number' });
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      const [latest] = await callsFor(f.ws, from);
      expect(latest.textBack.reason).toMatch(/cannot take texts/);
    });
  });

  describe('STOP', () => {
    it('a caller who texted STOP is never texted back after a missed call; START lets texts through again', async () => {
      const number = await newNumber({ missedCallTextBack: { cooldownMinutes: 0 } });
      const from = nextCaller();
      const stop = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'STOP', smsUrl: number.webhooks.smsUrl });
      // 200 with empty TwiML/cXML on Twilio and SignalWire, 204 on Telnyx (its messaging webhooks want only a 2xx).
      expect([200, 204]).toContain(stop.statusCode);
      await settle();
      f.sim.clear();
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      await settle();
      expect(f.sim.messages.filter((m) => m.direction === 'outbound-api')).toHaveLength(0);
      const [call] = await callsFor(f.ws, from);
      expect(call.textBack).toMatchObject({ status: 'skipped', reason: 'The caller opted out of texts' });

      await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'START', smsUrl: number.webhooks.smsUrl });
      await settle();
      f.sim.clear();
      await f.call(f.ws, number, { scenario: 'busy', from });
      await settle();
      expect(f.sim.messages.filter((m) => m.direction === 'outbound-api' && m.body.includes('missed your call'))).toHaveLength(1);
    });
  });

  describe('carrier failures', () => {
    it('500s then success: one text, after retries', async () => {
      const number = await newNumber();
      const from = nextCaller();
      f.sim.failNext(2, { status: 500 });
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      for (let i = 0; i < 4; i++) {
        await f.t.drainJobs();
        f.t.clock.advance(10 * 60_000);
      }
      expect(f.sim.messages).toHaveLength(1);
      expect((await callsFor(f.ws, from))[0].textBack.status).toBe('sent');
    });

    it('429 then success: one text', async () => {
      const number = await newNumber();
      f.sim.failNext(1, { status: 429 });
      await f.call(f.ws, number, { scenario: 'no-answer', from: nextCaller() });
      for (let i = 0; i < 3; i++) {
        await f.t.drainJobs();
        f.t.clock.advance(10 * 60_000);
      }
      expect(f.sim.messages).toHaveLength(1);
    });

    it('Twilio took the text but the answer was lost: reconciled, never sent twice', async () => {
      const number = await newNumber();
      const from = nextCaller();
      f.sim.failNext(1, { acceptThenDrop: true });
      await f.call(f.ws, number, { scenario: 'no-answer', from });
      for (let i = 0; i < 3; i++) {
        await f.t.drainJobs();
        f.t.clock.advance(10 * 60_000);
      }
      expect(f.sim.messages).toHaveLength(1);
      const [call] = await callsFor(f.ws, from);
      expect(call.textBack.status).toBe('sent');
    });
  });

  describe('voicemail', () => {
    it('records the voicemail and transcript on the call, outcome voicemail, one text after the call ends', async () => {
      const number = await newNumber({ voicemail: { enabled: true, transcribe: true } });
      const from = nextCaller();
      const trace = await f.call(f.ws, number, {
        scenario: 'no-answer',
        from,
        voicemail: { leave: true, durationSeconds: 14, transcript: 'Hi, my kitchen sink is leaking, please call me back.' },
      });
      const greeting = trace.requests.find((r) => r.kind === 'dial-action')!.body;
      expect(greeting).toContain('Acme Plumbing');
      expect(greeting).toContain('<Record');
      await settle();
      expect(f.sim.messages).toHaveLength(1);
      const [call] = await callsFor(f.ws, from);
      expect(call.outcome).toBe('voicemail');
      expect(call.voicemail).toMatchObject({ durationSeconds: 14, transcript: 'Hi, my kitchen sink is leaking, please call me back.' });
      expect(call.voicemail.url).toMatch(/^https?:\/\//);
    });

    it('a number with no forwarding goes straight to voicemail', async () => {
      const number = await newNumber({ forwardTo: [], voicemail: { enabled: true } });
      const from = nextCaller();
      const trace = await f.call(f.ws, number, { scenario: 'no-answer', from, voicemail: { leave: false } });
      expect(trace.requests[0]!.body).toContain('<Record');
      expect(trace.requests[0]!.body).not.toContain('<Dial');
      await settle();
      expect(f.sim.messages).toHaveLength(1);
      expect((await callsFor(f.ws, from))[0].outcome).toBe('missed');
    });
  });

  describe('call control (TwiML / cXML)', () => {
    it('rings phones and SIP URIs with answerOnBridge, the ring timeout and a dial action; press-1 adds the whisper', async () => {
      const number = await newNumber({ forwardTo: ['+15550109999', 'sip:desk@pbx.example.com'], ringTimeoutSeconds: 25, screening: 'press-1' });
      const trace = await f.call(f.ws, number, { scenario: 'answered', from: nextCaller() });
      const twiml = trace.requests[0]!.body;
      expect(twiml).toContain('answerOnBridge="true"');
      expect(twiml).toContain('timeout="25"');
      expect(twiml).toMatch(new RegExp(`<Number url="[^"]+/webhooks/${carrier}/voice/screen\\?call=call_[^"]+">\\+15550109999</Number>`));
      expect(twiml).toMatch(/<Sip url="[^"]+">sip:desk@pbx.example.com<\/Sip>/);
      const screen = trace.requests.find((r) => r.kind === 'screen')!.body;
      expect(screen).toContain('Press 1 to accept');
    });
  });
}
