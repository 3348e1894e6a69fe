/**
 * A fake "Twilio edge" for ONE inbound phone call: it POSTs the signed voice webhook, reads the TwiML
 * our app returns and plays it the way Twilio's voice engine would (Dial outcomes, call screening on
 * the child leg, voicemail Record, status callbacks), driven by a named scenario. Tests use it to
 * reproduce missed-call edge cases (screened-out personal voicemail, caller hang-up while ringing,
 * duplicated and reordered callbacks) without a phone.
 *
 * Behaviour follows /work/shared/research/twilio-facts.md §1; where Twilio's behaviour is unverified
 * the choice made here is documented on the option that controls it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { postTwilioWebhook, type WebhookParams, type WebhookResponse } from './twilio-webhook-client.js';

// ---------------------------------------------------------------------------------------------
// Tolerant TwiML/XML parser
// ---------------------------------------------------------------------------------------------

/** One element of a parsed TwiML document. `text` is the element's own decoded text (not trimmed). */
export interface TwimlElement {
  name: string;
  attrs: Record<string, string>;
  children: TwimlElement[];
  text: string;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ent: string) => {
    if (ent.startsWith('#x') || ent.startsWith('#X')) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith('#')) return String.fromCodePoint(parseInt(ent.slice(1), 10));
    return NAMED_ENTITIES[ent] ?? whole;
  });
}

/** Index of the `>` closing the tag opened at `start`, skipping `>` inside quoted attribute values. */
function findTagEnd(xml: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  throw new Error(`unterminated tag at offset ${start}`);
}

function parseAttributes(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+)))?/g;
  for (const m of src.matchAll(re)) {
    const name = m[1];
    if (name === undefined) continue;
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/**
 * Parses an XML document into a tree. Small and forgiving (no namespaces, no DTDs), but strict about
 * nesting so a malformed TwiML response fails loudly in tests as it would on Twilio (error 12100).
 * Returns a synthetic `#document` element whose children are the top-level elements.
 */
export function parseXml(xml: string): TwimlElement {
  const root: TwimlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: TwimlElement[] = [root];
  const top = (): TwimlElement => stack[stack.length - 1] as TwimlElement;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) top().text += decodeEntities(xml.slice(i, textEnd));
    if (lt === -1) break;
    const skipTo = (terminator: string): number => {
      const end = xml.indexOf(terminator, lt);
      if (end === -1) throw new Error(`unterminated markup at offset ${lt}`);
      return end + terminator.length;
    };
    if (xml.startsWith('<!--', lt)) {
      i = skipTo('-->');
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipTo(']]>');
      top().text += xml.slice(lt + 9, end - 3);
      i = end;
    } else if (xml.startsWith('<?', lt)) {
      i = skipTo('?>');
    } else if (xml.startsWith('<!', lt)) {
      i = skipTo('>');
    } else {
      const gt = findTagEnd(xml, lt);
      const inner = xml.slice(lt + 1, gt).trim();
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim();
        const open = top();
        if (stack.length === 1 || open.name !== name) {
          throw new Error(`unexpected </${name}> at offset ${lt} (open element: ${stack.length > 1 ? open.name : 'none'})`);
        }
        stack.pop();
      } else {
        const selfClosing = inner.endsWith('/');
        const body = selfClosing ? inner.slice(0, -1) : inner;
        const nameMatch = /^[^\s/>]+/.exec(body);
        if (!nameMatch) throw new Error(`malformed tag at offset ${lt}`);
        const el: TwimlElement = {
          name: nameMatch[0],
          attrs: parseAttributes(body.slice(nameMatch[0].length)),
          children: [],
          text: '',
        };
        top().children.push(el);
        if (!selfClosing) stack.push(el);
      }
      i = gt + 1;
    }
  }
  if (stack.length > 1) throw new Error(`unclosed <${top().name}>`);
  return root;
}

/** Parses a TwiML response and returns its `<Response>` element; throws if the body is not TwiML. */
export function parseTwiml(xml: string): TwimlElement {
  const doc = parseXml(xml);
  const response = doc.children.find((c) => c.name === 'Response');
  if (!response) throw new Error('not TwiML: no <Response> root element');
  return response;
}

