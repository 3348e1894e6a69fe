/**
 * An in-process stand-in for Twilio's REST API (the 2010-04-01 Messages, IncomingPhoneNumbers and Account
 * endpoints the product uses) plus the webhooks Twilio sends back (message status callbacks, inbound SMS,
 * and — through the call driver — voice calls). The real `twilio` SDK talks to it unchanged via a custom
 * `httpClient`, so tests exercise our real carrier code, including Twilio's error bodies, Basic auth,
 * list paging and injected faults (5xx, 429, dropped sockets, "sent but the answer was lost").
 *
 * Plain `node:http` on purpose: the simulator must not share framework quirks with the app under test.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { SegmentedMessage } from 'sms-segments-calculator';
import {
  parseTwiml,
  placeCall,
  rfc2822,
  twilioSid,
  type CallTrace,
  type PlaceCallOptions,
} from './twilio-call-driver.js';
import { postTwilioWebhook, type WebhookParams } from './twilio-webhook-client.js';

const API = '/2010-04-01';

/** Message statuses (twilio-oai `message_enum_status`). */
export type MessageStatus =
  | 'queued'
  | 'accepted'
  | 'scheduled'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'receiving'
  | 'received'
  | 'read'
  | 'partially_delivered'
  | 'canceled';

/** A message the simulator knows about. Records are live: `deliverStatus` updates them in place. */
export interface SimMessage {
  sid: string;
  accountSid: string;
  direction: 'outbound-api' | 'outbound-reply' | 'inbound';
  to: string;
  /** Null when only a MessagingServiceSid was given (Twilio has not picked a sender yet). */
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  mediaUrls: string[];
  statusCallback: string | null;
  status: MessageStatus;
  errorCode: number | null;
  numSegments: number;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Set at creation, unlike Twilio (null while queued): the simulator "dispatches" instantly so `DateSent`
   * filters find a message whose status is still `queued`.
   */
  sentAt: Date | null;
  /** Raw form params of the create request (repeated keys kept). Empty for inbound/reply messages. */
  params: Record<string, string[]>;
}

/** One logged REST request. */
export interface SimRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string including the leading `?`, or ''. */
  search: string;
  /** Form body params (repeated keys kept). */
  params: Record<string, string[]>;
  /** The body as received, byte for byte (to compare two HTTP clients' encodings). */
  rawBody: string;
  /** Request headers as received (names lower-case). */
  headers: http.IncomingHttpHeaders;
  /** The client's port: two requests on one keep-alive connection share it. */
  clientPort: number | undefined;
  /** HTTP status answered; 0 when the socket was destroyed instead. */
  status: number;
  dropped: boolean;
  /** Which injected fault applied, if any. */
  fault?: SimFault;
  at: Date;
}

/** A number owned by a simulated account, with its webhook configuration. */
export interface SimIncomingNumber {
  sid: string;
  accountSid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: 'GET' | 'POST';
  voiceFallbackUrl: string;
  statusCallback: string;
  statusCallbackMethod: 'GET' | 'POST';
  smsUrl: string;
  smsMethod: 'GET' | 'POST';
  smsFallbackUrl: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * An injected failure for upcoming REST requests:
 * - `{status}`: answer with that status and a Twilio error body; nothing is created. Default codes:
 *   500→20500, 503→20503, 429→20429, 400→21610 (recipient opted out), overridable with `code`/`message`.
 * - `{drop: true}`: destroy the socket without answering; nothing is created.
 * - `{acceptThenDrop: true}`: handle the request normally (the message IS created) and then destroy the
 *   socket, i.e. "Twilio sent it but we never saw the answer".
 * - `{delayMs}`: handle and answer after a delay (client-timeout tests). The request is processed even if
 *   the client has given up by then, so a timed-out create still creates the message, as on Twilio.
 * - `{until}`: handle and answer once the promise `until()` returns for this request settles (a Twilio
 *   that takes its time for as long as the test says: see held-answers.ts).
 * - `{lostThenCreated}`: destroy the socket at once, and create the message only when the promise
 *   `lostThenCreated()` returns settles: a request Twilio is still working on after the client lost
 *   its connection, which a list of messages does not show until then.
 */
export type SimFault =
  | { status: 500 | 503 | 429 | 400; code?: number; message?: string; /** Sent as the Retry-After header (seconds or an HTTP date). */ retryAfter?: string }
  | { drop: true }
  | { acceptThenDrop: true }
  | { delayMs: number }
  | { until: () => Promise<void> }
  | { lostThenCreated: () => Promise<void> };

/** Which requests a fault applies to. Default: Messages create (`POST …/Messages.json`). */
export interface FaultMatcher {
  /** Tested against the path (no query). */
  path?: RegExp;
  /** Upper-case HTTP method. Alone, it applies to the Messages.json path; with `path` and no method, any method matches. */
  method?: string;
}

/**
 * What differs between Twilio and a Twilio-compatible API (SignalWire's Compatibility API) as far as
 * the simulator goes: where the REST API lives, which header carries webhook signatures, the shape of
 * ids, and whether the Dial action reports `DialBridged`.
 */
export interface SimDialect {
  name: string;
  /** Path before `/2010-04-01/Accounts/…`: '' on Twilio, '/api/laml' on SignalWire. */
  apiPrefix: string;
  signatureHeader: string;
  /** A new resource id (Twilio: prefix + 32 hex; SignalWire: a UUID). */
  sid(prefix: string): string;
  sendsDialBridged: boolean;
}

export const TWILIO_DIALECT: SimDialect = {
  name: 'twilio',
  apiPrefix: '',
  signatureHeader: 'X-Twilio-Signature',
  sid: (prefix) => twilioSid(prefix),
  sendsDialBridged: true,
};

export interface TwilioSimulatorOptions {
  /** Twilio (default) or a Twilio-compatible API. */
  dialect?: SimDialect;
  /** Default 0 (random free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Clock for `date_created` etc. and for callback timestamps. */
  now?: () => Date;
}

export interface InboundSmsOptions {
  accountSid: string;
  from: string;
  to: string;
  body: string;
  /** Where to POST; defaults to the SmsUrl configured on the `to` number (with its SmsMethod). */
  smsUrl?: string;
  mediaUrls?: string[];
  /** Reuse a MessageSid to simulate a duplicate delivery. */
  messageSid?: string;
  /** Extra webhook params (e.g. `OptOutType`, `FromCountry`). */
  extraParams?: WebhookParams;
  /** Forge the signature. */
  signature?: string;
}

export interface InboundSmsResult {
  statusCode: number;
  body: string;
  messageSid: string;
  /** Messages created from `<Message>` verbs in the app's TwiML answer (Twilio sends those as replies). */
  replies: SimMessage[];
}

/** Options for `sim.placeCall`: like `placeCall`, with token, Voice URL and status callback taken from the simulator. */
export type SimPlaceCallOptions = Omit<PlaceCallOptions, 'authToken' | 'voiceUrl'> &
  Partial<Pick<PlaceCallOptions, 'authToken' | 'voiceUrl'>>;

interface PendingFault {
  remaining: number;
  fault: SimFault;
  matcher: FaultMatcher | undefined;
}

interface RouteResult {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
  /** Answer these bytes instead of JSON (recording media). */
  raw?: { contentType: string; body: Buffer };
}

/** A Messaging Service (Messaging v1 `/v1/Services`), with its A2P 10DLC campaign status. */
export interface SimMessagingService {
  sid: string;
  accountSid: string;
  friendlyName: string;
  /** Twilio's `use_inbound_webhook_on_number`: false means inbound texts go to `inboundRequestUrl`. */
  useInboundWebhookOnNumber: boolean;
  inboundRequestUrl: string;
  /** `PN…` sids of the numbers in the service. */
  phoneNumberSids: string[];
  /** The A2P campaign's `campaign_status` (VERIFIED, IN_PROGRESS, FAILED…), or null: no campaign. */
  campaignStatus: string | null;
}

/** A recording kept by the simulator (served at `/2010-04-01/Accounts/{AC}/Recordings/{RE}[.mp3|.wav]`). */
export interface SimRecording {
  sid: string;
  accountSid: string;
  contentType: string;
  body: Buffer;
}

type Params = Record<string, string[]>;

/** The running simulator; create with {@link startTwilioSimulator}. */
export class TwilioSimulator {
  /** Base URL, e.g. `http://127.0.0.1:54321`; set by `startTwilioSimulator`. */
  url = '';
  /** Emits `message` (SimMessage, outbound and inbound) and `request` (SimRequest). */
  readonly events = new EventEmitter();

