/**
 * The carrier port: everything the services and the HTTP layer need from a carrier (Twilio, the
 * built-in sandbox, later SignalWire, Telnyx…), in carrier-neutral terms. Each carrier is one folder
 * under src/carriers/<name>/ exporting one `CarrierAdapter`, registered by name in registry.ts.
 *
 * - Webhooks: the HTTP layer hands the adapter a `CarrierWebhookRequest`; the adapter verifies it
 *   (signature) and parses it into the neutral events below. Parsing is pure and may run before
 *   verification (to find the owning workspace), but nothing parsed is trusted or stored until
 *   `verifyWebhook` said yes.
 * - Call control: the services decide a `CallPlan`; the adapter renders it (Twilio: TwiML).
 * - Errors: `describeError` turns a carrier error code into words and an effect on the contact
 *   or on the sending number.
 * - Account operations and sending: `connect(credentials)` gives a `CarrierAccount` for one account.
 */
import type { z } from 'zod';
import type { CallPlan } from './call-plan.js';

// ——— sending ———

/** How a carrier client is built. */
export interface ConnectOptions {
  /** The carrier's API host, instead of its own (a simulator in tests and the bench). */
  apiUrl?: string;
  /** Each request's whole deadline. */
  timeoutMs?: number;
  /**
   * Requests the client may have in flight at once (CARRIER_REQUESTS_PER_ACCOUNT); more wait for a
   * connection. Clients without a connection cap of their own ignore it.
   */
  maxInFlight?: number;
}

export interface SendTextRequest {
  from: string;
  to: string;
  body: string;
  mediaUrls?: string[];
  /** Where the carrier reports delivery status for this message. */
  statusCallbackUrl?: string;
  /** Send through this messaging service (Twilio `MG…`) while keeping `from` as the sender shown. */
  messagingServiceId?: string | null;
  /** Seconds after which the carrier should drop the text rather than deliver it late. */
  validitySeconds?: number;
}

export interface SentText {
  carrierMessageId: string;
  /** The carrier's status at acceptance (Twilio: queued/accepted). */
  status: string;
  segments?: number;
}

export interface SentTextLookup {
  from: string;
  to: string;
  body: string;
  /** Epoch ms: only messages created at or after this moment count. */
  after: number;
}

/** Sending, and finding out after a crash whether a text already went out. */
export interface CarrierClient {
  sendText(req: SendTextRequest): Promise<SentText>;
  /** Finds a text this account already sent (for reconciling a send whose outcome was lost). */
  findSentText(q: SentTextLookup): Promise<SentText | null>;
  /**
   * How long after a send a text the carrier took may still be missing from findSentText, for a
   * carrier whose records of sent texts appear late (Telnyx's message detail records). The send
   * protocol takes "not found" for "not sent" only after this, and never before
   * LOST_REQUEST_SETTLE_MS (services/outbound-messages.ts). Absent: listed once the send is answered.
   */
  readonly sentTextListedWithinMs?: number;
}

/**
 * The neutral error code of a retryable send refused because the carrier rejected the account's
 * credentials (revoked or rotated): the text waits, the dashboard warns, and it goes out on a retry
 * once working credentials are saved.
 */
export const CREDENTIALS_REJECTED = 'credentials_rejected';

/**
 * A failed send, classified: `retryable` (429, 5xx, network), `permanent` (the carrier refused it
 * for good), or `unknown` (the request may have reached the carrier: reconcile before re-sending).
 */
