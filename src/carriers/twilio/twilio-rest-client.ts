/**
 * The Twilio account client: sending and account operations through the official `twilio` SDK,
 * with every Twilio host (api, messaging, lookups…) replaced by TWILIO_API_URL when it is set, so
 * the same SDK code path runs against the real API and against the simulator in tests.
 */
import { CONNECTION_NEVER_OPENED } from '../fetch-send-failure.js';
import { retryAfterMs } from '../retry-after.js';
import twilio from 'twilio';
import { guardedFetch } from '../../security/guarded-fetch.js';
import { twilioFallbackUrl } from './twilio-fallback.js';
import { REQUEST_NOT_SENT, TwilioHttpTransport, type SdkHttpClient, type SdkHttpRequest, type SdkHttpResponse } from './twilio-http-transport.js';
import { checkTwilioTextingReadiness } from './twilio-readiness.js';
import {
  CarrierApiError,
  FOREIGN_MEDIA_HOST,
  CarrierSendError,
  type CarrierAccount,
  type CarrierNumber,
  type CredentialCheck,
  type FetchedMedia,
  type LineTypeResult,
  type TextingReadinessReport,
  type NumberWebhookTargets,
  type SendTextRequest,
  type SentText,
  type SentTextLookup,
} from '../carrier.js';

export const TWILIO_API = 'https://api.twilio.com';
/** Any Twilio REST host: api.twilio.com, messaging.twilio.com, lookups.twilio.com, … */
const TWILIO_HOST = /^https:\/\/[a-z0-9.-]+\.twilio\.com(?=\/|$)/i;

/** Redirects a media URL may take (Twilio → its storage is one). */
const MAX_MEDIA_REDIRECTS = 3;

/** Twilio's media storage (S3) and any other host a redirect names: public addresses only, never followed further unchecked. */
const mediaStorageFetch = guardedFetch({ allowPrivate: false, unreachableMessage: "the carrier's media storage could not be reached", timeoutMs: 20_000 });

/** Same path, host replaced: `https://messaging.twilio.com/v1/Services` → `{baseUrl}/v1/Services`. */
export function rewriteTwilioUrl(uri: string, baseUrl: string): string {
  return uri.replace(TWILIO_HOST, baseUrl);
}

/** Twilio answered 429 and said how long to wait (Retry-After, seconds or an HTTP date). */
export class TwilioRateLimited extends Error {
  override name = 'TwilioRateLimited';
  readonly status = 429;
  constructor(readonly code: string | undefined, message: string, readonly retryAfterMs: number) {
    super(message);
  }
}


/**
 * The SDK's HTTP client, plus: every `https://*.twilio.com/…` request goes to `baseUrl` when one
 * is set, and a 429 keeps its Retry-After (the SDK's own error drops response headers).
 */
class TextbackRequestClient implements SdkHttpClient {
  constructor(private readonly transport: SdkHttpClient, private readonly baseUrl: string | null) {}

  async request(opts: SdkHttpRequest): Promise<SdkHttpResponse> {
    const uri = this.baseUrl ? rewriteTwilioUrl(String(opts.uri), this.baseUrl) : opts.uri;
    const res = await this.transport.request({ ...opts, uri });
    if (res?.statusCode === 429) {
      const wait = retryAfterMs(res.headers?.['retry-after'] ?? res.headers?.['Retry-After']);
      if (wait !== undefined) {
        let body: { code?: number | string; message?: string } = {};
        try {
          body = typeof res.body === 'string' ? JSON.parse(res.body) : (res.body ?? {});
        } catch {
          /* not JSON: keep the generic message */
        }
        throw new TwilioRateLimited(body.code !== undefined ? String(body.code) : undefined, body.message ?? 'Too many requests', wait);
      }
    }
    return res;
  }
}

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/**
 * The HTTP client under the SDK: our lean transport, except behind an HTTP_PROXY. The SDK's own
 * client sends its Twilio requests through the proxy HTTP_PROXY names (and only that variable); a
 * deployment that relies on it keeps exactly that client, axios and all.
 */
function sdkTransport(timeoutMs: number, maxInFlight: number | undefined): SdkHttpClient {
  if (process.env.HTTP_PROXY) return new twilio.RequestClient({ timeout: timeoutMs, keepAlive: true, maxSockets: maxInFlight });
  return new TwilioHttpTransport(timeoutMs, maxInFlight);
}

/**
 * Builds an SDK client for one Twilio account, with `maxInFlight` requests at once (connections to
 * Twilio's host; unset, the SDK's 20).
 */
export function createTwilioSdk(creds: TwilioCredentials, apiUrl: string, timeoutMs = 15_000, maxInFlight?: number): twilio.Twilio {
  const httpClient = new TextbackRequestClient(sdkTransport(timeoutMs, maxInFlight), apiUrl === TWILIO_API ? null : apiUrl);
  // The option is typed as the SDK's RequestClient class, whose private member makes the type
  // nominal; the SDK only ever calls `request` on it (BaseTwilio.request), the contract filled here.
  return twilio(creds.accountSid, creds.authToken, { httpClient: httpClient as unknown as twilio.RequestClient });
}

