/**
 * The HTTP client under the `twilio` SDK (src/carriers/twilio/twilio-http-transport.ts) against the
 * Twilio simulator and bare node:http servers: Twilio receives from it, byte for byte, what it
 * received from the SDK's own client (axios), and its failures are classified as before — a
 * timeout or a dropped answer is "unknown" (reconcile before re-sending, ADR 003), a refused
 * connection, a send whose deadline passed before it was written and a 429 are "retryable", the 429
 * after its Retry-After.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CarrierSendError } from '../../src/carriers/carrier.js';
import { TwilioHttpTransport } from '../../src/carriers/twilio/twilio-http-transport.js';
import { TwilioAccount, classifyTwilioError, createTwilioSdk, rewriteTwilioUrl } from '../../src/carriers/twilio/twilio-rest-client.js';
import { saveCarrierCredentials } from '../../src/services/carrier-accounts.js';
import { carrierClientFor } from '../../src/services/carrier-clients.js';
import { startTestApp } from '../support/test-app.js';
import { startTwilioSimulator, type SimRequest, type TwilioSimulator } from '../support/twilio-simulator.js';

const ACCOUNT = `AC${'c3'.repeat(16)}`;
const TOKEN = 'transport-auth-token-0001';
const BUSINESS = '+15005550006';
const CALLER = '+14155550123';
const creds = { accountSid: ACCOUNT, authToken: TOKEN };

/** The SDK's own client, pointed at the simulator the way Textback's is: the reference. */
class SdkOwnClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ keepAlive: true });
  }
  // `any` because the base method is generic over its options; narrowing it here breaks assignability (TS2416).
  override request<TData>(opts: any) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUrl(String(opts.uri), this.baseUrl) });
  }
}

/** What a request looked like on the wire, minus what legitimately differs between two connections. */
function onTheWire(r: SimRequest) {
  // axios alone asks for gzip (see twilio-http-transport.ts: a deliberate difference).
  const { 'accept-encoding': _acceptEncoding, ...headers } = r.headers;
  return { method: r.method, path: r.path, search: r.search, body: r.rawBody, headers, status: r.status };
}

