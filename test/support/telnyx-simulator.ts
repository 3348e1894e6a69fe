/**
 * An in-process stand-in for Telnyx as Textback uses it: the v2 REST API (phone numbers, TeXML
 * Applications, messaging profiles, messages, message detail records) and the webhooks Telnyx sends
 * (TeXML call webhooks through the call driver, `message.received`, `message.sent`,
 * `message.finalized`), every one signed like Telnyx: Ed25519 over `${telnyx-timestamp}|${raw body}`
 * with the account's own generated key pair, in `telnyx-signature-ed25519` / `telnyx-timestamp`.
 *
 * Shapes from Telnyx's docs (developers.telnyx.com): REST answers `{data, meta}` and errors
 * `{errors: [{code, title, detail}]}` (api-fundamentals/api-errors); Bearer API keys; TeXML webhooks
 * form-encoded with Twilio's names and `v3:` call ids (api-reference/callbacks/texml-*); messaging
 * webhooks `{data: {event_type, id, occurred_at, payload}, meta}` (docs/messaging/messages/
 * receiving-webhooks). The TeXML <Dial> action carries DialCallStatus, never DialBridged.
 *
 * Faults like the Twilio simulator's: a status with a Telnyx error body, a dropped socket, "created
 * but the answer was lost", a delay; plus `mdrLagMs`, how long a sent text takes to appear in the
 * message detail records (undocumented on Telnyx, so tests choose).
 *
 * Plain `node:http` on purpose: the simulator must not share framework quirks with the app under test.
 */
import http from 'node:http';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { placeCall, type CallTrace, type PlaceCallOptions } from './twilio-call-driver.js';
import type { WebhookParams, WebhookResponse } from './twilio-webhook-client.js';

interface SimAccount {
  /** The public key, base64 of its 32 raw bytes (what Mission Control shows): the account's id here. */
  publicKey: string;
  privateKey: KeyObject;
  apiKey: string;
  name: string;
}

export interface TelnyxSimNumber {
  id: string;
  /** Same as `id`: the name the shared account tests use for a carrier's number id. */
  sid: string;
  accountSid: string;
  phoneNumber: string;
  tag: string;
  connectionId: string | null;
  messagingProfileId: string | null;
  /** Resolved from the assigned TeXML Application / messaging profile (live). */
  voiceUrl: string;
  statusCallback: string;
  smsUrl: string;
}

export interface TelnyxSimMessage {
  id: string;
  /** Same as `id` (the name the shared tests use for a carrier's message id). */
  sid: string;
  accountSid: string;
  direction: 'outbound-api' | 'inbound';
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  webhookUrl: string | null;
  status: string;
  createdAt: Date;
  idempotencyKey: string | null;
}

export interface TelnyxSimRequest {
  method: string;
  path: string;
  search: string;
  body: unknown;
  status: number;
  dropped: boolean;
  at: Date;
}

export type TelnyxSimFault =
  | { status: 500 | 503 | 429 | 400 | 401 | 422; code?: number | string; message?: string; retryAfter?: string }
  | { drop: true }
  | { acceptThenDrop: true }
  | { delayMs: number };

/** Which requests a fault applies to; default: message create (`POST /v2/messages`). */
export interface TelnyxFaultMatcher {
  path?: RegExp;
  method?: string;
}

interface RouteResult {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_CODES: Record<number, string> = { 500: '10007', 503: '10007', 429: '10011', 400: '40300', 401: '10009', 422: '10015' };
const DEFAULT_TITLES: Record<number, string> = {
  500: 'Unexpected error',
  503: 'Unexpected error',
  429: 'Too many requests',
  400: 'Blocked due to STOP message',
  401: 'Authentication failed',
  422: 'Bad Request',
};

const telnyxError = (code: string, title: string, detail = title) => ({ errors: [{ code, title, detail }] });

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Telnyx-style numeric string id (phone numbers, connections). */
const numericId = () => String(BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000)));