export class CarrierSendError extends Error {
  override name = 'CarrierSendError';
  constructor(
    readonly kind: 'retryable' | 'permanent' | 'unknown',
    message: string,
    readonly code?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

// ——— account operations ———

/** A workspace's stored credentials for one carrier (Twilio: Account SID and auth token). */
export interface CarrierCredentials {
  /** Public account identifier (Twilio AccountSid). */
  accountId: string;
  /** The secret (Twilio auth token). Never logged, never returned. */
  secret: string;
  /**
   * Further settings and keys a carrier needs beyond one id and one secret (SignalWire: space URL and
   * signing key; Telnyx: the webhook public key). Stored encrypted like the secret, never returned.
   */
  extra?: Record<string, string>;
}

/** A number on the carrier account, as its account API lists it. */
export interface CarrierNumber {
  /** The carrier's id for the number (Twilio `PN…`). */
  id: string;
  number: string;
  name: string;
  voiceUrl: string | null;
  smsUrl: string | null;
}

/** Where the carrier must send a number's webhooks. */
export interface NumberWebhookTargets {
  voiceUrl: string;
  voiceStatusUrl: string;
  smsUrl: string;
  /**
   * When set: the phones the carrier itself rings if Textback does not answer the voice webhook
   * (Twilio: VoiceFallbackUrl to a Twilio-hosted simulring), with how long they ring. An empty list
   * clears the fallback.
   */
  fallbackRing?: { phones: string[]; timeoutSeconds: number };
}

export type CredentialCheck = { ok: true } | { ok: false; rejected: boolean; message: string };

/** One line of a number's texting readiness, in words an owner understands. */
export interface ReadinessCheck {
  id: string;
  ok: boolean;
  message: string;
  /** The carrier's own console page where the owner fixes it. */
  link?: string;
}

/** What the carrier says about a number's ability to text (registrations, verifications, routing). */
export interface TextingReadinessReport {
  /** The messaging service the number belongs to (Twilio `MG…`), or null. */
  messagingServiceId: string | null;
  /** The carrier's id for the number, when it was looked up. */
  carrierNumberId: string | null;
  checks: ReadinessCheck[];
}

/** Lookup of a phone's line type (Twilio Lookup v2 line_type_intelligence). */
export interface LineTypeResult {
  /** mobile, landline, fixedVoip, nonFixedVoip, tollFree, premium, pager, voicemail, … or null when unknown. */
  type: string | null;
}

/** A recording fetched with the account's credentials. */
export interface FetchedMedia {
  contentType: string;
  body: Buffer;
}

/** One account on one carrier: sending plus the account operations the dashboard uses. */
export interface CarrierAccount extends CarrierClient {
  /** Whether the credentials work; `rejected` when the carrier said no (not merely unreachable). */
  checkCredentials(): Promise<CredentialCheck>;
  /** The account's numbers; with `number`, only that one (if the account has it). */
  listNumbers(filter?: { number?: string }): Promise<CarrierNumber[]>;
  /**
   * One number of the account by the carrier's id, without its webhook URLs; null when the account
   * has no such number. For carriers where listNumbers needs more requests to find those URLs
   * (Telnyx: the TeXML Applications and messaging profiles), so an import does not list them twice.
   */
  findNumber?(carrierNumberId: string): Promise<Pick<CarrierNumber, 'id' | 'number' | 'name'> | null>;
  /** Points the number's webhooks at Textback. */
  configureNumber(carrierNumberId: string, targets: NumberWebhookTargets): Promise<void>;
  /** Texting readiness (Twilio: Messaging Service, A2P 10DLC campaign, toll-free verification, inbound routing). */
  checkTextingReadiness?(n: { number: string; carrierNumberId: string | null; messagingServiceId: string | null }): Promise<TextingReadinessReport>;
  /** Lets the messaging service hand inbound texts to the number's own webhook (where Textback listens). */
  useNumberInboundWebhook?(messagingServiceId: string): Promise<void>;
  /** The phone's line type (a paid lookup on most carriers). */
  lookupLineType?(phone: string): Promise<LineTypeResult>;
  /** Downloads a recording or MMS media the carrier keeps, authenticated as the account (media may require auth); refuses hosts that are not the carrier's. */
  fetchRecording?(url: string): Promise<FetchedMedia>;
}

/** The `code` of a CarrierApiError for a media URL that is not on the carrier's own host (never fetched). */
export const FOREIGN_MEDIA_HOST = 'foreign_media_host';

/** An account-API failure: `status` is the carrier's HTTP status when it answered. */
export class CarrierApiError extends Error {
  override name = 'CarrierApiError';
  constructor(message: string, readonly status?: number, readonly code?: string) {
    super(message);
  }
}

// ——— webhooks ———

/** A webhook request as received, before anything is trusted. */
export interface CarrierWebhookRequest {
  /** The absolute URL the carrier called, as the public world sees it (PUBLIC_URL + path + query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed form (or JSON) body; repeated keys may be arrays. */
  params: Record<string, unknown>;
  /** The query string's parameters. */
  query: Record<string, unknown>;
  /**
   * The body exactly as received, for carriers that sign the raw bytes (Telnyx: Ed25519 over
   * `timestamp|body`); re-serialising `params` would not reproduce them.
   */
  rawBody?: string;
  /** When the request arrived (epoch ms, the app's clock), for carriers whose signatures expire. */
  receivedAt?: number;
}

/** The webhook kinds a carrier sends; one route per kind under /webhooks/:carrier/…. */
export type WebhookKind =
  | 'incoming-call'
  | 'call-status'
  | 'dial-result'
  | 'screen'
  | 'screen-answer'
  | 'recording'
  | 'transcription'
  | 'incoming-text'
  | 'text-status';

export interface ParsedIncomingCall {
  carrierCallId: string;
  /** The caller as the carrier gave it (may be "anonymous"). */
  from: string;
  /** The number called (ours). */
  to: string;
  /** The line the call was forwarded from, when the carrier says (Twilio ForwardedFrom). */
  forwardedFrom?: string;
}

export interface ParsedCallStatus {
  carrierCallId: string;
  from: string;
  to: string;
  /** Neutral call status: queued, ringing, in-progress, completed, busy, failed, no-answer, canceled. */
  status: string;
}

export interface ParsedDialResult {
  /** The caller's (parent) call id. */
  carrierCallId: string;
  /** completed, answered, busy, no-answer, failed, canceled. */
  dialStatus: string;
  bridged: boolean | undefined;
}

/** The answering phone's leg during screening; `carrierCallId` is the caller's (parent) call. */
export interface ParsedScreenLeg {
  carrierCallId: string | undefined;
  digits: string;
}

export interface ParsedRecording {
  carrierCallId: string | undefined;
  url: string | null;
  recordingId: string;
  durationSeconds: number;
}

export interface ParsedTranscription {
  carrierCallId: string | undefined;
  text: string | null;
  completed: boolean;
}

export interface ParsedIncomingText {
  carrierMessageId: string | null;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  /**
   * Which opt-out/opt-in/help handling the carrier already applied and confirmed (Twilio's
   * `OptOutType`: STOP, START, HELP), so we record it without replying a second time.
   */
  carrierKeyword?: 'stop' | 'start' | 'help';
  /**
   * Set when the request is not an inbound text at all (Telnyx posts every messaging event of a
   * profile to its one webhook URL): once verified it is acknowledged and nothing is stored. Says what it was.
   */
  ignore?: string;
}

export interface ParsedTextStatus {
  carrierMessageId: string | null;
  status: string | null;
  errorCode: string | null;
}

/** What the carrier should get back: status, content type and body. */
export interface WebhookResponse {
  status: number;
  contentType?: string;
  body?: string;
}

/** What a carrier error code means to us. */
export interface CarrierErrorMeaning {
  /** A sentence an owner understands. */
  meaning: string;
  /** What it says about the contact: opted out, or this phone cannot take texts. */
  effect: 'opted_out' | 'not_textable' | null;
  /**
   * True when the carrier blocked the *sender* (unregistered 10DLC, unverified toll-free, spam
   * filtering): repeated, these pause text-back on the number until the owner fixes it.
   */
  blocksSender: boolean;
  /** True when one occurrence is only a strike against the contact, not a permanent verdict. */
  strike?: boolean;
}

/** One carrier: a folder under src/carriers/ exporting one of these. */
export interface CarrierAdapter {
  /** The name used in URLs (/webhooks/<name>/…), in the `carrier` column and in the API. */
  readonly name: string;
  /** A person-readable name (“Twilio”). */
  readonly displayName: string;
  /**
   * False for the sandbox: numbers are free-form. True when a number must belong to the connected
   * account (checked at create and import).
   */
  readonly numbersBelongToAccount: boolean;
  /** True when the carrier itself answers STOP/START/HELP (we then record, but do not reply). */
  readonly handlesKeywords: boolean;
  /** The API field that holds the secret, named in a 400 when the carrier rejects the credentials. */
  readonly secretField: string;

  /**
   * The body of `PUT /api/v1/carriers/<name>`: what `parseCredentials` validates with, and what the
   * OpenAPI document shows for this carrier (the sandbox has no account: an empty object).
   */
  readonly credentialsSchema: z.ZodObject;
  /** Validates the credentials body with `credentialsSchema` (throws a ZodError naming the field). */
  parseCredentials(body: unknown): CarrierCredentials;

  /** Checks the request's signature with the account's secret. */
  verifyWebhook(req: CarrierWebhookRequest, creds: CarrierCredentials): boolean;
  parseIncomingCall(req: CarrierWebhookRequest): ParsedIncomingCall | null;
  parseCallStatus(req: CarrierWebhookRequest): ParsedCallStatus | null;
  parseDialResult(req: CarrierWebhookRequest): ParsedDialResult;
  parseScreenLeg(req: CarrierWebhookRequest): ParsedScreenLeg;
  parseRecording(req: CarrierWebhookRequest): ParsedRecording;
  parseTranscription(req: CarrierWebhookRequest): ParsedTranscription;
  parseIncomingText(req: CarrierWebhookRequest): ParsedIncomingText;
  parseTextStatus(req: CarrierWebhookRequest): ParsedTextStatus;

  /** Renders what should happen on the call; `webhookBase` is PUBLIC_URL + /webhooks/<name>. */
  renderCallPlan(plan: CallPlan, webhookBase: string): WebhookResponse;
  /** The answer to a webhook that needs no call instructions (an inbound text, a status callback). */
  acknowledge(kind: WebhookKind): WebhookResponse;

  describeError(code: string | number | null | undefined): CarrierErrorMeaning;

  /** A client for one account (sending and account operations); `apiUrl` overrides the API host. */
  connect(creds: CarrierCredentials, options: ConnectOptions): CarrierAccount;
}
