/**
 * Tests of the Twilio test doubles themselves: the REST simulator driven by the real `twilio` SDK, the
 * signed webhook client, and the voice call driver against a tiny hand-written TwiML app. Everything
 * is awaited; nothing sleeps.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { startTwilioSimulator, type TwilioSimulator } from './twilio-simulator.js';
import { parseTwiml, placeCall, type CallTrace } from './twilio-call-driver.js';
import { postTwilioWebhook, signTwilioRequest } from './twilio-webhook-client.js';

const ACCOUNT = `AC${'a1'.repeat(16)}`;
const TOKEN = 'sim-auth-token-0001';
const OTHER_ACCOUNT = `AC${'b2'.repeat(16)}`;
const OTHER_TOKEN = 'sim-auth-token-0002';
const BUSINESS = '+15005550006';
const CALLER = '+14155550123';
const OWNER_CELL = '+16175550199';

/** Points the SDK at the simulator by rewriting `https://api.twilio.com` (the product has its own). */
class SimulatorHttpClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    opts?: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(opts);
  }
  // `any` because the base method is generic over its options; narrowing it here breaks assignability (TS2416).
  override request<TData>(opts: any) {
    const u = new URL((opts as { uri: string }).uri);
    return super.request<TData>({ ...opts, uri: `${this.baseUrl}${u.pathname}${u.search}` });
  }
}

function sdk(sim: TwilioSimulator, sid = ACCOUNT, token = TOKEN, timeout?: number): twilio.Twilio {
  return twilio(sid, token, { httpClient: new SimulatorHttpClient(sim.url, timeout ? { timeout } : undefined) });
}

interface ReceivedWebhook {
  path: string;
  search: string;
  params: Record<string, string>;
  signatureValid: boolean;
}

type Handler = (params: Record<string, string>, query: URLSearchParams) => string | { status: number; body: string };

/**
 * A tiny app standing in for ours: validates `X-Twilio-Signature` with the SDK (403 when invalid, like the
 * product), then answers from `routes` (keyed by path) with TwiML, or 204 for unknown paths.
 */