export class TelnyxSimulator {
  url = '';
  /** The clock webhooks are signed with (set it to the app's clock: Telnyx signatures expire). */
  now: () => Date;
  /** How long a sent text takes to show in message detail records. */
  mdrLagMs = 0;
  readonly events = new EventEmitter();
  private readonly server: http.Server;
  private readonly accounts = new Map<string, SimAccount>();
  private readonly numbers: Array<Omit<TelnyxSimNumber, 'voiceUrl' | 'statusCallback' | 'smsUrl'>> = [];
  private readonly apps: Array<{ id: string; accountSid: string; friendly_name: string; voice_url: string; voice_method: string; status_callback: string; status_callback_method: string }> = [];
  private readonly profiles: Array<{ id: string; accountSid: string; name: string; webhook_url: string; webhook_api_version: string; whitelisted_destinations: string[] }> = [];
  private store: TelnyxSimMessage[] = [];
  /**
   * Telnyx's default opt-out handling: an inbound STOP (STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) makes
   * a block rule, START/UNSTOP removes it, and a send to a blocked recipient is refused with 40300
   * (docs/messaging/messages/advanced-opt-in-out). Rules are per messaging profile on Telnyx; per
   * account here (the tests use one profile).
   */
  private readonly blocked = new Set<string>();
  private log: TelnyxSimRequest[] = [];
  private faults: Array<{ remaining: number; fault: TelnyxSimFault; matcher?: TelnyxFaultMatcher }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(opts: { now?: () => Date } = {}) {
    this.now = opts.now ?? (() => new Date());
    this.events.setMaxListeners(0);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`telnyx-simulator internal error: ${String((err as Error)?.stack ?? err)}`);
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address() as AddressInfo;
    this.url = `http://${addr.address}:${addr.port}`;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // --- configuration -------------------------------------------------------------------------

  /** A new account with its own Ed25519 key pair and API key; returns its public key (the id) and API key. */
  createAccount(name = 'Simulated Telnyx account'): { publicKey: string; apiKey: string } {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
    const apiKey = `KEY${randomUUID().replace(/-/g, '').toUpperCase()}_${randomUUID().slice(0, 8)}`;
    this.accounts.set(raw, { publicKey: raw, privateKey, apiKey, name });
    return { publicKey: raw, apiKey };
  }

  /** Replaces an account's API key (deleted and re-created in the portal): the old one gets 401. */
  setAuthToken(accountSid: string, apiKey: string): void {
    this.account(accountSid).apiKey = apiKey;
  }

  addIncomingNumber(accountSid: string, phoneNumber: string, tag = ''): string {
    this.account(accountSid);
    const id = numericId();
    this.numbers.push({ id, sid: id, accountSid, phoneNumber, tag, connectionId: null, messagingProfileId: null });
    return id;
  }

  incomingNumbers(accountSid: string): TelnyxSimNumber[] {
    return this.numbers
      .filter((n) => n.accountSid === accountSid)
      .map((n) => {
        const app = this.apps.find((a) => a.id === n.connectionId);
        const profile = this.profiles.find((p) => p.id === n.messagingProfileId);
        return { ...n, voiceUrl: app?.voice_url ?? '', statusCallback: app?.status_callback ?? '', smsUrl: profile?.webhook_url ?? '' };
      });
  }

  texmlApplications(accountSid: string) {
    return this.apps.filter((a) => a.accountSid === accountSid);
  }

  messagingProfiles(accountSid: string) {
    return this.profiles.filter((p) => p.accountSid === accountSid);
  }

  // --- inspection ----------------------------------------------------------------------------

  get messages(): TelnyxSimMessage[] {
    return this.store.filter((m) => m.direction !== 'inbound');
  }

  get requests(): TelnyxSimRequest[] {
    return [...this.log];
  }