/** Network failures where the request may or may not have reached Twilio. */
const AMBIGUOUS_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
/** Network failures where the request certainly did not reach Twilio (REQUEST_NOT_SENT: our transport's deadline passed before it was written). */
const UNSENT_NETWORK_CODES = new Set<string>([...CONNECTION_NEVER_OPENED, REQUEST_NOT_SENT]);

/** Turns whatever the SDK threw into a classified CarrierSendError. */
export function classifyTwilioError(err: unknown): CarrierSendError {
  if (err instanceof TwilioRateLimited) return new CarrierSendError('retryable', err.message, err.code ?? '20429', err.retryAfterMs);
  const e = err as { status?: number; code?: number | string; message?: string };
  if (typeof e?.status === 'number') {
    const code = e.code !== undefined ? String(e.code) : undefined;
    if (e.status === 429) return new CarrierSendError('retryable', e.message ?? 'Too many requests', code ?? '20429');
    // Twilio answers 5xx before it creates a message; retrying is safe.
    if (e.status >= 500) return new CarrierSendError('retryable', e.message ?? `Twilio HTTP ${e.status}`, code);
    return new CarrierSendError('permanent', e.message ?? `Twilio HTTP ${e.status}`, code);
  }
  const netCode = typeof e?.code === 'string' ? e.code : undefined;
  if (netCode && UNSENT_NETWORK_CODES.has(netCode)) {
    return new CarrierSendError('retryable', `Could not reach Twilio (${netCode})`);
  }
  if ((netCode && AMBIGUOUS_NETWORK_CODES.has(netCode)) || /socket hang up|timeout|aborted/i.test(e?.message ?? '')) {
    return new CarrierSendError('unknown', `Lost the answer from Twilio (${netCode ?? e?.message ?? 'network error'})`);
  }
  return new CarrierSendError('unknown', e?.message ?? String(err));
}

/** One Twilio account: the carrier port's sending and account operations. */
export class TwilioAccount implements CarrierAccount {
  readonly sdk: twilio.Twilio;

  constructor(readonly creds: TwilioCredentials, readonly apiUrl: string, timeoutMs = 15_000, maxInFlight?: number) {
    this.sdk = createTwilioSdk(creds, apiUrl, timeoutMs, maxInFlight);
  }

  async sendText(req: SendTextRequest): Promise<SentText> {
    try {
      const msg = await this.sdk.messages.create({
        from: req.from,
        to: req.to,
        body: req.body,
        ...(req.messagingServiceId ? { messagingServiceSid: req.messagingServiceId } : {}),
        ...(req.validitySeconds ? { validityPeriod: req.validitySeconds } : {}),
        ...(req.mediaUrls?.length ? { mediaUrl: req.mediaUrls } : {}),
        ...(req.statusCallbackUrl ? { statusCallback: req.statusCallbackUrl } : {}),
        // Swaps look-alike Unicode (curly quotes) for GSM characters: half the segments, same text.
        smartEncoded: true,
      });
      return { carrierMessageId: msg.sid, status: msg.status, segments: Number(msg.numSegments) || undefined };
    } catch (err) {
      throw classifyTwilioError(err);
    }
  }

  async findSentText(q: SentTextLookup): Promise<SentText | null> {
    try {
      // No date filter: Twilio filters on DateSent, which a still-queued message does not have yet.
      const recent = await this.sdk.messages.list({ to: q.to, from: q.from, limit: 50 });
      const skewMs = 5 * 60_000;
      const match = recent.find(
        (m) => sameText(m.body, q.body) && (m.dateCreated ? m.dateCreated.getTime() >= q.after - skewMs : true),
      );
      return match ? { carrierMessageId: match.sid, status: match.status, segments: Number(match.numSegments) || undefined } : null;
    } catch (err) {
      throw classifyTwilioError(err);
    }
  }

  async checkCredentials(): Promise<CredentialCheck> {
    try {
      await this.sdk.api.v2010.accounts(this.creds.accountSid).fetch();
      return { ok: true };
    } catch (err) {
      const status = (err as { status?: number }).status;
      const rejected = status === 401 || status === 403 || status === 404;
      return { ok: false, rejected, message: rejected ? 'Twilio rejected this Account SID and auth token' : (err as Error).message };
    }
  }

  async listNumbers(filter: { number?: string } = {}): Promise<CarrierNumber[]> {
    const query = filter.number ? { phoneNumber: filter.number, limit: 20 } : { limit: 500 };
    const numbers = await this.sdk.incomingPhoneNumbers.list(query).catch((err: unknown) => {
      throw apiError(err);
    });
    return numbers.map((n) => ({
      id: n.sid,
      number: n.phoneNumber,
      name: n.friendlyName ?? '',
      voiceUrl: n.voiceUrl || null,
      smsUrl: n.smsUrl || null,
    }));
  }