async function startApp(routes: Record<string, Handler> = {}, authToken = TOKEN) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const signature = String(req.headers['x-twilio-signature'] ?? '');
      const signatureValid = twilio.validateRequest(authToken, signature, `${base}${req.url}`, params);
      received.push({ path: url.pathname, search: url.search, params, signatureValid });
      if (!signatureValid) {
        res.writeHead(403).end('invalid signature');
        return;
      }
      const handler = routes[url.pathname];
      if (!handler) {
        res.writeHead(204).end();
        return;
      }
      const out = handler(params, url.searchParams);
      const { status, body } = typeof out === 'string' ? { status: 200, body: out } : out;
      res.writeHead(status, { 'Content-Type': 'text/xml' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('twilio simulator (REST, real SDK)', () => {
  let sim: TwilioSimulator;
  let clockMs = Date.UTC(2026, 0, 15, 15, 0, 0);

  beforeAll(async () => {
    sim = await startTwilioSimulator({ now: () => new Date(clockMs) });
    sim.addAccount(ACCOUNT, TOKEN);
    sim.addAccount(OTHER_ACCOUNT, OTHER_TOKEN);
  });
  afterAll(() => sim.close());
  afterEach(() => sim.clear());

  it('accepts a message from the SDK and answers in Twilio shape', async () => {
    const client = sdk(sim);
    const msg = await client.messages.create({ to: CALLER, from: BUSINESS, body: 'Sorry we missed you!', statusCallback: 'https://x.test/cb' });
    expect(msg.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(msg).toMatchObject({ status: 'queued', numSegments: '1', direction: 'outbound-api', errorCode: null, to: CALLER, from: BUSINESS, accountSid: ACCOUNT });
    expect(msg.dateCreated.toISOString()).toBe('2026-01-15T15:00:00.000Z');
    expect(sim.messages).toHaveLength(1);
    expect(sim.messages[0]).toMatchObject({ sid: msg.sid, accountSid: ACCOUNT, to: CALLER, from: BUSINESS, body: 'Sorry we missed you!', statusCallback: 'https://x.test/cb', status: 'queued' });
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST /2010-04-01/Accounts/${ACCOUNT}/Messages.json 201`]);

    const fetched = await client.messages(msg.sid).fetch();
    expect(fetched.body).toBe('Sorry we missed you!');
    const account = await client.api.v2010.accounts(ACCOUNT).fetch();
    expect(account.status).toBe('active');
  });

  it('keeps repeated MediaUrl params and counts segments', async () => {
    const client = sdk(sim);
    const mms = await client.messages.create({ to: CALLER, from: BUSINESS, mediaUrl: ['https://x.test/a.png', 'https://x.test/b.jpg'] });
    expect(mms.sid).toMatch(/^MM/);
    expect(mms.numMedia).toBe('2');
    expect(sim.messages[0]?.mediaUrls).toEqual(['https://x.test/a.png', 'https://x.test/b.jpg']);
    expect((await client.messages.create({ to: CALLER, from: BUSINESS, body: 'a'.repeat(161) })).numSegments).toBe('2');
    expect((await client.messages.create({ to: CALLER, from: BUSINESS, body: '✓'.repeat(71) })).numSegments).toBe('2');
    expect((await client.messages.create({ to: CALLER, from: BUSINESS, body: '✓'.repeat(70) })).numSegments).toBe('1');
    // SmartEncoded swaps look-alike Unicode (’) for GSM, as Twilio does, before counting.
    const curly = `It’s ${'x'.repeat(150)}`;
    expect((await client.messages.create({ to: CALLER, from: BUSINESS, body: curly })).numSegments).toBe('3');
    expect((await client.messages.create({ to: CALLER, from: BUSINESS, body: curly, smartEncoded: true })).numSegments).toBe('1');
  });

  it('rejects bad credentials with Twilio 20003, as a RestException', async () => {
    const err = await sdk(sim, ACCOUNT, 'wrong').messages.create({ to: CALLER, from: BUSINESS, body: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(twilio.RestException);
    expect(err).toMatchObject({ status: 401, code: 20003, moreInfo: 'https://www.twilio.com/docs/errors/20003' });
    // Valid credentials of another account do not open this one.
    const res = await fetch(`${sim.url}/2010-04-01/Accounts/${ACCOUNT}.json`, {
      headers: { Authorization: `Basic ${Buffer.from(`${OTHER_ACCOUNT}:${OTHER_TOKEN}`).toString('base64')}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    expect(sim.messages).toHaveLength(0);
  });

  it('validates create params with Twilio error codes', async () => {
    const post = async (form: Record<string, string>) => {
      const res = await fetch(`${sim.url}/2010-04-01/Accounts/${ACCOUNT}/Messages.json`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      return { status: res.status, body: (await res.json()) as { code: number; status: number } };
    };
    expect((await post({ From: BUSINESS, Body: 'x' })).body.code).toBe(21604);
    expect((await post({ To: CALLER, Body: 'x' })).body.code).toBe(21603);
    expect((await post({ To: CALLER, From: BUSINESS })).body.code).toBe(21602);
    expect(await post({ To: '555-1234', From: BUSINESS, Body: 'x' })).toMatchObject({ status: 400, body: { code: 21211, status: 400 } });
    expect((await post({ To: CALLER, From: BUSINESS, Body: 'x'.repeat(1601) })).body.code).toBe(21617);
    const viaSdk = await sdk(sim).messages.create({ to: 'not-a-number', from: BUSINESS, body: 'x' }).catch((e: unknown) => e);
    expect(viaSdk).toMatchObject({ status: 400, code: 21211 });
    expect(sim.messages).toHaveLength(0);
  });

  it('answers unknown routes with Twilio 404 JSON', async () => {
    const res = await fetch(`${sim.url}/2010-04-01/Accounts/${ACCOUNT}/Nope.json`, {
      headers: { Authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 20404, status: 404 });
    const missing = await sdk(sim).messages(`SM${'0'.repeat(32)}`).fetch().catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 20404 });
  });

  it('fails the next request with an injected 500, then succeeds', async () => {
    const client = sdk(sim);
    sim.failNext(1, { status: 500 });
    const err = await client.messages.create({ to: CALLER, from: BUSINESS, body: 'first' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, code: 20500 });
    expect(sim.messages).toHaveLength(0);
    const ok = await client.messages.create({ to: CALLER, from: BUSINESS, body: 'second' });
    expect(ok.status).toBe('queued');
    expect(sim.messages.map((m) => m.body)).toEqual(['second']);
    expect(sim.requests.map((r) => r.status)).toEqual([500, 201]);
  });

  it('429 and custom 400 faults carry Twilio codes', async () => {
    const client = sdk(sim);
    sim.failNext(1, { status: 429 });
    sim.failNext(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    await expect(client.messages.create({ to: CALLER, from: BUSINESS, body: 'x' })).rejects.toMatchObject({ status: 429, code: 20429 });
    await expect(client.messages.create({ to: CALLER, from: BUSINESS, body: 'x' })).rejects.toMatchObject({ status: 400, code: 21610 });
    expect(sim.messages).toHaveLength(0);
  });

  it('drop records nothing; acceptThenDrop records the message while the client errors, and listing finds it', async () => {
    const client = sdk(sim);
    sim.failNext(1, { drop: true });
    const dropped = await client.messages.create({ to: CALLER, from: BUSINESS, body: 'lost' }).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(Error);
    expect(dropped).not.toBeInstanceOf(twilio.RestException);
    expect(sim.messages).toHaveLength(0);

    const before = new Date(clockMs);
    sim.failNext(1, { acceptThenDrop: true });
    const err = await client.messages.create({ to: CALLER, from: BUSINESS, body: 'sent but unseen' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(twilio.RestException);
    expect(sim.messages.map((m) => m.body)).toEqual(['sent but unseen']);
    expect(sim.requests.map((r) => r.dropped)).toEqual([true, true]);

    // The reconciliation path: ask Twilio whether it was sent before retrying.
    const found = await client.messages.list({ to: CALLER, from: BUSINESS, dateSentAfter: before });
    expect(found.map((m) => m.sid)).toEqual([sim.messages[0]?.sid]);
  });

  it('a delayed answer times the client out, yet the message is created (as on Twilio)', async () => {
    sim.failNext(1, { delayMs: 150 });
    const err = await sdk(sim, ACCOUNT, TOKEN, 30).messages.create({ to: CALLER, from: BUSINESS, body: 'slow' }).catch((e: unknown) => e);
    expect(String((err as Error).message)).toMatch(/timeout/i);
    const [msg] = await sim.waitForMessages(1);
    expect(msg?.body).toBe('slow');
  });

  it('lists by To / From / DateSent, newest first, across pages', async () => {
    const client = sdk(sim);
    const start = clockMs;
    const other = '+14155550999';
    try {
      await client.messages.create({ to: CALLER, from: BUSINESS, body: 'm1' });
      clockMs += 60_000;
      await client.messages.create({ to: other, from: BUSINESS, body: 'm2' });
      clockMs += 60_000;
      await client.messages.create({ to: CALLER, from: BUSINESS, body: 'm3' });
      clockMs += 60_000;
      await client.messages.create({ to: CALLER, from: '+15005550001', body: 'm4' });
      await sdk(sim, OTHER_ACCOUNT, OTHER_TOKEN).messages.create({ to: CALLER, from: BUSINESS, body: 'other account' });

      const bodies = (ms: Array<{ body: string }>) => ms.map((m) => m.body);
      expect(bodies(await client.messages.list({ to: CALLER }))).toEqual(['m4', 'm3', 'm1']);
      expect(bodies(await client.messages.list({ to: CALLER, from: BUSINESS }))).toEqual(['m3', 'm1']);
      expect(bodies(await client.messages.list({ from: BUSINESS, dateSentAfter: new Date(start + 60_000) }))).toEqual(['m3', 'm2']);
      expect(bodies(await client.messages.list({ dateSentBefore: new Date(start + 60_000) }))).toEqual(['m2', 'm1']);
      expect(bodies(await client.messages.list({ dateSent: new Date(start) }))).toEqual(['m4', 'm3', 'm2', 'm1']);

      sim.clear();
      expect(bodies(await client.messages.list({ pageSize: 2 }))).toEqual([]);
    } finally {
      clockMs = start;
    }
  });

  it('follows next_page_uri when the SDK pages', async () => {
    const client = sdk(sim);
    for (let i = 0; i < 5; i++) await client.messages.create({ to: CALLER, from: BUSINESS, body: `p${i}` });
    const all = await client.messages.list({ to: CALLER, pageSize: 2 });
    expect(all.map((m) => m.body)).toEqual(['p4', 'p3', 'p2', 'p1', 'p0']);
    const lists = sim.requests.filter((r) => r.method === 'GET');
    expect(lists).toHaveLength(3);
    expect(lists[2]?.search).toContain('Page=2');
  });

  it('waitForMessages resolves on arrival and explains a timeout', async () => {
    const client = sdk(sim);
    const waiting = sim.waitForMessages(2);
    await Promise.all([
      client.messages.create({ to: CALLER, from: BUSINESS, body: 'one' }),
      client.messages.create({ to: CALLER, from: BUSINESS, body: 'two' }),
    ]);
    expect((await waiting).map((m) => m.body).sort()).toEqual(['one', 'two']);
    await expect(sim.waitForMessages(3, { timeoutMs: 20 })).rejects.toThrow(/expected 3 message\(s\) within 20 ms, got 2[\s\S]*"one"/);
  });

  it('manages incoming numbers through the SDK', async () => {
    const pn = sim.addIncomingNumber(ACCOUNT, BUSINESS);
    sim.addIncomingNumber(ACCOUNT, '+15005550001', 'Second line');
    const client = sdk(sim);
    const [found, ...rest] = await client.incomingPhoneNumbers.list({ phoneNumber: BUSINESS });
    expect(rest).toHaveLength(0);
    expect(found).toMatchObject({ sid: pn, phoneNumber: BUSINESS, friendlyName: '(500) 555-0006' });
    const updated = await client.incomingPhoneNumbers(pn).update({
      voiceUrl: 'https://app.test/twilio/voice',
      voiceMethod: 'POST',
      statusCallback: 'https://app.test/twilio/call-status',
      statusCallbackMethod: 'POST',
      smsUrl: 'https://app.test/twilio/sms',
      smsMethod: 'POST',
      friendlyName: 'Main line',
    });
    expect(updated).toMatchObject({ voiceUrl: 'https://app.test/twilio/voice', smsUrl: 'https://app.test/twilio/sms', friendlyName: 'Main line' });
    expect(sim.incomingNumbers(ACCOUNT).find((n) => n.sid === pn)).toMatchObject({
      voiceUrl: 'https://app.test/twilio/voice',
      statusCallback: 'https://app.test/twilio/call-status',
      smsUrl: 'https://app.test/twilio/sms',
    });
    await expect(sdk(sim, OTHER_ACCOUNT, OTHER_TOKEN).incomingPhoneNumbers(pn).update({ voiceUrl: 'https://evil.test' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('twilio webhooks (status callbacks, inbound SMS, signing)', () => {
  let sim: TwilioSimulator;
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    sim = await startTwilioSimulator();
    sim.addAccount(ACCOUNT, TOKEN);
    app = await startApp({
      '/sms': (p) => (p.Body?.trim().toUpperCase() === 'HOURS' ? '<Response><Message>We open at 9.</Message></Response>' : '<Response/>'),
    });
  });
  afterAll(async () => {
    await sim.close();
    await app.close();
  });
  afterEach(() => {
    sim.clear();
    app.received.length = 0;
  });

  it('signs exactly like Twilio (published test vector)', () => {
    const sig = signTwilioRequest('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    });
    expect(sig).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('postTwilioWebhook is accepted by validateRequest, a forged one is not', async () => {
    const ok = await postTwilioWebhook(`${app.url}/anything?tenant=t1`, { Foo: 'bar baz+1' }, { authToken: TOKEN });
    expect(ok.statusCode).toBe(204);
    const forged = await postTwilioWebhook(`${app.url}/anything`, { Foo: 'bar' }, { authToken: TOKEN, signature: 'bm9wZQ==' });
    expect(forged.statusCode).toBe(403);
    const wrongToken = await postTwilioWebhook(`${app.url}/anything`, { Foo: 'bar' }, { authToken: 'not-the-token' });
    expect(wrongToken.statusCode).toBe(403);
    expect(app.received.map((r) => r.signatureValid)).toEqual([true, false, false]);
    expect(app.received[0]?.search).toBe('?tenant=t1');
  });

  it('delivers correctly signed message status callbacks', async () => {
    const client = sdk(sim);
    const msg = await client.messages.create({ to: CALLER, from: BUSINESS, body: 'hi', statusCallback: `${app.url}/status?tenant=t1` });
    expect(await sim.deliverStatus(msg.sid, 'sent')).toMatchObject({ statusCode: 204 });
    expect(await sim.deliverStatus(msg.sid, 'undelivered', { errorCode: 30003 })).toMatchObject({ statusCode: 204 });
    expect(app.received).toHaveLength(2);
    expect(app.received.every((r) => r.signatureValid)).toBe(true);
    expect(app.received[1]?.params).toEqual({
      AccountSid: ACCOUNT,
      ApiVersion: '2010-04-01',
      ErrorCode: '30003',
      From: BUSINESS,
      MessageSid: msg.sid,
      MessageStatus: 'undelivered',
      SmsSid: msg.sid,
      SmsStatus: 'undelivered',
      To: CALLER,
    });
    expect(app.received[0]?.params).not.toHaveProperty('ErrorCode');
    const fetched = await client.messages(msg.sid).fetch();
    expect(fetched).toMatchObject({ status: 'undelivered', errorCode: 30003 });
  });

  it('sends signed inbound SMS, records TwiML replies, and can re-deliver the same MessageSid', async () => {
    const pn = sim.addIncomingNumber(ACCOUNT, BUSINESS);
    await sdk(sim).incomingPhoneNumbers(pn).update({ smsUrl: `${app.url}/sms` });

    const first = await sim.sendInboundSms({ accountSid: ACCOUNT, from: CALLER, to: BUSINESS, body: 'hours', mediaUrls: ['https://media.test/pic.png'] });
    expect(first.statusCode).toBe(200);
    expect(first.messageSid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(first.replies.map((m) => ({ to: m.to, from: m.from, body: m.body, direction: m.direction }))).toEqual([
      { to: CALLER, from: BUSINESS, body: 'We open at 9.', direction: 'outbound-reply' },
    ]);
    const params = app.received[0]?.params;
    expect(app.received[0]?.signatureValid).toBe(true);
    expect(params).toMatchObject({
      MessageSid: first.messageSid,
      SmsSid: first.messageSid,
      SmsMessageSid: first.messageSid,
      AccountSid: ACCOUNT,
      From: CALLER,
      To: BUSINESS,
      Body: 'hours',
      NumMedia: '1',
      NumSegments: '1',
      MediaUrl0: 'https://media.test/pic.png',
      MediaContentType0: 'image/png',
      ApiVersion: '2010-04-01',
    });

    const again = await sim.sendInboundSms({ accountSid: ACCOUNT, from: CALLER, to: BUSINESS, body: 'thanks', smsUrl: `${app.url}/sms`, messageSid: first.messageSid });
    expect(again.messageSid).toBe(first.messageSid);
    expect(app.received.map((r) => r.params.MessageSid)).toEqual([first.messageSid, first.messageSid]);
    expect(sim.inboundMessages).toHaveLength(1);
    // Inbound messages are visible through the REST list, as on Twilio.
    const listed = await sdk(sim).messages.list({ from: CALLER });
    expect(listed.map((m) => m.direction)).toEqual(['inbound']);
  });
});

// ---------------------------------------------------------------------------------------------
// Call driver
// ---------------------------------------------------------------------------------------------

describe('twilio call driver', () => {
  let app: Awaited<ReturnType<typeof startApp>>;

  // Product-like flow: ring the owner with answerOnBridge and a press-1 screen; on a miss, take a voicemail
  // when `?vm=1` is on the Voice URL (carried to the action URL), otherwise hang up.
  const screenedDial = (vm: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>
    <Response>
      <!-- ring the owner; the screen keeps carrier voicemail from counting as answered -->
      <Dial action="/dial-status?vm=${vm}" answerOnBridge="true" timeout="20" callerId="${BUSINESS}">
        <Number url="/screen">${OWNER_CELL}</Number>
      </Dial>
    </Response>`;

  beforeAll(async () => {
    app = await startApp({
      '/voice': (_p, q) => screenedDial(q.get('vm') ?? '0'),
      '/voice-unscreened': () => `<Response><Dial action="/dial-status?vm=0" answerOnBridge="true"><Number>${OWNER_CELL}</Number></Dial></Response>`,
      '/voice-plain-dial': () => `<Response><Dial action='/dial-status?vm=0' timeout='20'>${OWNER_CELL}</Dial></Response>`,
      '/screen': () => `<Response><Gather numDigits="1" action="/screen-done" timeout="5"><Say>Call for Acme &amp; Co. Press 1 to accept.</Say></Gather><Hangup/></Response>`,
      '/screen-done': (p) => (p.Digits === '1' ? '<Response/>' : '<Response><Hangup/></Response>'),
      '/dial-status': (p, q) => {
        if (p.DialBridged === 'true' || q.get('vm') !== '1') return '<Response><Hangup/></Response>';
        return `<Response><Say>Sorry, leave a message.</Say><Record action="/recorded" maxLength="120" playBeep="true" transcribe="true" transcribeCallback="/transcribed" recordingStatusCallback="/recording-status"/></Response>`;
      },
      '/recorded': () => '<Response><Hangup/></Response>',
    });
  });
  afterAll(() => app.close());
  afterEach(() => {
    app.received.length = 0;
  });

  const call = (scenario: Parameters<typeof placeCall>[0]['scenario'], extra: Partial<Parameters<typeof placeCall>[0]> = {}) =>
    placeCall({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      from: CALLER,
      to: BUSINESS,
      voiceUrl: `${app.url}/voice`,
      statusCallbackUrl: `${app.url}/call-status`,
      scenario,
      ...extra,
    });
  const kinds = (t: CallTrace) => t.requests.map((r) => r.kind);

  it('no-answer: dial action reports no-answer/not bridged and the call ends no-answer', async () => {
    const t = await call('no-answer');
    expect(t.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(kinds(t)).toEqual(['voice', 'dial-action', 'status-callback']);
    expect(t.requests[0]?.params).toMatchObject({ CallSid: t.callSid, AccountSid: ACCOUNT, From: CALLER, To: BUSINESS, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01' });
    expect(t.dialAction).toMatchObject({ DialCallStatus: 'no-answer', DialBridged: 'false', CallSid: t.callSid });
    expect(t.dialAction?.DialCallSid).toMatch(/^CA/);
    expect(t.dialAction).not.toHaveProperty('DialCallDuration');
    expect(t.bridged).toBe(false);
    expect(t.finalStatus).toBe('no-answer');
    expect(t.statusCallback).toMatchObject({ CallStatus: 'no-answer', CallbackSource: 'call-progress-events', SequenceNumber: '0' });
    expect(app.received.every((r) => r.signatureValid)).toBe(true);
  });

  it('busy and failed map to DialCallStatus and the final status', async () => {
    for (const scenario of ['busy', 'failed'] as const) {
      const t = await call(scenario);
      expect(t.dialAction?.DialCallStatus).toBe(scenario);
      expect(t.finalStatus).toBe(scenario);
    }
  });

  it('answered without a screen: bridged, completed, DialCallDuration', async () => {
    const t = await call('answered', { voiceUrl: `${app.url}/voice-unscreened` });
    expect(t.dialAction).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'true', DialCallDuration: '42' });
    expect(t.bridged).toBe(true);
    expect(t.finalStatus).toBe('completed');
    expect(Number(t.statusCallback?.CallDuration)).toBeGreaterThan(0);
  });

  it('personal voicemail is "answered" without a screen (the trap), and screened out with one', async () => {
    const trap = await call('personal-voicemail', { voiceUrl: `${app.url}/voice-unscreened` });
    expect(trap.dialAction).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'true' });

    const screened = await call('personal-voicemail');
    expect(kinds(screened)).toEqual(['voice', 'screen', 'dial-action', 'status-callback']);
    expect(screened.dialAction).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'false' });
    expect(screened.bridged).toBe(false);
    expect(screened.finalStatus).toBe('no-answer');
  });

  it('screen-accept posts the Gather action with Digits=1 on the child leg and bridges', async () => {
    const t = await call('screen-accept');
    expect(kinds(t)).toEqual(['voice', 'screen', 'screen-gather-action', 'dial-action', 'status-callback']);
    const screen = t.requests[1];
    expect(screen?.url).toBe(`${app.url}/screen`);
    expect(screen?.params).toMatchObject({ ParentCallSid: t.callSid, CallStatus: 'in-progress', Direction: 'outbound-dial', To: OWNER_CELL, From: BUSINESS, CallSid: t.dialAction?.DialCallSid });
    expect(t.requests[2]?.params.Digits).toBe('1');
    expect(t.dialAction).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'true' });
    expect(t.bridged).toBe(true);
    expect(t.finalStatus).toBe('completed');
  });

  it('screen-reject sends no digits, the screen hangs up, and the call is completed-but-not-bridged', async () => {
    const t = await call('screen-reject');
    expect(kinds(t)).toEqual(['voice', 'screen', 'dial-action', 'status-callback']);
    expect(t.dialAction).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'false' });
    expect(t.bridged).toBe(false);
  });

  it('caller hang-up while ringing: no dial action, only the final status callback', async () => {
    const t = await call('caller-hangup-while-ringing');
    expect(kinds(t)).toEqual(['voice', 'status-callback']);
    expect(t.dialAction).toBeUndefined();
    expect(t.statusCallback?.CallStatus).toBe('no-answer');
    const canceled = await call('caller-hangup-while-ringing', { finalStatusOnHangup: 'canceled' });
    expect(canceled.finalStatus).toBe('canceled');
    // A Dial without answerOnBridge had answered the call, so Twilio reports completed.
    const plain = await call('caller-hangup-while-ringing', { voiceUrl: `${app.url}/voice-plain-dial` });
    expect(plain.finalStatus).toBe('completed');
  });

  it('voicemail with transcription: record action, then status, recording and transcription callbacks', async () => {
    const t = await call('no-answer', { voiceUrl: `${app.url}/voice?vm=1`, voicemail: { leave: true, durationSeconds: 17, transcript: 'Please call me back about the quote.' } });
    expect(kinds(t)).toEqual(['voice', 'dial-action', 'record-action', 'status-callback', 'recording-status', 'transcription']);
    const rec = t.requests.find((r) => r.kind === 'record-action');
    expect(rec?.url).toBe(`${app.url}/recorded`);
    expect(rec?.params).toMatchObject({ RecordingDuration: '17', Digits: 'hangup', CallSid: t.callSid });
    expect(rec?.params.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    expect(t.requests.find((r) => r.kind === 'recording-status')?.params).toMatchObject({ RecordingStatus: 'completed', RecordingSid: t.recording?.sid });
    expect(t.requests.find((r) => r.kind === 'transcription')?.params).toMatchObject({
      TranscriptionText: 'Please call me back about the quote.',
      TranscriptionStatus: 'completed',
      RecordingSid: t.recording?.sid,
      RecordingUrl: t.recording?.url,
    });
    // The <Say> answered the parent, so the call itself completed.
    expect(t.finalStatus).toBe('completed');
    expect(app.received.every((r) => r.signatureValid)).toBe(true);
  });

  it('a caller who hangs up at the greeting leaves no Record action by default', async () => {
    const t = await call('no-answer', { voiceUrl: `${app.url}/voice?vm=1` });
    expect(kinds(t)).toEqual(['voice', 'dial-action', 'status-callback']);
    const withAction = await call('no-answer', { voiceUrl: `${app.url}/voice?vm=1`, voicemail: { leave: false, actionOnHangup: true } });
    expect(withAction.requests.find((r) => r.kind === 'record-action')?.params.RecordingDuration).toBe('0');
  });

  it('statusCallbackFirst orders the final status before the dial action; deliveries duplicates every webhook', async () => {
    const first = await call('no-answer', { statusCallbackFirst: true });
    expect(kinds(first)).toEqual(['voice', 'status-callback', 'dial-action']);
    expect(first.statusCallback?.CallStatus).toBe('no-answer');

    const dup = await call('no-answer', { statusCallbackFirst: true, deliveries: 2 });
    expect(kinds(dup).sort()).toEqual(['dial-action', 'dial-action', 'status-callback', 'status-callback', 'voice', 'voice']);
    const dialActions = dup.requests.filter((r) => r.kind === 'dial-action');
    expect(dialActions[0]?.params).toEqual(dialActions[1]?.params);
  });

  it('includeDialBridged:false omits DialBridged', async () => {
    const t = await call('screen-reject', { includeDialBridged: false });
    expect(t.dialAction).not.toHaveProperty('DialBridged');
  });

  it('records an expected 403 instead of throwing, and throws on an unexpected one', async () => {
    const t = await call('no-answer', { authToken: 'forged', expectStatus: 403 });
    expect(t.requests.map((r) => r.statusCode)).toEqual([403, 403]);
    await expect(call('no-answer', { authToken: 'forged' })).rejects.toThrow(/voice webhook POST .*\/voice answered HTTP 403/);
  });

  it('sim.placeCall uses the number configuration set through the REST API', async () => {
    const sim = await startTwilioSimulator();
    try {
      sim.addAccount(ACCOUNT, TOKEN);
      const pn = sim.addIncomingNumber(ACCOUNT, BUSINESS);
      await sdk(sim).incomingPhoneNumbers(pn).update({ voiceUrl: `${app.url}/voice`, statusCallback: `${app.url}/call-status` });
      const t = await sim.placeCall({ accountSid: ACCOUNT, from: CALLER, to: BUSINESS, scenario: 'screen-accept' });
      expect(t.requests[0]?.url).toBe(`${app.url}/voice`);
      expect(t.requests.at(-1)?.url).toBe(`${app.url}/call-status`);
      expect(t.bridged).toBe(true);
    } finally {
      await sim.close();
    }
  });
});

describe('TwiML parser', () => {
  it('handles declarations, comments, CDATA, entities, quotes and self-closing tags', () => {
    const r = parseTwiml(`<?xml version="1.0"?><!-- hi --><Response>
      <Say voice='alice'>Tom &amp; Jerry &#x2713;<![CDATA[ <raw> ]]></Say>
      <Dial action="/a?x=1&amp;y=2" answerOnBridge="true"><Number url="/s">+1555</Number></Dial>
      <Hangup/></Response>`);
    expect(r.children.map((c) => c.name)).toEqual(['Say', 'Dial', 'Hangup']);
    expect(r.children[0]?.attrs.voice).toBe('alice');
    expect(r.children[0]?.text).toBe('Tom & Jerry ✓ <raw> ');
    expect(r.children[1]?.attrs.action).toBe('/a?x=1&y=2');
    expect(r.children[1]?.children[0]).toMatchObject({ name: 'Number', attrs: { url: '/s' }, text: '+1555' });
  });

  it('rejects malformed or non-TwiML documents', () => {
    expect(() => parseTwiml('<Response><Say>hi</Response>')).toThrow(/unexpected <\/Response>/);
    expect(() => parseTwiml('<Response>')).toThrow(/unclosed/);
    expect(() => parseTwiml('')).toThrow(/no <Response>/);
    expect(() => parseTwiml('{"ok":true}')).toThrow(/no <Response>/);
  });
});