// ---------------------------------------------------------------------------------------------
// Call driver
// ---------------------------------------------------------------------------------------------

/**
 * How the call goes, from the dialed party's side (or the caller's, for the hang-up case):
 * - `no-answer` / `busy` / `failed`: the Dial ends with that DialCallStatus, never bridged.
 * - `answered`: a human answers. With a screen (`<Number url>`) they press 1 like `screen-accept`.
 * - `screen-accept`: a human answers and presses 1 at the screen's `<Gather>`; without a screen, bridged.
 * - `screen-reject`: a human answers and presses nothing; without a screen they decline on the handset
 *   (DialCallStatus `busy`).
 * - `personal-voicemail`: the cell's voicemail answers and presses nothing; without a screen that is a
 *   bridged, "completed" call, the trap screening exists to avoid.
 * - `caller-hangup-while-ringing`: the caller hangs up while the Dial rings; no Dial action is posted.
 */
export type CallScenario =
  | 'no-answer'
  | 'busy'
  | 'failed'
  | 'answered'
  | 'caller-hangup-while-ringing'
  | 'screen-accept'
  | 'screen-reject'
  | 'personal-voicemail';

/** Final parent-call statuses Twilio reports in the `completed` status callback. */
export type FinalCallStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface PlaceCallOptions {
  accountSid: string;
  /** Signs every webhook; pass a wrong token to forge. */
  authToken: string;
  /** Caller, E.164 (or `anonymous`, which Twilio also sends). */
  from: string;
  /** Our Twilio number that was called. */
  to: string;
  /** The number's Voice URL. */
  voiceUrl: string;
  voiceMethod?: 'GET' | 'POST';
  /** The number's call status callback URL; without it no status callback is sent. */
  statusCallbackUrl?: string;
  /** Defaults to a random `CA…` sid. */
  callSid?: string;
  scenario: CallScenario;
  /**
   * What the caller does at a `<Record>`. `leave: false` (the default when omitted) means the caller hangs
   * up during the greeting; Twilio then usually requests no action, so nothing is posted unless
   * `actionOnHangup` is set (then the action gets `RecordingDuration=0`, `Digits=hangup`).
   * With `transcribe="true"` and no `transcript`, the transcription callback reports `failed`.
   */
  voicemail?: { leave: boolean; durationSeconds?: number; transcript?: string; actionOnHangup?: boolean };
  /** Send `DialBridged` on the Dial action (default true); false mimics accounts without the parameter. */
  includeDialBridged?: boolean;
  /**
   * Send the final status callback BEFORE the Dial action (concurrently when `deliveries > 1`), as Twilio
   * does when the call ends while the Dial is finishing. The caller is treated as gone at that point, so
   * the action's TwiML is recorded but not followed.
   */
  statusCallbackFirst?: boolean;
  /** Send every webhook this many times concurrently (duplicate delivery); the first answer is followed. */
  deliveries?: number;
  /** A non-2xx status that is recorded instead of thrown (e.g. 403 for forged-signature tests). */
  expectStatus?: number;
  /**
   * Final `CallStatus` for `caller-hangup-while-ringing`. Default: `completed` if the call had already been
   * answered (a `<Say>` before the Dial, or a Dial without `answerOnBridge`), else `no-answer`
   * (Twilio's changelog: inbound calls that end before in-progress report `no-answer`).
   */
  finalStatusOnHangup?: FinalCallStatus;
  /** `DialCallDuration` of a bridged call (default 42). */
  dialCallDurationSeconds?: number;
  /** Extra params on every parent-leg webhook, e.g. `ForwardedFrom`, `CallerName`. */
  extraParams?: WebhookParams;
  /** The signature header (`X-Twilio-Signature` by default; the SignalWire simulator passes its own). */
  signatureHeader?: string;
  /**
   * Sends one webhook in place of the Twilio-signed form POST: the Telnyx simulator posts the same
   * TeXML parameters signed with Ed25519 over its own headers.
   */
  postWebhook?: (url: string, params: WebhookParams, opts: { method: 'GET' | 'POST'; headers: Record<string, string> }) => Promise<WebhookResponse>;
  /** Clock for `Timestamp` fields. */
  now?: () => Date;
  /** Guard against Redirect loops (default 50 webhook round trips). */
  maxWebhooks?: number;
}