  async configureNumber(carrierNumberId: string, targets: NumberWebhookTargets): Promise<void> {
    await this.sdk
      .incomingPhoneNumbers(carrierNumberId)
      .update({
        voiceUrl: targets.voiceUrl,
        voiceMethod: 'POST',
        statusCallback: targets.voiceStatusUrl,
        statusCallbackMethod: 'POST',
        smsUrl: targets.smsUrl,
        smsMethod: 'POST',
        ...(targets.fallbackRing
          ? { voiceFallbackUrl: twilioFallbackUrl(targets.fallbackRing.phones, targets.fallbackRing.timeoutSeconds) ?? '', voiceFallbackMethod: 'GET' as const }
          : {}),
      })
      .catch((err: unknown) => {
        throw apiError(err);
      });
  }

  async checkTextingReadiness(n: { number: string; carrierNumberId: string | null; messagingServiceId: string | null }): Promise<TextingReadinessReport> {
    return checkTwilioTextingReadiness(this.sdk, n).catch((err: unknown) => {
      throw apiError(err);
    });
  }

  async useNumberInboundWebhook(messagingServiceId: string): Promise<void> {
    await this.sdk.messaging.v1
      .services(messagingServiceId)
      .update({ useInboundWebhookOnNumber: true })
      .catch((err: unknown) => {
        throw apiError(err);
      });
  }

  async lookupLineType(phone: string): Promise<LineTypeResult> {
    const res = await this.sdk.lookups.v2
      .phoneNumbers(phone)
      .fetch({ fields: 'line_type_intelligence' })
      .catch((err: unknown) => {
        throw apiError(err);
      });
    const info = res.lineTypeIntelligence as { type?: string | null; error_code?: number | null } | null;
    return { type: info?.type ?? null };
  }

  /**
   * Recordings are fetched with the account's Basic credentials, so accounts that enforce HTTP auth
   * on media work. Only Twilio hosts (or the TWILIO_API_URL stand-in) are ever fetched: the URL came
   * from a webhook, and the account's credentials must not be sent anywhere else.
   */
  async fetchRecording(url: string): Promise<FetchedMedia> {
    if (!this.isTwilioUrl(url)) throw new CarrierApiError('The recording is not stored at Twilio', undefined, FOREIGN_MEDIA_HOST);
    const auth = Buffer.from(`${this.creds.accountSid}:${this.creds.authToken}`).toString('base64');
    const signal = AbortSignal.timeout(20_000);
    // Twilio answers a media URL with a redirect to its storage (S3). Redirects are followed one hop at
    // a time: a hop to Twilio keeps the credentials; any other hop goes without them, through the SSRF
    // guard (public addresses only, pinned DNS), so a redirect can never reach a private address.
    let next = url;
    for (let hop = 0; hop <= MAX_MEDIA_REDIRECTS; hop++) {
      const atTwilio = this.isTwilioUrl(next);
      const target = atTwilio && this.apiUrl !== TWILIO_API ? rewriteTwilioUrl(next, this.apiUrl) : next;
      const res = await (atTwilio ? fetch : mediaStorageFetch)(target, {
        headers: atTwilio ? { authorization: `Basic ${auth}` } : {},
        redirect: 'manual',
        signal,
      }).catch((err: unknown) => {
        throw new CarrierApiError(atTwilio ? `Could not reach Twilio (${(err as Error).message})` : (err as Error).message);
      });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        next = new URL(location, target).href;
        continue;
      }
      if (!res.ok) throw new CarrierApiError(`Twilio answered HTTP ${res.status} for the recording`, res.status);
      return { contentType: res.headers.get('content-type') ?? 'audio/mpeg', body: Buffer.from(await res.arrayBuffer()) };
    }
    throw new CarrierApiError(`Twilio redirected the recording more than ${MAX_MEDIA_REDIRECTS} times`);
  }

  /** A URL at Twilio (or at the TWILIO_API_URL stand-in), where the account's credentials may go. */
  private isTwilioUrl(url: string): boolean {
    return TWILIO_HOST.test(url) || (this.apiUrl !== TWILIO_API && url.startsWith(`${this.apiUrl}/`));
  }
}

/** An account-API failure in neutral terms. */
export function apiError(err: unknown): CarrierApiError {
  const e = err as { status?: number; code?: number | string; message?: string };
  return new CarrierApiError(e?.message ?? String(err), typeof e?.status === 'number' ? e.status : undefined, e?.code !== undefined ? String(e.code) : undefined);
}

/** Compares bodies ignoring punctuation and spacing, which smart encoding may have rewritten. */
function sameText(a: string | null | undefined, b: string): boolean {
  const squash = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
  return squash(a ?? '') === squash(b);
}