/** JSON of an SDK answer (instances and Dates), to compare two clients' parsed results. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

let sim: TwilioSimulator;
const now = new Date(Date.UTC(2026, 0, 15, 15, 0, 0));

beforeAll(async () => {
  sim = await startTwilioSimulator({ now: () => now });
  sim.addAccount(ACCOUNT, TOKEN);
});
afterAll(() => sim.close());
afterEach(() => sim.clear());

describe("the SDK's requests through Textback's transport", () => {
  /** Every call Textback makes through the SDK, with the characters an encoder can get wrong. */
  const operations: Array<[string, (sdk: twilio.Twilio, numberSid: string, sdkWithToken: (token: string) => twilio.Twilio) => Promise<unknown>]> = [
    [
      'a text with media, a callback, a validity period and smart encoding',
      (sdk) =>
        sdk.messages.create({
          from: BUSINESS,
          to: CALLER,
          body: `It’s 50% off! (today*) — 'single' & "double" ~ a+b=c/d?e#f;g:h,i@j [k] {l} 😀 é\nline two`,
          mediaUrl: ['https://x.test/a.png?x=1&y=2', 'https://x.test/b (1).jpg'],
          statusCallback: 'https://tb.example/webhooks/twilio/status?message=msg_1',
          validityPeriod: 14_400,
          smartEncoded: true,
        }),
    ],
    ['the reconciliation lookup (a GET with query parameters)', (sdk) => sdk.messages.list({ to: CALLER, from: BUSINESS, limit: 50 })],
    ['a list filtered by a date', (sdk) => sdk.messages.list({ to: CALLER, dateSentAfter: new Date(Date.UTC(2026, 0, 14)) })],
    ['the credentials check', (sdk) => sdk.api.v2010.accounts(ACCOUNT).fetch()],
    ['the numbers list', (sdk) => sdk.incomingPhoneNumbers.list({ phoneNumber: BUSINESS, limit: 20 })],
    [
      "a number's webhooks, with a fallback URL full of brackets",
      (sdk, numberSid) =>
        sdk.incomingPhoneNumbers(numberSid).update({
          voiceUrl: 'https://tb.example/webhooks/twilio/voice',
          voiceMethod: 'POST',
          statusCallback: 'https://tb.example/webhooks/twilio/voice/status',
          statusCallbackMethod: 'POST',
          smsUrl: 'https://tb.example/webhooks/twilio/sms',
          smsMethod: 'POST',
          voiceFallbackUrl: 'https://twimlets.com/simulring?PhoneNumbers[0]=%2B15550109999&Timeout=20',
          voiceFallbackMethod: 'GET',
        }),
    ],
    ['a line type lookup on another Twilio host', (sdk) => sdk.lookups.v2.phoneNumbers(CALLER).fetch({ fields: 'line_type_intelligence' })],
    ['a refused request (wrong credentials)', (_sdk, _numberSid, sdkWithToken) => sdkWithToken('wrong-token').api.v2010.accounts(ACCOUNT).fetch()],
  ];

  it.each(operations)('%s reaches Twilio exactly as through the SDK’s own client', async (_name, operation) => {
    const numberSid = sim.addIncomingNumber(ACCOUNT, BUSINESS);
    const ours = (token: string) => createTwilioSdk({ accountSid: ACCOUNT, authToken: token }, sim.url);
    const theirs = (token: string) => twilio(ACCOUNT, token, { httpClient: new SdkOwnClient(sim.url) });
    const run = (sdkWithToken: (token: string) => twilio.Twilio) =>
      operation(sdkWithToken(TOKEN), numberSid, sdkWithToken).then(
        (value) => ({ value: plain(value) }),
        (err: { status?: number; code?: number; message?: string }) => ({ error: { status: err.status, code: err.code, message: err.message } }),
      );

    const viaSdk = await run(theirs);
    const viaOurs = await run(ours);
    const [sdkRequest, ourRequest, ...more] = sim.requests;
    expect(more).toEqual([]);
    expect(onTheWire(ourRequest!)).toEqual(onTheWire(sdkRequest!));
    // The SDK parses both answers alike (a new message's sid differs: compare the rest).
    const withoutSids = (r: unknown) => JSON.stringify(r).replace(/"(SM|MM)[0-9a-f]{32}"/g, '"sid"').replace(/Messages\/(SM|MM)[0-9a-f]{32}/g, 'Messages/sid');
    expect(withoutSids(viaOurs)).toEqual(withoutSids(viaSdk));
  });

  it('sends each request with the credentials it was given, never the previous ones', async () => {
    const other = { accountSid: `AC${'e5'.repeat(16)}`, authToken: 'transport-auth-token-0002' };
    sim.addAccount(other.accountSid, other.authToken);
    const transport = new TwilioHttpTransport(15_000);
    const fetchAccount = (c: typeof creds) =>
      transport.request({ method: 'get', uri: `${sim.url}/2010-04-01/Accounts/${c.accountSid}.json`, username: c.accountSid, password: c.authToken });
    expect((await fetchAccount(creds)).statusCode).toBe(200);
    expect((await fetchAccount(other)).statusCode).toBe(200);
    expect((await fetchAccount(creds)).statusCode).toBe(200);
    const basic = (c: typeof creds) => `Basic ${Buffer.from(`${c.accountSid}:${c.authToken}`).toString('base64')}`;
    expect(sim.requests.map((r) => r.headers.authorization)).toEqual([basic(creds), basic(other), basic(creds)]);
  });

  it('keeps one connection open across sends', async () => {
    const account = new TwilioAccount(creds, sim.url);
    for (const body of ['one', 'two', 'three']) await account.sendText({ from: BUSINESS, to: CALLER, body });
    expect(new Set(sim.requests.map((r) => r.clientPort)).size).toBe(1);
  });
});