  /** Resolves once at least `count` texts were sent; rejects after `timeoutMs` (default 5000). */
  waitForMessages(count: number, opts: { timeoutMs?: number } = {}): Promise<TelnyxSimMessage[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (this.messages.length < count) return false;
        clearTimeout(timer);
        this.events.off('message', check);
        resolve(this.messages);
        return true;
      };
      const timer = setTimeout(() => {
        this.events.off('message', check);
        reject(new Error(`telnyx-simulator: expected ${count} message(s), got ${this.messages.length}`));
      }, opts.timeoutMs ?? 5000);
      if (!check()) this.events.on('message', check);
    });
  }

  clear(): void {
    this.store = [];
    this.log = [];
    this.faults = [];
    this.mdrLagMs = 0;
  }

  failNext(n: number, fault: TelnyxSimFault, matcher?: TelnyxFaultMatcher): void {
    if (n > 0) this.faults.push({ remaining: n, fault, matcher });
  }

  // --- webhooks Telnyx sends -----------------------------------------------------------------

  /** The two signature headers Telnyx sends for `rawBody`, signed by the account (or by `privateKey`). */
  signatureHeaders(rawBody: string, signer: KeyObject, timestampSeconds = Math.floor(this.now().getTime() / 1000)): Record<string, string> {
    const signature = sign(null, Buffer.from(`${timestampSeconds}|${rawBody}`, 'utf8'), signer).toString('base64');
    return { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': String(timestampSeconds) };
  }

  /** Signature headers for `rawBody` as `signer` (an account's id; anything else signs with a stranger's key). */
  signedHeaders(rawBody: string, signer: string, timestampSeconds?: number): Record<string, string> {
    return this.signatureHeaders(rawBody, this.signerFor(signer, signer), timestampSeconds);
  }

  /** POSTs form-encoded TeXML parameters signed as `signer` (stale timestamps for expiry tests). */
  async postTexml(url: string, signer: string, params: WebhookParams, timestampSeconds?: number): Promise<WebhookResponse> {
    const body = new URLSearchParams(params).toString();
    return this.post(url, body, 'application/x-www-form-urlencoded', this.signedHeaders(body, signer, timestampSeconds));
  }

  /** The private key that signs for `signer`: an account's id, or anything else (a stranger's key: forged). */
  private signerFor(signer: string | undefined, accountSid: string): KeyObject {
    const known = this.accounts.get(signer ?? accountSid);
    return known ? known.privateKey : generateKeyPairSync('ed25519').privateKey;
  }

  private async post(url: string, body: string, contentType: string, headers: Record<string, string>): Promise<WebhookResponse> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'user-agent': 'telnyx-webhooks', ...headers }, body });
    return { statusCode: res.status, body: await res.text(), headers: Object.fromEntries(res.headers.entries()) };
  }

  /** Posts a JSON v2 event, signed. `timestampSeconds` lets a test send a stale signature. */
  async postEvent(url: string, accountSid: string, eventType: string, payload: Record<string, unknown>, opts: { signer?: string; timestampSeconds?: number } = {}): Promise<WebhookResponse> {
    const body = JSON.stringify({
      data: { event_type: eventType, id: randomUUID(), occurred_at: this.now().toISOString(), payload, record_type: 'event' },
      meta: { attempt: 1, delivered_to: url },
    });
    return this.post(url, body, 'application/json', this.signatureHeaders(body, this.signerFor(opts.signer, accountSid), opts.timestampSeconds));
  }

  /** An inbound text (`message.received`) to the number's messaging profile webhook (or `smsUrl`). */
  async sendInboundSms(opts: { accountSid: string; from: string; to: string; body: string; smsUrl?: string; mediaUrls?: string[]; messageSid?: string; signer?: string; timestampSeconds?: number }): Promise<{ statusCode: number; body: string; messageSid: string }> {
    const number = this.incomingNumbers(opts.accountSid).find((n) => n.phoneNumber === opts.to);
    const url = opts.smsUrl ?? number?.smsUrl;
    if (!url) throw new Error(`telnyx-simulator: no smsUrl given and ${opts.to} has no messaging profile webhook`);
    const id = opts.messageSid ?? randomUUID();
    const media = opts.mediaUrls ?? [];
    const keyword = opts.body.trim().toUpperCase();
    if (['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(keyword)) this.blocked.add(`${opts.accountSid}|${opts.from}`);
    if (['START', 'UNSTOP'].includes(keyword)) this.blocked.delete(`${opts.accountSid}|${opts.from}`);
    if (!this.store.some((m) => m.id === id)) {
      this.store.push({ id, sid: id, accountSid: opts.accountSid, direction: 'inbound', from: opts.from, to: opts.to, body: opts.body, mediaUrls: media, webhookUrl: null, status: 'received', createdAt: this.now(), idempotencyKey: null });
    }
    const res = await this.postEvent(
      url,
      opts.accountSid,
      'message.received',
      {
        id,
        record_type: 'message',
        direction: 'inbound',
        type: media.length ? 'MMS' : 'SMS',
        from: { phone_number: opts.from, carrier: 'T-Mobile USA', line_type: 'Wireless' },
        to: [{ phone_number: opts.to, status: 'webhook_delivered', carrier: 'Telnyx', line_type: 'Wireless' }],
        text: opts.body,
        media: media.map((u) => ({ url: u, content_type: 'image/jpeg', size: null, hash_sha256: null })),
        messaging_profile_id: number?.messagingProfileId ?? null,
        received_at: this.now().toISOString(),
        parts: 1,
        encoding: 'GSM-7',
        errors: [],
      },
      opts,
    );
    return { statusCode: res.statusCode, body: res.body, messageSid: id };
  }

  /**
   * A delivery event for a text we sent, to its `webhook_url`: `sent` posts `message.sent`; the final
   * statuses (delivered, delivery_failed, sending_failed, delivery_unconfirmed) post `message.finalized`.
   */
  async deliverStatus(messageId: string, status: string, opts: { errorCode?: string } = {}): Promise<WebhookResponse> {
    const msg = this.store.find((m) => m.id === messageId);
    if (!msg?.webhookUrl) throw new Error(`telnyx-simulator: no message ${messageId} with a webhook_url`);
    msg.status = status;
    const eventType = status === 'sent' || status === 'sending' ? 'message.sent' : 'message.finalized';
    return this.postEvent(msg.webhookUrl, msg.accountSid, eventType, {
      ...messageJson(msg),
      errors: opts.errorCode ? [{ code: opts.errorCode, title: 'Delivery failed', detail: 'Delivery failed' }] : [],
    });
  }

  /**
   * Plays an inbound call with the call driver over TeXML: Twilio-named form parameters, `v3:` call
   * ids, no DialBridged, every request signed with Ed25519. `authToken` names the signer: the
   * account's public key (the default), another account's, or anything else (a forged signature).
   */
  async placeCall(opts: Omit<PlaceCallOptions, 'authToken' | 'voiceUrl'> & Partial<Pick<PlaceCallOptions, 'authToken' | 'voiceUrl'>>): Promise<CallTrace> {
    const number = this.incomingNumbers(opts.accountSid).find((n) => n.phoneNumber === opts.to);
    const voiceUrl = opts.voiceUrl ?? number?.voiceUrl;
    if (!voiceUrl) throw new Error(`telnyx-simulator: no voiceUrl given and ${opts.to} has no TeXML Application`);
    const signer = this.signerFor(opts.authToken, opts.accountSid);
    return placeCall({
      now: this.now,
      callSid: `v3:${randomUUID().replace(/-/g, '')}`,
      includeDialBridged: false,
      ...opts,
      authToken: opts.authToken ?? opts.accountSid,
      voiceUrl,
      statusCallbackUrl: opts.statusCallbackUrl ?? (number?.statusCallback || undefined),
      postWebhook: (url: string, params: WebhookParams, o) => {
        const body = new URLSearchParams(params).toString();
        return this.post(url, body, 'application/x-www-form-urlencoded', { ...o.headers, ...this.signatureHeaders(body, signer) });
      },
    });
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private account(accountSid: string): SimAccount {
    const a = this.accounts.get(accountSid);
    if (!a) throw new Error(`telnyx-simulator: unknown account ${accountSid}`);
    return a;
  }

  private accountOf(authorization: string | undefined): SimAccount | undefined {
    const key = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    return key ? [...this.accounts.values()].find((a) => a.apiKey === key) : undefined;
  }

  private takeFault(method: string, path: string): TelnyxSimFault | undefined {
    const idx = this.faults.findIndex((f) =>
      f.matcher?.path ? f.matcher.path.test(path) && (!f.matcher.method || f.matcher.method === method) : method === (f.matcher?.method ?? 'POST') && path === '/v2/messages',
    );
    const pending = this.faults[idx];
    if (!pending) return undefined;
    if (--pending.remaining <= 0) this.faults.splice(idx, 1);
    return pending.fault;
  }

  private writeJson(res: http.ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
    const body = JSON.stringify(json);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-request-id': randomUUID(), ...headers }).end(body);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator');
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const entry: TelnyxSimRequest = { method, path: url.pathname, search: url.search, body, status: 0, dropped: false, at: this.now() };
    this.log.push(entry);
    this.events.emit('received', entry);
    const fault = this.takeFault(method, url.pathname);
    const drop = () => {
      entry.dropped = true;
      req.socket.destroy();
      this.events.emit('request', entry);
    };
    if (fault && 'drop' in fault) return drop();
    if (fault && 'status' in fault) {
      entry.status = fault.status;
      const code = String(fault.code ?? DEFAULT_CODES[fault.status]);
      this.writeJson(res, fault.status, telnyxError(code, DEFAULT_TITLES[fault.status] ?? 'Error', fault.message), fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      this.events.emit('request', entry);
      return;
    }
    if (fault && 'delayMs' in fault) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          resolve();
        }, fault.delayMs);
        this.timers.add(t);
      });
    }
    const result = this.route(method, url, req.headers, body, raw);
    if (fault && 'acceptThenDrop' in fault) return drop();
    entry.status = result.status;
    this.writeJson(res, result.status, result.json, result.headers);
    this.events.emit('request', entry);
  }

  private route(method: string, url: URL, headers: http.IncomingHttpHeaders, body: unknown, raw: string): RouteResult {
    const acct = this.accountOf(headers.authorization);
    if (!acct) return { status: 401, json: telnyxError('10009', 'Authentication failed', 'The required authentication headers were either invalid or not included in the request.') };
    const path = url.pathname;
    const q = url.searchParams;
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;

    if (path === '/v2/phone_numbers' && method === 'GET') {
      const filter = q.get('filter[phone_number]');
      const mine = this.incomingNumbers(acct.publicKey).filter((n) => !filter || n.phoneNumber === filter);
      return this.page(mine.map(numberJson), q);
    }
    if ((m = /^\/v2\/phone_numbers\/([^/]+)$/.exec(path)) && method === 'GET') {
      const n = this.incomingNumbers(acct.publicKey).find((x) => x.id === m![1]);
      return n ? { status: 200, json: { data: numberJson(n) } } : notFound();
    }
    if ((m = /^\/v2\/phone_numbers\/([^/]+)(\/messaging)?$/.exec(path)) && method === 'PATCH') {
      const n = this.numbers.find((x) => x.id === m![1] && x.accountSid === acct.publicKey);
      if (!n) return notFound();
      if (m[2]) {
        const id = b.messaging_profile_id;
        if (typeof id === 'string' && id && !this.profiles.some((p) => p.id === id && p.accountSid === acct.publicKey)) return unprocessable('messaging_profile_id', 'Messaging profile not found');
        if (typeof id === 'string') n.messagingProfileId = id || null;
        return { status: 200, json: { data: { record_type: 'messaging_settings', id: n.id, phone_number: n.phoneNumber, messaging_profile_id: n.messagingProfileId } } };
      }
      const id = b.connection_id;
      if (typeof id === 'string' && id && !this.apps.some((a) => a.id === id && a.accountSid === acct.publicKey)) return unprocessable('connection_id', 'Connection not found');
      if (typeof id === 'string') n.connectionId = id || null;
      return { status: 200, json: { data: numberJson(this.incomingNumbers(acct.publicKey).find((x) => x.id === n.id)!) } };
    }
    if (path === '/v2/texml_applications' && method === 'GET') return this.page(this.texmlApplications(acct.publicKey).map(({ accountSid: _a, ...app }) => ({ record_type: 'texml_application', ...app })), q);
    if (path === '/v2/texml_applications' && method === 'POST') {
      if (typeof b.friendly_name !== 'string' || typeof b.voice_url !== 'string') return unprocessable('voice_url', 'friendly_name and voice_url are required');
      const app = { id: numericId(), accountSid: acct.publicKey, friendly_name: b.friendly_name, voice_url: b.voice_url, voice_method: String(b.voice_method ?? 'post'), status_callback: String(b.status_callback ?? ''), status_callback_method: String(b.status_callback_method ?? 'post') };
      this.apps.push(app);
      const { accountSid: _a, ...json } = app;
      return { status: 201, json: { data: { record_type: 'texml_application', ...json } } };
    }
    if ((m = /^\/v2\/texml_applications\/([^/]+)$/.exec(path)) && method === 'PATCH') {
      const app = this.apps.find((a) => a.id === m![1] && a.accountSid === acct.publicKey);
      if (!app) return notFound();
      for (const k of ['voice_url', 'voice_method', 'status_callback', 'status_callback_method', 'friendly_name'] as const) if (typeof b[k] === 'string') app[k] = b[k] as string;
      const { accountSid: _a, ...json } = app;
      return { status: 200, json: { data: { record_type: 'texml_application', ...json } } };
    }
    if (path === '/v2/messaging_profiles' && method === 'GET') return this.page(this.messagingProfiles(acct.publicKey).map(({ accountSid: _a, ...p }) => ({ record_type: 'messaging_profile', ...p })), q);
    if (path === '/v2/messaging_profiles' && method === 'POST') {
      if (typeof b.name !== 'string' || !Array.isArray(b.whitelisted_destinations)) return unprocessable('whitelisted_destinations', 'name and whitelisted_destinations are required');
      const p = { id: randomUUID(), accountSid: acct.publicKey, name: b.name, webhook_url: String(b.webhook_url ?? ''), webhook_api_version: String(b.webhook_api_version ?? '2'), whitelisted_destinations: b.whitelisted_destinations as string[] };
      this.profiles.push(p);
      const { accountSid: _a, ...json } = p;
      return { status: 200, json: { data: { record_type: 'messaging_profile', ...json } } };
    }
    if (path === '/v2/messages' && method === 'POST') return this.createMessage(acct, b, raw, headers['idempotency-key']);
    if (path === '/v2/detail_records' && method === 'GET') {
      if (q.get('filter[record_type]') !== 'messaging') return unprocessable('filter[record_type]', 'record_type is required');
      const since = Date.parse(q.get('filter[created_at][gte]') ?? '');
      const visibleBefore = this.now().getTime() - this.mdrLagMs;
      const records = this.messages
        .filter((x) => x.accountSid === acct.publicKey && x.createdAt.getTime() <= visibleBefore)
        .filter((x) => (!q.get('filter[cli]') || x.from === q.get('filter[cli]')) && (!q.get('filter[cld]') || x.to === q.get('filter[cld]')))
        .filter((x) => !Number.isFinite(since) || x.createdAt.getTime() >= since)
        .map((x) => ({ record_type: 'messaging', id: x.id, cli: x.from, cld: x.to, direction: 'outbound', status: x.status, created_at: x.createdAt.toISOString(), parts: 1, message_type: 'SMS' }));
      return this.page(records, q);
    }
    return notFound();
  }

  private createMessage(acct: SimAccount, b: Record<string, unknown>, raw: string, key: string | string[] | undefined): RouteResult {
    const idempotencyKey = typeof key === 'string' ? key : null;
    if (idempotencyKey) {
      // Telnyx replays a successful answer for the same key and byte-identical body (api-fundamentals/idempotency).
      const prior = this.store.find((x) => x.idempotencyKey === idempotencyKey && x.accountSid === acct.publicKey);
      if (prior) return (prior as TelnyxSimMessage & { raw?: string }).raw === raw ? { status: 200, json: { data: messageJson(prior) } } : unprocessable('Idempotency-Key', 'The key was used with another request');
    }
    const from = typeof b.from === 'string' ? b.from : '';
    const to = typeof b.to === 'string' ? b.to : '';
    if (!/^\+[1-9]\d{1,14}$/.test(to)) return unprocessable('to', 'The phone number must be in +E.164 format', '10016');
    if (!this.numbers.some((n) => n.accountSid === acct.publicKey && n.phoneNumber === from)) return unprocessable('from', 'Invalid source number', '40305');
    if (typeof b.text !== 'string' && !Array.isArray(b.media_urls)) return unprocessable('text', 'text or media_urls is required', '10004');
    if (this.blocked.has(`${acct.publicKey}|${to}`)) {
      return { status: 400, json: telnyxError('40300', 'Blocked due to STOP message', `Messages cannot be sent from '${from}' to '${to}' due to an existing block rule.`) };
    }
    const id = randomUUID();
    const msg: TelnyxSimMessage & { raw: string } = {
      id,
      sid: id,
      accountSid: acct.publicKey,
      direction: 'outbound-api',
      from,
      to,
      body: typeof b.text === 'string' ? b.text : '',
      mediaUrls: Array.isArray(b.media_urls) ? (b.media_urls as string[]) : [],
      webhookUrl: typeof b.webhook_url === 'string' ? b.webhook_url : null,
      status: 'queued',
      createdAt: this.now(),
      idempotencyKey,
      raw,
    };
    this.store.push(msg);
    this.events.emit('message', msg);
    return { status: 200, json: { data: messageJson(msg) } };
  }

  /** Telnyx's list envelope: `page[number]` from 1, `page[size]` up to 250. */
  private page(items: unknown[], q: URLSearchParams): RouteResult {
    const size = Math.min(250, Math.max(1, Number(q.get('page[size]') ?? 20) || 20));
    const number = Math.max(1, Number(q.get('page[number]') ?? 1) || 1);
    const slice = items.slice((number - 1) * size, number * size);
    return { status: 200, json: { data: slice, meta: { page_number: number, page_size: size, total_pages: Math.max(1, Math.ceil(items.length / size)), total_results: items.length } } };
  }
}