/** Which webhook a traced request was. */
export type CallRequestKind =
  | 'voice'
  | 'redirect'
  | 'gather-action'
  | 'dial-action'
  | 'screen'
  | 'screen-gather-action'
  | 'record-action'
  | 'recording-status'
  | 'transcription'
  | 'status-callback';

export interface CallTraceRequest {
  kind: CallRequestKind;
  url: string;
  method: 'GET' | 'POST';
  params: WebhookParams;
  statusCode: number;
  body: string;
}

export interface CallTrace {
  callSid: string;
  /** Every webhook request in the order it was sent (duplicates included). */
  requests: CallTraceRequest[];
  /** The caller was connected to the dialed party. */
  bridged: boolean;
  /** The parent call was answered (by TwiML or by a bridge). */
  answered: boolean;
  /** Params of the Dial action request, if one was sent. */
  dialAction?: WebhookParams;
  /** Child leg sid of the last Dial. */
  dialCallSid?: string;
  finalStatus: FinalCallStatus;
  /** Params of the final status callback, if one was sent. */
  statusCallback?: WebhookParams;
  recording?: { sid: string; url: string; durationSeconds: number };
}

const API_VERSION = '2010-04-01';
const SUPPORTED_NOUNS = new Set(['Number', 'Sip', 'Client']);

/** `prefix` + 32 lowercase hex digits, Twilio's sid format. */
export function twilioSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** RFC 2822 date as Twilio writes it: `Tue, 13 Jan 2026 15:00:00 +0000`. */
export function rfc2822(d: Date): string {
  return d.toUTCString().replace('GMT', '+0000');
}

interface DialOutcome {
  status: 'completed' | 'busy' | 'no-answer' | 'failed';
  bridged: boolean;
  /** Seconds the child leg was up; absent when it never answered. */
  childSeconds?: number;
}

/** Whether the current document keeps executing after a verb ('stop': hung up, or control moved elsewhere). */
type Flow = 'continue' | 'stop';

class CallRun {
  readonly trace: CallTrace;
  private answered = false;
  private ended = false;
  private hangupStatus: FinalCallStatus | undefined;
  private lastDialStatus: DialOutcome['status'] | undefined;
  private elapsed = 0;
  private webhooks = 0;
  private statusCallbackSent = false;
  private readonly afterCall: Array<() => Promise<unknown>> = [];
  private readonly now: () => Date;

  constructor(private readonly opts: PlaceCallOptions) {
    this.trace = {
      callSid: opts.callSid ?? twilioSid('CA'),
      requests: [],
      bridged: false,
      answered: false,
      finalStatus: 'no-answer',
    };
    this.now = opts.now ?? (() => new Date());
  }

  async run(): Promise<CallTrace> {
    const { opts } = this;
    const doc = await this.fetchTwiml('voice', opts.voiceUrl, opts.voiceMethod ?? 'POST', this.parentParams('ringing'));
    if (doc) await this.runDocument(doc, opts.voiceUrl);
    this.ended = true;
    if (!this.statusCallbackSent) await this.sendStatusCallback();
    // Recording and transcription callbacks are asynchronous on Twilio and arrive after the call has ended.
    for (const cb of this.afterCall) await cb();
    this.trace.answered = this.answered;
    return this.trace;
  }

  // --- parent leg --------------------------------------------------------------------------

  private parentParams(callStatus: string): WebhookParams {
    const { opts } = this;
    return {
      AccountSid: opts.accountSid,
      ApiVersion: API_VERSION,
      CallSid: this.trace.callSid,
      CallStatus: callStatus,
      Called: opts.to,
      Caller: opts.from,
      Direction: 'inbound',
      From: opts.from,
      To: opts.to,
      ...opts.extraParams,
    };
  }

  private currentStatus(): string {
    if (this.ended) return this.finalStatus();
    return this.answered ? 'in-progress' : 'ringing';
  }