describe("the transport's failures, as the send reads them", () => {
  const send = (account: TwilioAccount) => account.sendText({ from: BUSINESS, to: CALLER, body: 'Sorry we missed you' }).catch((e: unknown) => e);

  it('a Twilio that does not answer in time is a lost answer: reconcile before sending again', async () => {
    sim.failNext(1, { delayMs: 60_000 });
    const err = await send(new TwilioAccount(creds, sim.url, 50));
    expect(err).toBeInstanceOf(CarrierSendError);
    expect(err).toMatchObject({ kind: 'unknown', message: expect.stringContaining('ECONNABORTED') });
  });

  it('an answer that trickles in past the timeout is a lost answer too (the deadline is the whole exchange)', async () => {
    // A whole, valid answer, one byte every 10 ms (3 s in all): each byte well inside the timeout, so
    // only a deadline on the whole exchange ends it; a socket-inactivity timeout would take the text
    // as sent once the last byte came.
    const answer = JSON.stringify({ sid: `SM${'0'.repeat(32)}`, status: 'queued', num_segments: '1' }).padEnd(300, ' ');
    const server = await startServer((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': String(answer.length) });
      let sent = 0;
      const drip = setInterval(() => {
        res.write(answer[sent++]);
        if (sent === answer.length) res.end();
      }, 10);
      res.on('close', () => clearInterval(drip));
    });
    try {
      const err = await send(new TwilioAccount(creds, server.url, 100));
      expect(err).toMatchObject({ kind: 'unknown', message: expect.stringContaining('ECONNABORTED') });
    } finally {
      await server.close();
    }
  });

  it('an answer lost after Twilio took the text is "unknown", and the text exists', async () => {
    sim.failNext(1, { acceptThenDrop: true });
    const err = await send(new TwilioAccount(creds, sim.url));
    expect(err).toMatchObject({ kind: 'unknown' });
    expect(sim.messages).toHaveLength(1);
  });

  it('a 429 is retryable after the Retry-After it carries', async () => {
    sim.failNext(1, { status: 429, retryAfter: '7' });
    const err = await send(new TwilioAccount(creds, sim.url));
    expect(err).toBeInstanceOf(CarrierSendError);
    expect(err).toMatchObject({ kind: 'retryable', code: '20429', retryAfterMs: 7000 });
  });

  it('a send still waiting for a connection when the deadline passes never reached Twilio: retryable', async () => {
    // A Twilio that holds every request: the transport's sockets (by default 20 per host) are all taken by
    // requests with a long deadline, so a 21st with a short one waits for a socket until it passes.
    const held: http.ServerResponse[] = [];
    const server = await startServer((_req, res) => void held.push(res));
    const transport = new TwilioHttpTransport(60_000);
    const post = (timeout: number) =>
      transport.request({ method: 'post', uri: `${server.url}/2010-04-01/Accounts/${ACCOUNT}/Messages.json`, username: ACCOUNT, password: TOKEN, data: { Body: 'hi' }, timeout });
    try {
      const holding = Array.from({ length: 20 }, () => post(60_000).catch((e: unknown) => e));
      await expect.poll(() => held.length).toBe(20);
      const err = await post(200).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ERR_REQUEST_NOT_SENT' });
      expect(classifyTwilioError(err)).toMatchObject({ kind: 'retryable', message: expect.stringContaining('ERR_REQUEST_NOT_SENT') });
      expect(held).toHaveLength(20);
      for (const res of held) res.destroy();
      // The ones that were written and lost their answer stay "unknown".
      expect(classifyTwilioError((await Promise.all(holding))[0])).toMatchObject({ kind: 'unknown' });
    } finally {
      for (const res of held) res.destroy();
      await server.close();
    }
  });

  it('a refused connection never reached Twilio: retryable', async () => {
    const server = await startServer(() => undefined);
    const closedUrl = server.url;
    await server.close();
    const err = await send(new TwilioAccount(creds, closedUrl));
    expect(err).toMatchObject({ kind: 'retryable', message: expect.stringContaining('ECONNREFUSED') });
  });

  it("Twilio's refusal is the SDK's error, read as permanent", async () => {
    sim.failNext(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const err = await send(new TwilioAccount(creds, sim.url));
    expect(err).toMatchObject({ kind: 'permanent', code: '21610', message: 'Attempt to send to unsubscribed recipient' });
  });
});

describe('requests in flight at once', () => {
  it("a workspace's Twilio client has CARRIER_REQUESTS_PER_ACCOUNT sends in flight at once, not the SDK's 20", async () => {
    // A Twilio that holds every request: what reaches it is what the client let out at once.
    const held: http.ServerResponse[] = [];
    const server = await startServer((_req, res) => void held.push(res));
    const slots = 24;
    const t = await startTestApp({ env: { TWILIO_API_URL: server.url, CARRIER_REQUESTS_PER_ACCOUNT: String(slots), WORKER_CONCURRENCY: '4' } });
    try {
      const { id } = await t.createWorkspace();
      await saveCarrierCredentials(t.runtime.ctx, id, 'twilio', { accountId: ACCOUNT, secret: TOKEN });
      const client = await carrierClientFor(t.runtime.ctx, id, 'twilio');
      const sends = Array.from({ length: slots }, () => client.sendText({ from: BUSINESS, to: CALLER, body: 'Sorry we missed you' }).catch((e: unknown) => e));
      // At 20 sockets per host the last four would wait for one (and with the worker's 4 slots, 20 would).
      await expect.poll(() => held.length, { timeout: 10_000 }).toBe(slots);
      for (const res of held) res.destroy();
      await Promise.all(sends);
    } finally {
      for (const res of held) res.destroy();
      await t.close();
      await server.close();
    }
  });
});

async function startServer(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
