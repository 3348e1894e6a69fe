/**
 * Calls reported by a phone system (POST /api/v1/call-events) over real HTTP, with the text-back going
 * out through the called number's carrier (the Twilio simulator). Also runs the shipped PBX recipes
 * (contrib/pbx) as Asterisk, FreeSWITCH and 3CX would invoke them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { freePort } from '../../scripts/free-port.mjs';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '../../contrib/pbx/textback-call-event');
const RELAY = join(import.meta.dirname, '../../contrib/pbx/3cx-journal-relay.mjs');

let f: TwilioFixture;
let secret: string;
let seq = 0;
const nextCaller = () => `+1555018${String(1000 + seq++).padStart(4, '0')}`;
const nextId = () => `pbx-call-${Date.now()}-${seq++}`;

beforeAll(async () => {
  // The shipped scripts sign with the real clock: the server's manual clock starts there too.
  f = await startTwilioFixture({ clock: new ManualClock(Date.now()) });
  const res = await f.t.api('POST', '/api/v1/call-events/secret', { token: f.ws.apiKey });
  expect(res.status).toBe(200);
  secret = res.body.secret;
});
afterAll(async () => f?.close());
beforeEach(() => f.sim.clear());

let numberSeq = 0;
async function newNumber() {
  return f.addNumber(f.ws, `+1555019${String(1000 + numberSeq++).padStart(4, '0')}`, { forwardTo: ['+15550109999'] });
}

function sign(body: string, opts: { secret?: string; timestamp?: number } = {}) {
  const ts = String(opts.timestamp ?? Math.floor(f.t.clock.now() / 1000));
  const sig = createHmac('sha256', opts.secret ?? secret).update(`${ts}.${body}`).digest('hex');
  return { 'x-textback-timestamp': ts, 'x-textback-signature': `sha256=${sig}` };
}

async function report(event: Record<string, unknown>, headers?: Record<string, string>) {
  const body = JSON.stringify(event);
  const res = await fetch(`${f.t.url}/api/v1/call-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers ?? sign(body)) },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function settle() {
  await f.t.drainJobs();
  f.t.clock.advance(5 * 60_000);
  await f.t.drainJobs();
}

async function callsFrom(from: string) {
  const res = await f.t.api('GET', '/api/v1/calls?limit=200', { token: f.ws.apiKey });
  return res.body.data.filter((c: { from: string }) => c.from === from);
}

const event = (number: { number: string }, from: string, status: string, id = nextId()) => ({
  id,
  from,
  to: number.number,
  status,
  at: new Date(f.t.clock.now() - 30_000).toISOString(),
});

describe('POST /api/v1/call-events', () => {
  it('a missed call is recorded under the phone system\u2019s id and texted once, from the number called, through its carrier', async () => {
    const number = await newNumber();
    const from = nextCaller();
    const ev = { ...event(number, from, 'missed'), forwardedFrom: '+15550107000' };
    const res = await report(ev);
    expect(res.status).toBe(202);
    await settle();
    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.messages[0]).toMatchObject({ from: number.number, to: from, accountSid: f.ws.accountSid });
    const [call] = await callsFrom(from);
    expect(call).toMatchObject({ carrierCallId: ev.id, carrier: 'pbx', outcome: 'missed', forwardedFrom: '+15550107000' });
    expect(call.textBack.status).toBe('sent');
  });

  it('a missed call reported more than 15 minutes after it happened is recorded but not texted, with the reason on the call', async () => {
    const number = await newNumber();
    const from = nextCaller();
    const late = { ...event(number, from, 'missed'), at: new Date(f.t.clock.now() - 16 * 60_000).toISOString() };
    expect((await report(late)).status).toBe(202);
    await settle();
    expect(f.sim.messages).toHaveLength(0);
    const [call] = await callsFrom(from);
    expect(call).toMatchObject({ outcome: 'missed', carrierCallId: late.id });
    expect(call.textBack).toMatchObject({ status: 'skipped', reason: 'Reported 16 minutes after the call: too late for a text-back (more than 15 minutes)' });

    // Within the window (14 minutes) it is still texted.
    const from2 = nextCaller();
    await report({ ...event(number, from2, 'missed'), at: new Date(f.t.clock.now() - 14 * 60_000).toISOString() });
    await settle();
    expect(f.sim.messages.filter((m) => m.to === from2)).toHaveLength(1);
  });

  it('the same id three times at once: one call, one text', async () => {
    const number = await newNumber();
    const from = nextCaller();
    const ev = event(number, from, 'missed');
    const results = await Promise.all([report(ev), report(ev), report(ev)]);
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(results.filter((r) => r.body.decided)).toHaveLength(1);
    await settle();
    expect(f.sim.messages).toHaveLength(1);
    expect(await callsFrom(from)).toHaveLength(1);
  });

  it('answered never texts, and a later "missed" for the same id decides nothing new', async () => {
    const number = await newNumber();
    const from = nextCaller();
    const ev = event(number, from, 'answered');
    expect((await report(ev)).status).toBe(202);
    const later = await report({ ...ev, status: 'missed' });
    expect(later).toMatchObject({ status: 202, body: { decided: false } });
    await settle();
    expect(f.sim.messages).toHaveLength(0);
    const [call] = await callsFrom(from);
    expect(call.outcome).toBe('answered');
  });

  it('a missed report replayed after the text went out sends nothing more', async () => {
    const number = await newNumber();
    const from = nextCaller();
    const ev = event(number, from, 'missed');
    await report(ev);
    await settle();
    await report(ev);
    await report({ ...ev, status: 'voicemail' });
    await settle();
    expect(f.sim.messages).toHaveLength(1);
  });

  it('a voicemail report is a missed call with a voicemail: texted once', async () => {
    const number = await newNumber();
    const from = nextCaller();
    await report(event(number, from, 'voicemail'));
    await settle();
    expect(f.sim.messages).toHaveLength(1);
    const [call] = await callsFrom(from);
    expect(call.outcome).toBe('voicemail');
  });

  it('an opted-out caller is not texted', async () => {
    const number = await newNumber();
    const from = nextCaller();
    const stop = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body: 'STOP', smsUrl: number.webhooks.smsUrl });
    expect(stop.statusCode).toBe(200);
    await report(event(number, from, 'missed'));
    await settle();
    expect(f.sim.messages).toHaveLength(0);
  });

  describe('refused with 401 and nothing stored', () => {
    const cases: Array<[string, (body: string) => Record<string, string>]> = [
      ['no signature headers', () => ({})],
      ['no signature', (body) => ({ 'x-textback-timestamp': sign(body)['x-textback-timestamp'] })],
      ['a wrong secret', (body) => sign(body, { secret: 'tbce_not-the-secret' })],
      ['a timestamp 6 minutes old', (body) => sign(body, { timestamp: Math.floor(f.t.clock.now() / 1000) - 360 })],
      ['a timestamp 6 minutes ahead', (body) => sign(body, { timestamp: Math.floor(f.t.clock.now() / 1000) + 360 })],
      ['a signature over another body', () => sign('{"id":"x"}')],
    ];
    it.each(cases)('%s', async (_label, headers) => {
      const number = await newNumber();
      const from = nextCaller();
      const ev = event(number, from, 'missed');
      const res = await report(ev, headers(JSON.stringify(ev)));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      await settle();
      expect(await callsFrom(from)).toHaveLength(0);
      expect(f.sim.messages).toHaveLength(0);
    });

    it('a number that is not the workspace\u2019s', async () => {
      const from = nextCaller();
      const res = await report(event({ number: '+15550000001' }, from, 'missed'));
      expect(res.status).toBe(401);
    });

    it('another workspace\u2019s secret', async () => {
      const other = await f.addWorkspace('Other Co');
      const otherSecret = (await f.t.api('POST', '/api/v1/call-events/secret', { token: other.apiKey })).body.secret;
      const number = await newNumber();
      const from = nextCaller();
      const ev = event(number, from, 'missed');
      const res = await report(ev, sign(JSON.stringify(ev), { secret: otherSecret }));
      expect(res.status).toBe(401);
      expect(await callsFrom(from)).toHaveLength(0);
    });
  });

  it('an id another workspace already reported is a 409 naming id, and does not touch its call', async () => {
    const other = await f.addWorkspace('Other Plumbing');
    const otherSecret = (await f.t.api('POST', '/api/v1/call-events/secret', { token: other.apiKey })).body.secret;
    const otherNumber = await f.addNumber(other, `+1555019${String(1000 + numberSeq++).padStart(4, '0')}`, { forwardTo: ['+15550109999'] });
    const number = await newNumber();
    const ev = event(number, nextCaller(), 'missed');
    expect((await report(ev)).status).toBe(202);
    const clash = { ...ev, to: otherNumber.number, from: nextCaller() };
    const res = await report(clash, sign(JSON.stringify(clash), { secret: otherSecret }));
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('id');
  });

  it('a signed report with a bad field is a 400 naming it', async () => {
    const number = await newNumber();
    const res = await report({ ...event(number, nextCaller(), 'missed'), status: 'ringing' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('status');
    const res2 = await report({ ...event(number, nextCaller(), 'missed'), at: 'yesterday' });
    expect(res2.status).toBe(400);
    expect(res2.body.error.field).toBe('at');
  });

  it('rotating the secret retires the old one; a member who is not an owner cannot rotate', async () => {
    const number = await newNumber();
    const rotated = await f.t.api('POST', '/api/v1/call-events/secret', { token: f.ws.apiKey });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    const ev = event(number, nextCaller(), 'missed');
    expect((await report(ev, sign(JSON.stringify(ev), { secret }))).status).toBe(401);
    secret = rotated.body.secret;
    expect((await report(ev)).status).toBe(202);
    expect((await f.t.api('POST', '/api/v1/call-events/secret', { token: null })).status).toBe(401);
  });
});

describe('the PBX recipes (contrib/pbx)', () => {
  // The scripts sign with the real clock; earlier tests moved the manual one ahead.
  beforeEach(() => f.t.clock.set(Date.now()));
  const scriptEnv = () => ({ ...process.env, TEXTBACK_URL: f.t.url, TEXTBACK_CALL_EVENT_SECRET: secret });

  const asterisk: Array<[string, string, string | undefined, number]> = [
    ['NOANSWER', 'missed', undefined, 1],
    ['BUSY', 'missed', undefined, 1],
    ['CANCEL (caller hung up while it rang)', 'missed', undefined, 1],
    ['NOANSWER then VoiceMail() left a message', 'voicemail', 'SUCCESS', 1],
    ['ANSWER', 'answered', undefined, 0],
  ];
  it.each(asterisk)('Asterisk hangup handler, DIALSTATUS=%s', async (label, outcome, vmstatus, texts) => {
    const number = await newNumber();
    const from = nextCaller();
    const dialstatus = label.split(' ')[0]!;
    // What the dialplan's hangup handler runs: System(textback-call-event ${UNIQUEID} ${CALLERID(num)} <DID> ${DIALSTATUS}).
    await run(SCRIPT, [`1733200000.${seq++}`, from, number.number, dialstatus], { env: { ...scriptEnv(), TEXTBACK_VOICEMAIL: vmstatus ?? '' } });
    await settle();
    expect(f.sim.messages).toHaveLength(texts);
    const [call] = await callsFrom(from);
    expect(call.outcome).toBe(outcome);
  });

  it('Asterisk with no DIALSTATUS (the call never reached Dial) is not reported at all', async () => {
    const number = await newNumber();
    const from = nextCaller();
    const err = await run(SCRIPT, [`1733200000.${seq++}`, from, number.number, ''], { env: scriptEnv() }).catch((e) => e);
    expect(err.code).toBe(3);
    expect(await callsFrom(from)).toHaveLength(0);
  });

  const freeswitch: Array<[string, number]> = [
    ['NO_ANSWER', 1],
    ['USER_BUSY', 1],
    ['ORIGINATOR_CANCEL', 1],
    ['SUCCESS', 0],
  ];
  it.each(freeswitch)('FreeSWITCH hangup hook, originate_disposition=%s', async (disposition, texts) => {
    const number = await newNumber();
    const from = nextCaller();
    await run(SCRIPT, ['6f1c1d2e-93a4-4b5c-8d6e-' + String(100000000000 + seq++), from, number.number, disposition], { env: scriptEnv() });
    await settle();
    expect(f.sim.messages).toHaveLength(texts);
  });

  describe('3CX call journaling through the relay', () => {
    let relay: ChildProcess;
    let relayUrl: string;
    let number: any;
    beforeAll(async () => {
      number = await newNumber();
      const port = await freePort();
      relay = spawn(process.execPath, [RELAY], {
        env: { ...scriptEnv(), TEXTBACK_TO: number.number, RELAY_TOKEN: 'relay-token', PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => relay.stdout!.once('data', () => resolve()));
      relayUrl = `http://127.0.0.1:${port}/3cx/report`;
    });
    afterAll(() => {
      relay?.kill();
    });

    // The request 3CX's ReportCall scenario makes: [CallType], [Number], [CallStartTimeUTC] substituted.
    const journal = (type: string, from: string, token = 'relay-token') =>
      fetch(`${relayUrl}?token=${token}&type=${type}&number=${encodeURIComponent(from)}&start=${encodeURIComponent(new Date(f.t.clock.now() - 60_000).toISOString())}`);

    it('Missed is texted once, even when 3CX retries the journal request', async () => {
      const from = nextCaller();
      expect((await journal('Missed', from)).status).toBe(200);
      expect((await journal('Missed', from)).status).toBe(200);
      await settle();
      expect(f.sim.messages).toHaveLength(1);
      expect(f.sim.messages[0]).toMatchObject({ from: number.number, to: from });
    });

    it('Inbound (answered) is recorded and never texted; outbound calls are ignored', async () => {
      const from = nextCaller();
      expect((await journal('Inbound', from)).status).toBe(200);
      expect((await journal('Notanswered', nextCaller())).status).toBe(204);
      await settle();
      expect(f.sim.messages).toHaveLength(0);
      const [call] = await callsFrom(from);
      expect(call.outcome).toBe('answered');
    });

    it('a request without the relay token is refused', async () => {
      expect((await journal('Missed', nextCaller(), 'wrong')).status).toBe(404);
    });
  });
});

describe('calls reaching Twilio through a SIP Domain (a PBX trunking to Twilio)', () => {
  beforeEach(() => f.t.clock.set(Date.now()));

  it('To and From are sip: URIs: the number is the user part, a missed call is texted once', async () => {
    const number = await newNumber();
    const from = nextCaller();
    await f.call(f.ws, number, { scenario: 'no-answer', from: `sip:${from}@pbx.acme.example`, to: `sip:${number.number}@acme.sip.twilio.com` });
    await settle();
    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.messages[0]).toMatchObject({ from: number.number, to: from });
  });

  it('an extension in the URI with the public number in X-Textback-To; answered is never texted', async () => {
    const number = await newNumber();
    const from = nextCaller();
    await f.call(f.ws, number, {
      scenario: 'answered',
      from: `sip:${from}@pbx.acme.example`,
      to: 'sip:201@acme.sip.twilio.com',
      extraParams: { 'SipHeader_X-Textback-To': number.number },
    });
    await settle();
    expect(f.sim.messages).toHaveLength(0);
    const [call] = await callsFrom(from);
    expect(call.outcome).toBe('answered');
  });
});