  private answer(): void {
    this.answered = true;
  }

  private finalStatus(): FinalCallStatus {
    if (this.hangupStatus) return this.hangupStatus;
    if (this.answered || this.trace.bridged) return 'completed';
    // Only an answerOnBridge Dial ran and it never connected.
    if (this.lastDialStatus && this.lastDialStatus !== 'completed') return this.lastDialStatus;
    return 'no-answer';
  }

  private async runDocument(doc: TwimlElement, docUrl: string): Promise<void> {
    for (const verb of doc.children) {
      if (this.ended) return;
      const flow = await this.runVerb(verb, docUrl);
      if (flow === 'stop') return;
    }
  }

  private async runVerb(verb: TwimlElement, docUrl: string): Promise<Flow> {
    switch (verb.name) {
      case 'Say':
      case 'Play':
        this.answer();
        this.elapsed += 3;
        return 'continue';
      case 'Pause':
        this.answer();
        this.elapsed += Number(verb.attrs.length ?? 1);
        return 'continue';
      case 'Gather':
        return this.parentGather(verb, docUrl);
      case 'Record':
        return this.record(verb, docUrl);
      case 'Dial':
        return this.dial(verb, docUrl);
      case 'Hangup':
        this.ended = true;
        return 'stop';
      case 'Redirect': {
        const url = resolveUrl(verb.text.trim(), docUrl);
        const next = await this.fetchTwiml('redirect', url, methodOf(verb), this.parentParams(this.currentStatus()));
        if (next) await this.runDocument(next, url);
        return 'stop';
      }
      default:
        throw new Error(`twilio-call-driver: unsupported TwiML verb <${verb.name}> in ${docUrl}`);
    }
  }

  /** The caller never presses keys; Twilio then falls through to the next verb. */
  private async parentGather(verb: TwimlElement, docUrl: string): Promise<Flow> {
    this.answer();
    this.elapsed += Number(verb.attrs.timeout ?? 5);
    if (verb.attrs.actionOnEmptyResult !== 'true') return 'continue';
    const url = resolveUrl(verb.attrs.action ?? docUrl, docUrl);
    const next = await this.fetchTwiml('gather-action', url, methodOf(verb), this.parentParams(this.currentStatus()));
    if (next) await this.runDocument(next, url);
    return 'stop';
  }

  private async record(verb: TwimlElement, docUrl: string): Promise<Flow> {
    this.answer();
    const vm = this.opts.voicemail ?? { leave: false };
    // Twilio requests the current document's URL when <Record> has no action.
    const actionUrl = resolveUrl(verb.attrs.action ?? docUrl, docUrl);
    const accountSid = this.opts.accountSid;
    const recordingSid = twilioSid('RE');
    const recordingUrl = `https://api.twilio.com/${API_VERSION}/Accounts/${accountSid}/Recordings/${recordingSid}`;
    // Either way the caller hangs up: after the message, or during the greeting.
    this.ended = true;
    if (!vm.leave) {
      if (vm.actionOnHangup) {
        await this.send('record-action', actionUrl, methodOf(verb), {
          ...this.parentParams('completed'),
          RecordingUrl: recordingUrl,
          RecordingSid: recordingSid,
          RecordingDuration: '0',
          Digits: 'hangup',
        });
      }
      return 'stop';
    }
    const duration = vm.durationSeconds ?? 12;
    this.elapsed += duration + 2;
    this.trace.recording = { sid: recordingSid, url: recordingUrl, durationSeconds: duration };
    // The action's TwiML is not followed: the caller has already hung up (Digits=hangup).
    await this.send('record-action', actionUrl, methodOf(verb), {
      ...this.parentParams('completed'),
      RecordingUrl: recordingUrl,
      RecordingSid: recordingSid,
      RecordingDuration: String(duration),
      Digits: 'hangup',
    });
    const statusCb = verb.attrs.recordingStatusCallback;
    if (statusCb) {
      const url = resolveUrl(statusCb, docUrl);
      const method = verb.attrs.recordingStatusCallbackMethod === 'GET' ? 'GET' : 'POST';
      const startedAt = rfc2822(this.now());
      this.afterCall.push(() =>
        this.send('recording-status', url, method, {
          AccountSid: accountSid,
          CallSid: this.trace.callSid,
          RecordingSid: recordingSid,
          RecordingUrl: recordingUrl,
          RecordingStatus: 'completed',
          RecordingDuration: String(duration),
          RecordingChannels: '1',
          RecordingStartTime: startedAt,
          RecordingSource: 'RecordVerb',
          RecordingTrack: 'both',
          ErrorCode: '0',
        }),
      );
    }
    const transcribeCb = verb.attrs.transcribeCallback;
    // Twilio requires transcribe="true" explicitly for transcribeCallback to fire.
    if (transcribeCb && verb.attrs.transcribe === 'true') {
      const url = resolveUrl(transcribeCb, docUrl);
      const transcriptionSid = twilioSid('TR');
      this.afterCall.push(() =>
        this.send('transcription', url, 'POST', {
          ...this.parentParams('completed'),
          TranscriptionSid: transcriptionSid,
          TranscriptionText: vm.transcript ?? '',
          TranscriptionStatus: vm.transcript === undefined ? 'failed' : 'completed',
          TranscriptionUrl: `https://api.twilio.com/${API_VERSION}/Accounts/${accountSid}/Recordings/${recordingSid}/Transcriptions/${transcriptionSid}`,
          TranscriptionType: 'fast',
          RecordingSid: recordingSid,
          RecordingUrl: recordingUrl,
          url: url,
        }),
      );
    }
    return 'stop';
  }