function notFound(): RouteResult {
  return { status: 404, json: telnyxError('10005', 'Resource not found', 'The requested resource or URL could not be found.') };
}

function unprocessable(pointer: string, detail: string, code = '10015'): RouteResult {
  return { status: 422, json: { errors: [{ code, title: 'Invalid parameter', detail, source: { pointer: `/${pointer}` } }] } };
}

function numberJson(n: TelnyxSimNumber): Record<string, unknown> {
  return {
    record_type: 'phone_number',
    id: n.id,
    phone_number: n.phoneNumber,
    status: 'active',
    tags: n.tag ? [n.tag] : [],
    connection_id: n.connectionId,
    messaging_profile_id: n.messagingProfileId,
    phone_number_type: 'local',
    purchased_at: '2026-01-01T00:00:00Z',
  };
}

function messageJson(m: TelnyxSimMessage): Record<string, unknown> {
  return {
    record_type: 'message',
    id: m.id,
    direction: m.direction === 'inbound' ? 'inbound' : 'outbound',
    type: m.mediaUrls.length ? 'MMS' : 'SMS',
    from: { phone_number: m.from, carrier: 'Telnyx', line_type: 'Wireless' },
    to: [{ phone_number: m.to, status: m.status, carrier: 'T-Mobile USA', line_type: 'Wireless' }],
    text: m.body,
    media: m.mediaUrls.map((url) => ({ url })),
    webhook_url: m.webhookUrl,
    parts: 1,
    encoding: 'GSM-7',
    created_at: m.createdAt.toISOString(),
    errors: [],
  };
}

export async function startTelnyxSimulator(opts: { now?: () => Date } = {}): Promise<TelnyxSimulator> {
  const sim = new TelnyxSimulator(opts);
  await sim.listen();
  return sim;
}