  private readonly server: http.Server;
  private readonly now: () => Date;
  private readonly accounts = new Map<string, { authToken: string; signingKey: string; friendlyName: string; createdAt: Date }>();
  readonly dialect: SimDialect;
  private readonly numbers: SimIncomingNumber[] = [];
  private readonly services: SimMessagingService[] = [];
  private readonly tollfree: Array<{ sid: string; accountSid: string; tollfreePhoneNumberSid: string; status: string }> = [];
  private readonly lineTypes = new Map<string, string | null>();
  private readonly recordings = new Map<string, SimRecording>();
  /** Twilio's "Enforce HTTP Auth on Media URLs" account setting. */
  enforceMediaAuth = false;
  /** MMS media by path (/2010-04-01/Accounts/AC…/Messages/MM…/Media/ME…). */
  private readonly mediaFiles = new Map<string, { accountSid: string; contentType: string; body: Buffer }>();
  /** MMS media paths that answer with a redirect (as Twilio's answer with one to its S3 storage). */
  private readonly mediaRedirects = new Map<string, { accountSid: string; location: string }>();
  private store: SimMessage[] = [];
  private log: SimRequest[] = [];
  private faults: PendingFault[] = [];
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  /** @internal use {@link startTwilioSimulator}. */
  constructor(opts: TwilioSimulatorOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.dialect = opts.dialect ?? TWILIO_DIALECT;
    this.events.setMaxListeners(0);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // A bug in the simulator must be visible, not a hung test.
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(`twilio-simulator internal error: ${String((err as Error)?.stack ?? err)}`);
        }
      });
    });
  }

  /** @internal */
  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address() as AddressInfo;
    this.url = `http://${addr.address}:${addr.port}`;
  }

  /** Stops listening and drops open connections (keep-alive sockets would otherwise hold `close` open). */
  async close(): Promise<void> {
    this.closed = true;
    // Release delayed handlers so no promise is left pending; they see `closed` and stop.
    for (const [t, resolve] of this.timers) {
      clearTimeout(t);
      resolve();
    }
    this.timers.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // --- configuration ---------------------------------------------------------------------

  /**
   * Registers an account whose `accountSid:authToken` Basic credentials are accepted. Webhooks are
   * signed with `signingKey` (SignalWire's Signing Key), which on Twilio is the auth token itself.
   */
  addAccount(accountSid: string, authToken: string, friendlyName = `Simulated ${accountSid}`, signingKey = authToken): void {
    this.accounts.set(accountSid, { authToken, signingKey, friendlyName, createdAt: this.now() });
  }

  /** Replaces an account's API token (a revoked or rotated credential); the old one gets 401. */
  setAuthToken(accountSid: string, authToken: string): void {
    const acct = this.accounts.get(accountSid);
    if (!acct) throw new Error(`twilio-simulator: unknown account ${accountSid}`);
    acct.authToken = authToken;
  }

  /** Gives the account a phone number (an IncomingPhoneNumber); returns its `PN…` sid. */
  addIncomingNumber(accountSid: string, phoneNumber: string, friendlyName?: string): string {
    if (!this.accounts.has(accountSid)) throw new Error(`twilio-simulator: unknown account ${accountSid}; call addAccount first`);
    const now = this.now();
    const sid = this.dialect.sid('PN');
    this.numbers.push({
      sid,
      accountSid,
      phoneNumber,
      friendlyName: friendlyName ?? defaultFriendlyName(phoneNumber),
      voiceUrl: '',
      voiceMethod: 'POST',
      voiceFallbackUrl: '',
      statusCallback: '',
      statusCallbackMethod: 'POST',
      smsUrl: '',
      smsMethod: 'POST',
      smsFallbackUrl: '',
      createdAt: now,
      updatedAt: now,
    });
    return sid;
  }

  /** Adds a Messaging Service holding the given numbers (`PN…` sids); returns the live record. */
  addMessagingService(
    accountSid: string,
    opts: { phoneNumberSids?: string[]; campaignStatus?: string | null; useInboundWebhookOnNumber?: boolean; friendlyName?: string } = {},
  ): SimMessagingService {
    const svc: SimMessagingService = {
      sid: twilioSid('MG'),
      accountSid,
      friendlyName: opts.friendlyName ?? 'Textback sender',
      useInboundWebhookOnNumber: opts.useInboundWebhookOnNumber ?? true,
      inboundRequestUrl: '',
      phoneNumberSids: opts.phoneNumberSids ?? [],
      campaignStatus: opts.campaignStatus === undefined ? 'VERIFIED' : opts.campaignStatus,
    };
    this.services.push(svc);
    return svc;
  }

  /** Records a toll-free verification (`TWILIO_APPROVED`, `PENDING_REVIEW`, `IN_REVIEW`, `TWILIO_REJECTED`). */
  setTollfreeVerification(accountSid: string, tollfreePhoneNumberSid: string, status: string): void {
    const existing = this.tollfree.find((v) => v.tollfreePhoneNumberSid === tollfreePhoneNumberSid);
    if (existing) existing.status = status;
    else this.tollfree.push({ sid: twilioSid('HH'), accountSid, tollfreePhoneNumberSid, status });
  }

  /** What Lookup v2 line_type_intelligence answers for `phone` (mobile, landline, tollFree…; null = unknown). */
  setLineType(phone: string, type: string | null): void {
    this.lineTypes.set(phone, type);
  }

  /** Keeps a recording's bytes so `RecordingUrl` (+ `.mp3`/`.wav`) serves them. */
  addRecording(accountSid: string, sid: string, body: Buffer, contentType = 'audio/x-wav'): void {
    this.recordings.set(sid, { sid, accountSid, body, contentType });
  }

  /** The account's numbers (live records, reflecting REST updates). */
  incomingNumbers(accountSid: string): SimIncomingNumber[] {
    return this.numbers.filter((n) => n.accountSid === accountSid);
  }

  // --- inspection ------------------------------------------------------------------------

  /** Messages created through the API or as TwiML replies, oldest first (inbound ones excluded). */
  get messages(): SimMessage[] {
    return this.store.filter((m) => m.direction !== 'inbound');
  }

  /** Inbound messages delivered with `sendInboundSms` (one per distinct MessageSid). */
  get inboundMessages(): SimMessage[] {
    return this.store.filter((m) => m.direction === 'inbound');
  }

  /** Every REST request received, oldest first. */
  get requests(): SimRequest[] {
    return [...this.log];
  }

  /** Forgets messages, the request log and pending faults; accounts and numbers stay. */
  clear(): void {
    this.store = [];
    this.log = [];
    this.faults = [];
  }

  /**
   * Resolves with the (matching) outbound messages as soon as at least `count` exist; rejects after
   * `timeoutMs` (default 5000) with an error listing what did arrive and the Messages requests seen.
   */
  waitForMessages(
    count: number,
    opts: { timeoutMs?: number; where?: (m: SimMessage) => boolean } = {},
  ): Promise<SimMessage[]> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const matching = (): SimMessage[] => this.messages.filter(opts.where ?? (() => true));
    return new Promise((resolve, reject) => {
      const now = matching();
      if (now.length >= count) {
        resolve(now);
        return;
      }
      const onMessage = (): void => {
        const found = matching();
        if (found.length < count) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        const got = matching();
        const msgs = got.map((m) => `  ${m.sid} ${m.from ?? m.messagingServiceSid} -> ${m.to}: ${JSON.stringify(m.body.slice(0, 80))}`);
        const reqs = this.log
          .filter((r) => r.path.endsWith('/Messages.json'))
          .map((r) => `  ${r.method} ${r.path} -> ${r.dropped ? 'dropped' : r.status}`);
        reject(
          new Error(
            `twilio-simulator: expected ${count} message(s) within ${timeoutMs} ms, got ${got.length}` +
              `${msgs.length ? `:\n${msgs.join('\n')}` : ''}\nMessages requests:\n${reqs.join('\n') || '  (none)'}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('message', onMessage);
      };
      this.events.on('message', onMessage);
    });
  }

  /** Makes the next `n` matching requests (default: Messages create) fail with `fault`. Faults queue in call order. */
  failNext(n: number, fault: SimFault, matcher?: FaultMatcher): void {
    if (n > 0) this.faults.push({ remaining: n, fault, matcher });
  }

  // --- webhooks Twilio sends ---------------------------------------------------------------

  /**
   * Moves an outbound message to `status` and POSTs the signed status callback to its StatusCallback URL.
   * Throws if the message is unknown or has no StatusCallback.
   */
  async deliverStatus(
    messageSid: string,
    status: MessageStatus,
    opts: { errorCode?: number } = {},
  ): Promise<{ statusCode: number; body: string }> {
    const msg = this.store.find((m) => m.sid === messageSid);
    if (!msg) throw new Error(`twilio-simulator: no message ${messageSid}`);
    if (!msg.statusCallback) throw new Error(`twilio-simulator: message ${messageSid} has no StatusCallback`);
    msg.status = status;
    msg.updatedAt = this.now();
    if (opts.errorCode !== undefined) msg.errorCode = opts.errorCode;
    const params: WebhookParams = {
      AccountSid: msg.accountSid,
      ApiVersion: '2010-04-01',
      MessageSid: msg.sid,
      MessageStatus: status,
      SmsSid: msg.sid,
      SmsStatus: status,
      To: msg.to,
    };
    if (msg.from) params.From = msg.from;
    if (msg.messagingServiceSid) params.MessagingServiceSid = msg.messagingServiceSid;
    if (opts.errorCode !== undefined) params.ErrorCode = String(opts.errorCode);
    const res = await postTwilioWebhook(msg.statusCallback, params, {
      authToken: this.signingKeyOf(msg.accountSid),
      signatureHeader: this.dialect.signatureHeader,
      headers: { 'I-Twilio-Idempotency-Token': randomUUID() },
    });
    return { statusCode: res.statusCode, body: res.body };
  }

  /**
   * POSTs a signed inbound-SMS webhook as Twilio would when `from` texts `to`. `<Message>` verbs in a 2xx
   * TwiML answer are recorded as `outbound-reply` messages, as Twilio would send them.
   */
  async sendInboundSms(opts: InboundSmsOptions): Promise<InboundSmsResult> {
    const authToken = this.signingKeyOf(opts.accountSid);
    const number = this.numbers.find((n) => n.accountSid === opts.accountSid && n.phoneNumber === opts.to);
    const url = opts.smsUrl ?? number?.smsUrl;
    if (!url) throw new Error(`twilio-simulator: no smsUrl given and ${opts.to} has no SmsUrl configured`);
    const method = opts.smsUrl ? 'POST' : (number?.smsMethod ?? 'POST');
    const media = opts.mediaUrls ?? [];
    const sid = opts.messageSid ?? this.dialect.sid(media.length ? 'MM' : 'SM');
    const params: WebhookParams = {
      AccountSid: opts.accountSid,
      ApiVersion: '2010-04-01',
      Body: opts.body,
      From: opts.from,
      MessageSid: sid,
      NumMedia: String(media.length),
      NumSegments: String(countSegments(opts.body, media.length)),
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: 'received',
      To: opts.to,
    };
    media.forEach((m, i) => {
      params[`MediaUrl${i}`] = m;
      params[`MediaContentType${i}`] = guessContentType(m);
    });
    Object.assign(params, opts.extraParams);

    if (!this.store.some((m) => m.sid === sid)) {
      const now = this.now();
      this.addMessage({
        sid,
        accountSid: opts.accountSid,
        direction: 'inbound',
        to: opts.to,
        from: opts.from,
        messagingServiceSid: null,
        body: opts.body,
        mediaUrls: media,
        statusCallback: null,
        status: 'received',
        errorCode: null,
        numSegments: countSegments(opts.body, media.length),
        createdAt: now,
        updatedAt: now,
        sentAt: now,
        params: {},
      });
    }

    // A fresh idempotency token even for a re-sent MessageSid, so dedupe must rest on MessageSid.
    const res = await postTwilioWebhook(url, params, {
      authToken,
      method,
      signature: opts.signature,
      signatureHeader: this.dialect.signatureHeader,
      headers: { 'I-Twilio-Idempotency-Token': randomUUID() },
    });
    const replies: SimMessage[] = [];
    if (res.statusCode >= 200 && res.statusCode < 300 && res.body.trim().startsWith('<')) {
      for (const verb of parseTwiml(res.body).children) {
        if (verb.name !== 'Message') continue;
        const bodyEl = verb.children.find((c) => c.name === 'Body');
        const text = (bodyEl ? bodyEl.text : verb.text).trim();
        const now = this.now();
        const reply: SimMessage = {
          sid: twilioSid('SM'),
          accountSid: opts.accountSid,
          direction: 'outbound-reply',
          to: verb.attrs.to ?? opts.from,
          from: verb.attrs.from ?? opts.to,
          messagingServiceSid: null,
          body: text,
          mediaUrls: verb.children.filter((c) => c.name === 'Media').map((c) => c.text.trim()),
          statusCallback: verb.attrs.statusCallback ?? null,
          status: 'queued',
          errorCode: null,
          numSegments: countSegments(text, 0),
          createdAt: now,
          updatedAt: now,
          sentAt: now,
          params: {},
        };
        this.addMessage(reply);
        replies.push(reply);
      }
    }
    return { statusCode: res.statusCode, body: res.body, messageSid: sid, replies };
  }

  /**
   * Plays an inbound call to `opts.to` with the call driver, defaulting the auth token, Voice URL/method and
   * status callback to what the account and number are configured with (e.g. by the product's provisioning).
   */
  async placeCall(opts: SimPlaceCallOptions): Promise<CallTrace> {
    const number = this.numbers.find((n) => n.accountSid === opts.accountSid && n.phoneNumber === opts.to);
    const voiceUrl = opts.voiceUrl ?? number?.voiceUrl;
    if (!voiceUrl) throw new Error(`twilio-simulator: no voiceUrl given and ${opts.to} has no VoiceUrl configured`);
    return placeCall({
      now: this.now,
      callSid: this.dialect.sid('CA'),
      includeDialBridged: this.dialect.sendsDialBridged,
      signatureHeader: this.dialect.signatureHeader,
      ...opts,
      voiceUrl,
      voiceMethod: opts.voiceMethod ?? (opts.voiceUrl ? 'POST' : number?.voiceMethod),
      statusCallbackUrl: opts.statusCallbackUrl ?? (number?.statusCallback || undefined),
      authToken: opts.authToken ?? this.signingKeyOf(opts.accountSid),
    });
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator');
    const raw = await readBody(req);
    const entry: SimRequest = {
      method,
      path: url.pathname,
      search: url.search,
      params: parseForm(raw),
      rawBody: raw,
      headers: req.headers,
      clientPort: req.socket.remotePort,
      status: 0,
      dropped: false,
      at: this.now(),
    };
    this.log.push(entry);
    // 'received' fires as the request arrives (before any delay fault holds its answer back);
    // 'request' fires once it has been answered, dropped or refused.
    this.events.emit('received', entry);
    const fault = this.takeFault(method, url.pathname);
    if (fault) entry.fault = fault;

    const finish = (): void => {
      this.events.emit('request', entry);
    };
    const drop = (): void => {
      entry.dropped = true;
      req.socket.destroy();
      finish();
    };

    if (fault && 'drop' in fault) return drop();
    if (fault && 'lostThenCreated' in fault) {
      drop();
      await fault.lostThenCreated();
      if (!this.closed) this.route(method, url, req.headers.authorization, entry.params);
      return;
    }
    if (fault && 'status' in fault) {
      entry.status = fault.status;
      this.writeJson(
        res,
        fault.status,
        twilioError(fault.status, fault.code ?? DEFAULT_FAULT_CODES[fault.status], fault.message ?? DEFAULT_FAULT_MESSAGES[fault.status]),
        fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {},
      );
      return finish();
    }
    if (fault && 'delayMs' in fault) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          resolve();
        }, fault.delayMs);
        this.timers.set(t, resolve);
      });
      if (this.closed) return;
    }
    if (fault && 'until' in fault) {
      await fault.until();
      if (this.closed) return;
    }

    // MMS media, as Twilio serves it (HTTP basic auth with the account's credentials).
    const redirect = method === 'GET' ? this.mediaRedirects.get(url.pathname) : undefined;
    if (redirect) {
      const expected = `Basic ${Buffer.from(`${redirect.accountSid}:${this.accounts.get(redirect.accountSid)?.authToken ?? ''}`).toString('base64')}`;
      entry.status = req.headers.authorization === expected ? 307 : 401;
      if (entry.status === 307) res.writeHead(307, { Location: redirect.location, 'Content-Length': '0' }).end();
      else this.writeJson(res, 401, twilioError(401, 20003, 'Authenticate'));
      return finish();
    }
    const file = method === 'GET' ? this.mediaFiles.get(url.pathname) : undefined;
    if (file) {
      const auth = req.headers.authorization ?? '';
      const expected = `Basic ${Buffer.from(`${file.accountSid}:${this.accounts.get(file.accountSid)?.authToken ?? ''}`).toString('base64')}`;
      entry.status = auth === expected ? 200 : 401;
      if (entry.status === 200) res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.body.length) }).end(file.body);
      else this.writeJson(res, 401, twilioError(401, 20003, 'Authenticate'));
      return finish();
    }

    // Processed even if the client gave up while we were delaying: Twilio acts on every request it received.
    const result = this.route(method, url, req.headers.authorization, entry.params);
    if (fault && 'acceptThenDrop' in fault) return drop();
    entry.status = result.status;
    if (res.destroyed || req.socket.destroyed) {
      entry.dropped = true;
      return finish();
    }
    if (result.raw) {
      res.writeHead(result.status, { 'Content-Type': result.raw.contentType, 'Content-Length': String(result.raw.body.length), ...result.headers });
      res.end(result.raw.body);
    } else {
      this.writeJson(res, result.status, result.json, result.headers);
    }
    finish();
  }

  /** An MMS attachment of `accountSid` whose Twilio URL answers 307 to `location` (Twilio's storage, in real life S3). */
  addRedirectedMedia(accountSid: string, location: string): string {
    const path = `/2010-04-01/Accounts/${accountSid}/Messages/${twilioSid('MM')}/Media/${twilioSid('ME')}`;
    this.mediaRedirects.set(path, { accountSid, location });
    return `https://api.twilio.com${path}`;
  }

  /** Stores a picture as an MMS attachment of `accountSid`; returns its public Twilio URL (api.twilio.com). */
  addMedia(accountSid: string, contentType: string, body: Buffer): string {
    const path = `/2010-04-01/Accounts/${accountSid}/Messages/${twilioSid('MM')}/Media/${twilioSid('ME')}`;
    this.mediaFiles.set(path, { accountSid, contentType, body });
    return `https://api.twilio.com${path}`;
  }

  private writeJson(res: http.ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
    const body = JSON.stringify(json);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Twilio-Request-Id': twilioSid('RQ'),
      ...headers,
    });
    res.end(body);
  }

  private takeFault(method: string, path: string): SimFault | undefined {
    const idx = this.faults.findIndex((f) => matches(f.matcher, method, path));
    const pending = this.faults[idx];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.faults.splice(idx, 1);
    return pending.fault;
  }

  private route(method: string, url: URL, authorization: string | undefined, form: Params): RouteResult {
    const path = url.pathname;
    const prefix = this.dialect.apiPrefix;
    // Recording media (no .json): public unless the account enforces HTTP auth on media.
    const rec = /^\/2010-04-01\/Accounts\/([^/]+)\/Recordings\/(RE[0-9a-f]+)(\.mp3|\.wav)?$/.exec(path.slice(prefix.length));
    if (rec && method === 'GET' && path.startsWith(prefix)) return this.recordingMedia(rec[1]!, rec[2]!, rec[3], authorization);
    // Messaging v1 and Lookup v2 (messaging.twilio.com / lookups.twilio.com, same paths on this host); Twilio only.
    if (!prefix && /^\/v[12]\//.test(path)) {
      const account = this.accountOf(authorization);
      if (!account) return { status: 401, json: twilioError(401, 20003, 'Authenticate'), headers: { 'WWW-Authenticate': 'Basic realm="Twilio API"' } };
      return this.routeV1(method, url, account, form);
    }
    if (!path.startsWith(`${prefix}/2010-04-01/`)) return notFound(path);
    const m = /^\/2010-04-01\/Accounts\/([^/]+?)(\/.*)?\.json$/.exec(path.slice(prefix.length));
    if (!m || m[1] === undefined) return notFound(path);
    const accountSid = m[1];
    if (!this.authorized(authorization, accountSid)) {
      return {
        status: 401,
        json: twilioError(401, 20003, 'Authenticate'),
        headers: { 'WWW-Authenticate': 'Basic realm="Twilio API"' },
      };
    }
    const rest = m[2] ?? '';
    const query = parseForm(url.search.slice(1));
    let sub: RegExpExecArray | null;
    if (rest === '' && method === 'GET') return { status: 200, json: this.accountJson(accountSid) };
    if (rest === '/Messages' && method === 'POST') return this.createMessage(accountSid, form);
    if (rest === '/Messages' && method === 'GET') return this.listMessages(accountSid, query);
    if ((sub = /^\/Messages\/([^/]+)$/.exec(rest)) && method === 'GET') {
      const msg = this.store.find((x) => x.sid === sub?.[1] && x.accountSid === accountSid);
      return msg ? { status: 200, json: messageJson(msg) } : notFound(path);
    }
    if (rest === '/IncomingPhoneNumbers' && method === 'GET') return this.listNumbers(accountSid, query);
    if ((sub = /^\/IncomingPhoneNumbers\/([^/]+)$/.exec(rest))) {
      const num = this.numbers.find((n) => n.sid === sub?.[1] && n.accountSid === accountSid);
      if (!num) return notFound(path);
      if (method === 'GET') return { status: 200, json: numberJson(num) };
      if (method === 'POST') return this.updateNumber(num, form);
    }
    return notFound(path);
  }

  /** The account whose Basic credentials these are, or null. */
  private accountOf(authorization: string | undefined): string | null {
    if (!authorization?.startsWith('Basic ')) return null;
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    return colon > 0 && this.accounts.get(user)?.authToken === decoded.slice(colon + 1) ? user : null;
  }

  private recordingMedia(accountSid: string, sid: string, ext: string | undefined, authorization: string | undefined): RouteResult {
    const recording = this.recordings.get(sid);
    if (!recording || recording.accountSid !== accountSid) return notFound(`/Recordings/${sid}`);
    if (this.enforceMediaAuth && this.accountOf(authorization) !== accountSid) {
      return { status: 401, json: twilioError(401, 20003, 'Authenticate'), headers: { 'WWW-Authenticate': 'Basic realm="Twilio API"' } };
    }
    const contentType = ext === '.mp3' ? 'audio/mpeg' : recording.contentType;
    return { status: 200, json: null, raw: { contentType, body: recording.body } };
  }

  /** Messaging v1 (Services, their PhoneNumbers and Compliance/Usa2p, Tollfree/Verifications) and Lookup v2. */
  private routeV1(method: string, url: URL, accountSid: string, form: Params): RouteResult {
    const path = url.pathname;
    const query = parseForm(url.search.slice(1));
    const mine = this.services.filter((x) => x.accountSid === accountSid);
    let sub: RegExpExecArray | null;
    if (path === '/v1/Services' && method === 'GET') return this.metaPage(url, 'services', mine.map(serviceJson));
    if ((sub = /^\/v1\/Services\/(MG[0-9a-f]+)$/.exec(path))) {
      const svc = mine.find((x) => x.sid === sub?.[1]);
      if (!svc) return notFound(path);
      if (method === 'POST') {
        const v = form.UseInboundWebhookOnNumber?.[0];
        if (v !== undefined) svc.useInboundWebhookOnNumber = v === 'true';
        const inbound = form.InboundRequestUrl?.[0];
        if (inbound !== undefined) svc.inboundRequestUrl = inbound;
      }
      return { status: 200, json: serviceJson(svc) };
    }
    if ((sub = /^\/v1\/Services\/(MG[0-9a-f]+)\/PhoneNumbers$/.exec(path)) && method === 'GET') {
      const svc = mine.find((x) => x.sid === sub?.[1]);
      if (!svc) return notFound(path);
      const members = this.numbers.filter((n) => svc.phoneNumberSids.includes(n.sid));
      return this.metaPage(url, 'phone_numbers', members.map((n) => ({ sid: n.sid, account_sid: n.accountSid, service_sid: svc.sid, phone_number: n.phoneNumber, country_code: 'US', capabilities: ['SMS', 'MMS', 'Voice'] })));
    }
    if ((sub = /^\/v1\/Services\/(MG[0-9a-f]+)\/Compliance\/Usa2p$/.exec(path)) && method === 'GET') {
      const svc = mine.find((x) => x.sid === sub?.[1]);
      if (!svc) return notFound(path);
      const campaigns = svc.campaignStatus === null ? [] : [{ sid: twilioSid('QE'), account_sid: accountSid, messaging_service_sid: svc.sid, campaign_status: svc.campaignStatus, us_app_to_person_usecase: 'CUSTOMER_CARE' }];
      return this.metaPage(url, 'compliance', campaigns);
    }
    if (path === '/v1/Tollfree/Verifications' && method === 'GET') {
      const pn = query.TollfreePhoneNumberSid?.[0];
      const found = this.tollfree.filter((v) => v.accountSid === accountSid && (pn === undefined || v.tollfreePhoneNumberSid === pn));
      return this.metaPage(url, 'verifications', found.map((v) => ({ sid: v.sid, account_sid: v.accountSid, tollfree_phone_number_sid: v.tollfreePhoneNumberSid, status: v.status })));
    }
    if ((sub = /^\/v2\/PhoneNumbers\/([^/]+)$/.exec(path)) && method === 'GET') {
      const phone = decodeURIComponent(sub[1]!);
      const fields = (query.Fields?.[0] ?? '').split(',');
      const type = this.lineTypes.has(phone) ? this.lineTypes.get(phone)! : 'mobile';
      return {
        status: 200,
        json: {
          calling_country_code: '1',
          country_code: 'US',
          phone_number: phone,
          national_format: phone,
          valid: isE164(phone),
          validation_errors: [],
          line_type_intelligence: fields.includes('line_type_intelligence')
            ? { type, carrier_name: type ? 'Sim Carrier' : null, mobile_country_code: null, mobile_network_code: null, error_code: type ? null : 60601 }
            : null,
          url: `https://lookups.twilio.com/v2/PhoneNumbers/${phone}`,
        },
      };
    }
    return notFound(path);
  }

  /** Messaging v1's `meta` list envelope (one page is enough for the simulator). */
  private metaPage(url: URL, key: string, items: unknown[]): RouteResult {
    const self = `https://messaging.twilio.com${url.pathname}`;
    return {
      status: 200,
      json: { [key]: items, meta: { page: 0, page_size: 50, first_page_url: self, previous_page_url: null, url: self, next_page_url: null, key } },
    };
  }

  private authorized(authorization: string | undefined, pathAccountSid: string): boolean {
    if (!authorization?.startsWith('Basic ')) return false;
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const user = decoded.slice(0, colon);
    const pass = decoded.slice(colon + 1);
    return user === pathAccountSid && this.accounts.get(user)?.authToken === pass;
  }

  private signingKeyOf(accountSid: string): string {
    const acct = this.accounts.get(accountSid);
    if (!acct) throw new Error(`twilio-simulator: unknown account ${accountSid}; call addAccount first`);
    return acct.signingKey;
  }

  private tokenOf(accountSid: string): string {
    const acct = this.accounts.get(accountSid);
    if (!acct) throw new Error(`twilio-simulator: unknown account ${accountSid}; call addAccount first`);
    return acct.authToken;
  }

  private addMessage(msg: SimMessage): void {
    this.store.push(msg);
    this.events.emit('message', msg);
  }

  // --- resources -----------------------------------------------------------------------------

  private accountJson(sid: string): unknown {
    const acct = this.accounts.get(sid);
    const created = rfc2822(acct?.createdAt ?? this.now());
    const base = `${API}/Accounts/${sid}`;
    return {
      auth_token: acct?.authToken,
      date_created: created,
      date_updated: created,
      friendly_name: acct?.friendlyName,
      owner_account_sid: sid,
      sid,
      status: 'active',
      subresource_uris: {
        messages: `${base}/Messages.json`,
        incoming_phone_numbers: `${base}/IncomingPhoneNumbers.json`,
        calls: `${base}/Calls.json`,
        recordings: `${base}/Recordings.json`,
      },
      type: 'Full',
      uri: `${base}.json`,
    };
  }

  private createMessage(accountSid: string, form: Params): RouteResult {
    const one = (k: string): string | undefined => form[k]?.[0];
    const to = one('To');
    const from = one('From');
    const serviceSid = one('MessagingServiceSid');
    const body = one('Body') ?? '';
    const mediaUrls = form.MediaUrl ?? [];
    if (!to) return badRequest(21604, "A 'To' phone number is required.");
    if (!from && !serviceSid) return badRequest(21603, "A 'From' phone number is required.");
    if (!body && mediaUrls.length === 0 && !one('ContentSid')) return badRequest(21602, 'Message body is required.');
    if (!isE164(to.replace(/^[a-z]+:/, ''))) return badRequest(21211, `The 'To' number ${to} is not a valid phone number.`);
    if ([...body].length > 1600) {
      return badRequest(21617, 'The concatenated message body exceeds the 1600 character limit.');
    }
    const now = this.now();
    const msg: SimMessage = {
      sid: this.dialect.sid(mediaUrls.length ? 'MM' : 'SM'),
      accountSid,
      direction: 'outbound-api',
      to,
      from: from ?? null,
      messagingServiceSid: serviceSid ?? null,
      body,
      mediaUrls,
      statusCallback: one('StatusCallback') ?? null,
      // With only a Messaging Service Twilio answers "accepted" and has not picked a sender (0 segments).
      status: from ? 'queued' : 'accepted',
      errorCode: null,
      numSegments: from ? countSegments(body, mediaUrls.length, one('SmartEncoded') === 'true') : 0,
      createdAt: now,
      updatedAt: now,
      sentAt: now,
      params: form,
    };
    this.addMessage(msg);
    return { status: 201, json: messageJson(msg) };
  }

  /**
   * Newest first. `DateSent>` and `DateSent<` (what the SDK sends for dateSentAfter/dateSentBefore, i.e. the
   * API's inclusive `>=`/`<=`) take `YYYY-MM-DD` or an ISO date-time and compare at second precision, like
   * Twilio's RFC 2822 dates; `DateSent` matches the whole UTC day.
   */
  private listMessages(accountSid: string, query: Params): RouteResult {
    const q = (k: string): string | undefined => query[k]?.[0];
    const filters: Array<(m: SimMessage) => boolean> = [];
    const to = q('To');
    const from = q('From');
    if (to) filters.push((m) => m.to === to);
    if (from) filters.push((m) => m.from === from);
    for (const key of ['DateSent', 'DateSent>', 'DateSent<'] as const) {
      const value = q(key);
      if (value === undefined) continue;
      const range = parseDateFilter(value);
      if (!range) return badRequest(20001, `Invalid ${key} value: ${value}`);
      const seconds = (m: SimMessage): number | null => (m.sentAt ? Math.floor(m.sentAt.getTime() / 1000) * 1000 : null);
      if (key === 'DateSent') {
        // Equality is by day: the SDK sends a full date-time even for `dateSent`, Twilio matches the date.
        const day = Math.floor(range.start / 86_400_000) * 86_400_000;
        filters.push((m) => within(seconds(m), day, day + 86_400_000 - 1));
      }
      if (key === 'DateSent>') filters.push((m) => within(seconds(m), range.start, Infinity));
      if (key === 'DateSent<') filters.push((m) => within(seconds(m), -Infinity, range.dateOnly ? range.end - 1 : range.start));
    }
    const all = this.store
      .filter((m) => m.accountSid === accountSid && filters.every((f) => f(m)))
      .reverse()
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return this.page(`${this.dialect.apiPrefix}${API}/Accounts/${accountSid}/Messages.json`, 'messages', all.map(messageJson), query);
  }

  private listNumbers(accountSid: string, query: Params): RouteResult {
    const phone = query.PhoneNumber?.[0];
    const friendly = query.FriendlyName?.[0];
    const phoneMatch = phone === undefined ? null : wildcard(phone);
    const found = this.numbers.filter(
      (n) =>
        n.accountSid === accountSid &&
        (phoneMatch === null || phoneMatch(n.phoneNumber)) &&
        (friendly === undefined || n.friendlyName === friendly),
    );
    return this.page(`${this.dialect.apiPrefix}${API}/Accounts/${accountSid}/IncomingPhoneNumbers.json`, 'incoming_phone_numbers', found.map(numberJson), query);
  }

  private updateNumber(num: SimIncomingNumber, form: Params): RouteResult {
    const one = (k: string): string | undefined => form[k]?.[0];
    const methodParam = (k: string): 'GET' | 'POST' | undefined | 'invalid' => {
      const v = one(k)?.toUpperCase();
      if (v === undefined) return undefined;
      return v === 'GET' || v === 'POST' ? v : 'invalid';
    };
    for (const k of ['VoiceMethod', 'StatusCallbackMethod', 'SmsMethod']) {
      if (methodParam(k) === 'invalid') return badRequest(21609, `${k} must be GET or POST`);
    }
    const str = (k: string, current: string): string => one(k) ?? current;
    const meth = (k: string, current: 'GET' | 'POST'): 'GET' | 'POST' => (methodParam(k) as 'GET' | 'POST' | undefined) ?? current;
    num.voiceUrl = str('VoiceUrl', num.voiceUrl);
    num.voiceMethod = meth('VoiceMethod', num.voiceMethod);
    num.voiceFallbackUrl = str('VoiceFallbackUrl', num.voiceFallbackUrl);
    num.statusCallback = str('StatusCallback', num.statusCallback);
    num.statusCallbackMethod = meth('StatusCallbackMethod', num.statusCallbackMethod);
    num.smsUrl = str('SmsUrl', num.smsUrl);
    num.smsMethod = meth('SmsMethod', num.smsMethod);
    num.smsFallbackUrl = str('SmsFallbackUrl', num.smsFallbackUrl);
    num.friendlyName = str('FriendlyName', num.friendlyName);
    num.updatedAt = this.now();
    return { status: 200, json: numberJson(num) };
  }

  /** Twilio's classic list envelope, paged with `PageSize` (default 50, max 1000) and `Page`. */
  private page(base: string, key: string, items: unknown[], query: Params): RouteResult {
    const pageSize = Math.min(1000, Math.max(1, Number(query.PageSize?.[0] ?? 50) || 50));
    const page = Math.max(0, Number(query.Page?.[0] ?? 0) || 0);
    const filters = new URLSearchParams();
    for (const [k, values] of Object.entries(query)) {
      if (k === 'Page' || k === 'PageSize' || k === 'PageToken') continue;
      for (const v of values) filters.append(k, v);
    }
    const uri = (n: number): string => {
      const qs = new URLSearchParams(filters);
      qs.set('PageSize', String(pageSize));
      qs.set('Page', String(n));
      if (n > 0) qs.set('PageToken', `PA${n * pageSize}`);
      return `${base}?${qs.toString()}`;
    };
    const start = page * pageSize;
    const slice = items.slice(start, start + pageSize);
    return {
      status: 200,
      json: {
        first_page_uri: uri(0),
        end: start + Math.max(0, slice.length - 1),
        previous_page_uri: page > 0 ? uri(page - 1) : null,
        [key]: slice,
        uri: uri(page),
        page_size: pageSize,
        start,
        next_page_uri: start + pageSize < items.length ? uri(page + 1) : null,
        page,
      },
    };
  }
}

/** Starts a simulator on 127.0.0.1 and a random port unless told otherwise. */
export async function startTwilioSimulator(opts: TwilioSimulatorOptions = {}): Promise<TwilioSimulator> {
  const sim = new TwilioSimulator(opts);
  await sim.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  return sim;
}

// --- helpers -----------------------------------------------------------------------------------

const DEFAULT_FAULT_CODES: Record<500 | 503 | 429 | 400, number> = { 500: 20500, 503: 20503, 429: 20429, 400: 21610 };
const DEFAULT_FAULT_MESSAGES: Record<500 | 503 | 429 | 400, string> = {
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  429: 'Too Many Requests',
  400: 'Attempt to send to unsubscribed recipient',
};

function twilioError(status: number, code: number, message: string): unknown {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function badRequest(code: number, message: string): RouteResult {
  return { status: 400, json: twilioError(400, code, message) };
}

function notFound(path: string): RouteResult {
  return { status: 404, json: twilioError(404, 20404, `The requested resource ${path} was not found`) };
}

function matches(matcher: FaultMatcher | undefined, method: string, path: string): boolean {
  if (!matcher?.path) {
    return (matcher?.method ?? 'POST') === method && /\/Accounts\/[^/]+\/Messages\.json$/.test(path);
  }
  return matcher.path.test(path) && (matcher.method === undefined || matcher.method === method);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form/query decoding that keeps repeated keys, as twilio-node sends arrays (`MediaUrl=a&MediaUrl=b`). */
function parseForm(raw: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(raw)) (out[k] ??= []).push(v);
  return out;
}

function isE164(s: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(s);
}

function within(t: number | null, lo: number, hi: number): boolean {
  return t !== null && t >= lo && t <= hi;
}

function parseDateFilter(value: string): { start: number; end: number; dateOnly: boolean } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(start) ? null : { start, end: start + 86_400_000, dateOnly: true };
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : { start: t, end: t, dateOnly: false };
}

/** Twilio's PhoneNumber filter matches partial numbers and `*` wildcards. */
function wildcard(pattern: string): (s: string) => boolean {
  if (!pattern.includes('*')) return (s) => s.includes(pattern);
  const re = new RegExp(pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
  return (s) => re.test(s);
}

function defaultFriendlyName(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}

/**
 * Segments Twilio would bill, from Twilio's own calculator: GSM-7 160 single / 153 concatenated, UCS-2
 * 70 / 67 once any character is outside GSM-7. `smartEncoded` mirrors the `SmartEncoded` send parameter
 * (look-alike Unicode replaced first). Media-only counts as 1.
 */
function countSegments(body: string, numMedia: number, smartEncoded = false): number {
  if (body.length === 0) return numMedia > 0 ? 1 : 0;
  const key = `${smartEncoded ? 1 : 0}${body}`;
  let count = segmentCounts.get(key);
  if (count === undefined) {
    count = new SegmentedMessage(body, 'auto', smartEncoded).segmentsCount;
    // The calculator walks every grapheme: under the bench, where every text-back has the same body,
    // it was a tenth of the load generator's CPU. A pure function of its input, so remembered.
    if (segmentCounts.size >= SEGMENT_COUNTS_KEPT) segmentCounts.clear();
    segmentCounts.set(key, count);
  }
  return count;
}
const segmentCounts = new Map<string, number>();
const SEGMENT_COUNTS_KEPT = 1000;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp4: 'video/mp4',
  pdf: 'application/pdf',
  vcf: 'text/vcard',
};

function guessContentType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:$|[?#])/i.exec(url)?.[1]?.toLowerCase();
  return (ext && CONTENT_TYPES[ext]) || 'image/jpeg';
}

function messageJson(m: SimMessage): Record<string, unknown> {
  const base = `${API}/Accounts/${m.accountSid}/Messages/${m.sid}`;
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.createdAt),
    date_sent: m.sentAt ? rfc2822(m.sentAt) : null,
    date_updated: rfc2822(m.updatedAt),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: String(m.mediaUrls.length),
    num_segments: String(m.numSegments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${base}/Media.json`, feedback: `${base}/Feedback.json` },
    to: m.to,
    uri: `${base}.json`,
  };
}

function serviceJson(s: SimMessagingService): Record<string, unknown> {
  return {
    sid: s.sid,
    account_sid: s.accountSid,
    friendly_name: s.friendlyName,
    inbound_request_url: s.inboundRequestUrl || null,
    inbound_method: 'POST',
    use_inbound_webhook_on_number: s.useInboundWebhookOnNumber,
    usecase: 'customer_care',
    us_app_to_person_registered: s.campaignStatus === 'VERIFIED',
    url: `https://messaging.twilio.com/v1/Services/${s.sid}`,
  };
}

function numberJson(n: SimIncomingNumber): Record<string, unknown> {
  const uri = `${API}/Accounts/${n.accountSid}/IncomingPhoneNumbers/${n.sid}.json`;
  return {
    account_sid: n.accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: '2010-04-01',
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: true, sms: true, voice: true },
    date_created: rfc2822(n.createdAt),
    date_updated: rfc2822(n.updatedAt),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: n.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: n.phoneNumber,
    sid: n.sid,
    sms_application_sid: '',
    sms_fallback_method: 'POST',
    sms_fallback_url: n.smsFallbackUrl,
    sms_method: n.smsMethod,
    sms_url: n.smsUrl,
    status: 'in-use',
    status_callback: n.statusCallback,
    status_callback_method: n.statusCallbackMethod,
    subresource_uris: { assigned_add_ons: `${uri.slice(0, -5)}/AssignedAddOns.json` },
    trunk_sid: null,
    type: 'local',
    uri,
    voice_application_sid: '',
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: n.voiceFallbackUrl,
    voice_method: n.voiceMethod,
    voice_receive_mode: 'voice',
    voice_url: n.voiceUrl,
  };
}