  private async dial(verb: TwimlElement, docUrl: string): Promise<Flow> {
    const { opts } = this;
    // A plain Dial answers the parent at once (the caller hears ringback on an answered call);
    // answerOnBridge keeps the parent ringing until the child is bridged.
    if (verb.attrs.answerOnBridge !== 'true') this.answer();
    // Only the first noun is dialed: with several, the first to answer wins, and scenarios name one outcome.
    const noun = verb.children[0];
    if (noun && !SUPPORTED_NOUNS.has(noun.name)) {
      throw new Error(`twilio-call-driver: unsupported <Dial> noun <${noun.name}> in ${docUrl}`);
    }
    const childSid = twilioSid('CA');
    this.trace.dialCallSid = childSid;

    if (opts.scenario === 'caller-hangup-while-ringing') {
      // The caller gives up while the Dial rings: Twilio posts no Dial action, only the final status.
      this.elapsed += 10;
      this.ended = true;
      this.hangupStatus = opts.finalStatusOnHangup ?? (this.answered ? 'completed' : 'no-answer');
      return 'stop';
    }

    const outcome = await this.dialOutcome(verb, noun, childSid, docUrl);
    this.lastDialStatus = outcome.status;
    if (outcome.bridged) {
      this.trace.bridged = true;
      this.answer();
    }
    const ringSeconds = outcome.status === 'no-answer' ? Number(verb.attrs.timeout ?? 30) + 5 : 5;
    this.elapsed += ringSeconds + (outcome.childSeconds ?? 0);

    // Without an action Twilio continues with the next verb of the same document.
    if (verb.attrs.action === undefined) return 'continue';
    const actionUrl = resolveUrl(verb.attrs.action, docUrl);
    const method = methodOf(verb);
    const dialParams = (): WebhookParams => {
      const p: WebhookParams = {
        ...this.parentParams(this.currentStatus()),
        DialCallSid: childSid,
        DialCallStatus: outcome.status,
      };
      if (opts.includeDialBridged !== false) p.DialBridged = String(outcome.bridged);
      if (outcome.childSeconds !== undefined) p.DialCallDuration = String(outcome.childSeconds);
      return p;
    };

    if (opts.statusCallbackFirst) {
      this.ended = true;
      const params = dialParams();
      this.trace.dialAction = params;
      if ((opts.deliveries ?? 1) > 1) {
        await Promise.all([this.sendStatusCallback(), this.send('dial-action', actionUrl, method, params)]);
      } else {
        await this.sendStatusCallback();
        await this.send('dial-action', actionUrl, method, params);
      }
      return 'stop';
    }

    const params = dialParams();
    this.trace.dialAction = params;
    const next = await this.fetchTwiml('dial-action', actionUrl, method, params);
    if (next) await this.runDocument(next, actionUrl);
    return 'stop';
  }

  private async dialOutcome(
    dialVerb: TwimlElement,
    noun: TwimlElement | undefined,
    childSid: string,
    docUrl: string,
  ): Promise<DialOutcome> {
    const { scenario } = this.opts;
    const talk = this.opts.dialCallDurationSeconds ?? 42;
    const bridgedOutcome: DialOutcome = { status: 'completed', bridged: true, childSeconds: talk };
    switch (scenario) {
      case 'no-answer':
      case 'busy':
      case 'failed':
        return { status: scenario, bridged: false };
      case 'answered':
      case 'screen-accept':
      case 'screen-reject':
      case 'personal-voicemail': {
        const screenUrl = noun?.attrs.url;
        if (!screenUrl) {
          // No screen: a carrier voicemail pick-up is an answer like any other (the trap screening avoids);
          // a human declining on the handset shows up as busy.
          if (scenario === 'screen-reject') return { status: 'busy', bridged: false };
          return bridgedOutcome;
        }
        // A human who answers a screened call presses 1; a rejecting human or a voicemail box presses nothing.
        const digits = scenario === 'answered' || scenario === 'screen-accept' ? '1' : undefined;
        const bridged = await this.runScreen(dialVerb, noun, childSid, resolveUrl(screenUrl, docUrl), digits);
        // A screened-out child leg was answered and then hung up: still "completed", but not bridged.
        return bridged ? bridgedOutcome : { status: 'completed', bridged: false, childSeconds: 8 };
      }
      default:
        throw new Error(`twilio-call-driver: unknown scenario ${String(scenario)}`);
    }
  }

  // --- child leg (call screening / whisper) ------------------------------------------------

  private async runScreen(
    dialVerb: TwimlElement,
    noun: TwimlElement,
    childSid: string,
    screenUrl: string,
    digits: string | undefined,
  ): Promise<boolean> {
    const { opts } = this;
    const childTo = noun.text.trim();
    const params: WebhookParams = {
      AccountSid: opts.accountSid,
      ApiVersion: API_VERSION,
      CallSid: childSid,
      CallStatus: 'in-progress',
      Called: childTo,
      Caller: dialVerb.attrs.callerId ?? opts.from,
      Direction: 'outbound-dial',
      From: dialVerb.attrs.callerId ?? opts.from,
      ParentCallSid: this.trace.callSid,
      To: childTo,
    };
    const doc = await this.fetchTwiml('screen', screenUrl, methodOf(noun), params);
    // A failing screen URL makes Twilio drop the child leg.
    if (!doc) return false;
    return this.runScreenDocument(doc, screenUrl, params, digits);
  }

  /** Returns true when the screen TwiML ran to its end (Twilio then bridges), false when it hung up. */
  private async runScreenDocument(
    doc: TwimlElement,
    docUrl: string,
    params: WebhookParams,
    digits: string | undefined,
  ): Promise<boolean> {
    for (const verb of doc.children) {
      switch (verb.name) {
        case 'Say':
        case 'Play':
        case 'Pause':
          continue;
        case 'Gather': {
          if (digits === undefined && verb.attrs.actionOnEmptyResult !== 'true') continue;
          const url = resolveUrl(verb.attrs.action ?? docUrl, docUrl);
          const gatherParams = digits === undefined ? params : { ...params, Digits: digits, FinishedOnKey: '' };
          const next = await this.fetchTwiml('screen-gather-action', url, methodOf(verb), gatherParams);
          if (!next) return false;
          // The key press is consumed; later Gathers hear nothing.
          return this.runScreenDocument(next, url, params, undefined);
        }
        case 'Hangup':
        case 'Reject':
          return false;
        case 'Redirect': {
          const url = resolveUrl(verb.text.trim(), docUrl);
          const next = await this.fetchTwiml('screen', url, methodOf(verb), params);
          if (!next) return false;
          return this.runScreenDocument(next, url, params, digits);
        }
        default:
          throw new Error(`twilio-call-driver: unsupported TwiML verb <${verb.name}> in screen ${docUrl}`);
      }
    }
    return true;
  }

  // --- callbacks and transport -------------------------------------------------------------

  private async sendStatusCallback(): Promise<void> {
    const status = this.finalStatus();
    this.trace.finalStatus = status;
    this.statusCallbackSent = true;
    const url = this.opts.statusCallbackUrl;
    if (!url) return;
    const params: WebhookParams = {
      ...this.parentParams(status),
      CallbackSource: 'call-progress-events',
      SequenceNumber: '0',
      Timestamp: rfc2822(this.now()),
      SipResponseCode: SIP_CODES[status],
    };
    if (status === 'completed') {
      params.CallDuration = String(this.elapsed);
      params.Duration = String(Math.max(1, Math.ceil(this.elapsed / 60)));
    }
    this.trace.statusCallback = params;
    await this.send('status-callback', url, 'POST', params);
  }

  private async fetchTwiml(
    kind: CallRequestKind,
    url: string,
    method: 'GET' | 'POST',
    params: WebhookParams,
  ): Promise<TwimlElement | null> {
    const res = await this.send(kind, url, method, params);
    if (res.statusCode < 200 || res.statusCode >= 300) {
      // Expected failure (see expectStatus). On the parent leg Twilio plays "an application error has
      // occurred" and hangs up; on a screen leg it drops the child (the caller decides what that means).
      if (kind !== 'screen' && kind !== 'screen-gather-action') {
        this.answer();
        this.ended = true;
      }
      return null;
    }
    try {
      return parseTwiml(res.body);
    } catch (err) {
      throw new Error(
        `twilio-call-driver: ${kind} webhook ${method} ${url} did not return TwiML (${(err as Error).message}): ${res.body.slice(0, 300)}`,
      );
    }
  }

  private async send(
    kind: CallRequestKind,
    url: string,
    method: 'GET' | 'POST',
    params: WebhookParams,
  ): Promise<WebhookResponse> {
    this.webhooks += 1;
    const max = this.opts.maxWebhooks ?? 50;
    if (this.webhooks > max) throw new Error(`twilio-call-driver: more than ${max} webhook round trips (Redirect loop?)`);
    const copies = Math.max(1, this.opts.deliveries ?? 1);
    // One token per logical delivery, shared by the duplicates, as Twilio does for retries.
    const headers = { 'I-Twilio-Idempotency-Token': randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: copies }, () =>
        this.opts.postWebhook
          ? this.opts.postWebhook(url, params, { method, headers })
          : postTwilioWebhook(url, params, { authToken: this.opts.authToken, method, headers, signatureHeader: this.opts.signatureHeader }),
      ),
    );
    for (const res of responses) {
      this.trace.requests.push({ kind, url, method, params, statusCode: res.statusCode, body: res.body });
    }
    for (const res of responses) {
      const ok = (res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === this.opts.expectStatus;
      if (!ok) {
        throw new Error(
          `twilio-call-driver: ${kind} webhook ${method} ${url} answered HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`,
        );
      }
    }
    return responses[0] as WebhookResponse;
  }
}

const SIP_CODES: Record<FinalCallStatus, string> = {
  completed: '200',
  busy: '486',
  'no-answer': '487',
  failed: '404',
  canceled: '487',
};

function resolveUrl(ref: string, base: string): string {
  return new URL(ref, base).toString();
}

function methodOf(el: TwimlElement): 'GET' | 'POST' {
  return el.attrs.method?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}

/**
 * Plays one inbound call against the app's voice webhooks, following the returned TwiML like Twilio,
 * and resolves once every webhook of the call (including the final status callback and any recording or
 * transcription callbacks) has been answered. Throws if a webhook answers non-2xx (other than
 * `expectStatus`), returns something that is not TwiML where TwiML is expected, or uses a verb the driver
 * does not model.
 */
export async function placeCall(opts: PlaceCallOptions): Promise<CallTrace> {
  return new CallRun(opts).run();
}
