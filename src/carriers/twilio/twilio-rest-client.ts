/**
 * Sending through the official `twilio` SDK, with the base URL taken from TWILIO_API_URL so the
 * same SDK code path runs against the real API and against the simulator in tests.
 */
import twilio from 'twilio';
import { CarrierSendError, type CarrierClient, type SendTextRequest, type SentText, type SentTextLookup } from '../carrier.js';

const TWILIO_API = 'https://api.twilio.com';

/** A RequestClient that sends `https://api.twilio.com/…` requests to `baseUrl` instead. */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string, timeoutMs: number) {
    super({ timeout: timeoutMs, keepAlive: true });
  }

  // `any` mirrors the SDK's own generic signature, which a narrower type cannot override.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override request<TData>(opts: any): Promise<any> {
    const uri = String(opts.uri);
    const rewritten = uri.startsWith(TWILIO_API) ? this.baseUrl + uri.slice(TWILIO_API.length) : uri;
    return super.request<TData>({ ...opts, uri: rewritten });
  }
}

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/** Builds an SDK client for one Twilio account. */
export function createTwilioSdk(creds: TwilioCredentials, apiUrl: string, timeoutMs = 15_000): twilio.Twilio {
  const httpClient = apiUrl === TWILIO_API ? new twilio.RequestClient({ timeout: timeoutMs, keepAlive: true }) : new BaseUrlRequestClient(apiUrl, timeoutMs);
  return twilio(creds.accountSid, creds.authToken, { httpClient });
}

/** Network failures where the request may or may not have reached Twilio. */
const AMBIGUOUS_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
/** Network failures where the request certainly did not reach Twilio. */
const UNSENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Turns whatever the SDK threw into a classified CarrierSendError. */
export function classifyTwilioError(err: unknown): CarrierSendError {
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

/** The carrier port on Twilio. */
export class TwilioCarrierClient implements CarrierClient {
  private readonly sdk: twilio.Twilio;

  constructor(creds: TwilioCredentials, apiUrl: string) {
    this.sdk = createTwilioSdk(creds, apiUrl);
  }

  async sendText(req: SendTextRequest): Promise<SentText> {
    try {
      const msg = await this.sdk.messages.create({
        from: req.from,
        to: req.to,
        body: req.body,
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
}

/** Compares bodies ignoring punctuation and spacing, which smart encoding may have rewritten. */
function sameText(a: string | null | undefined, b: string): boolean {
  const squash = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
  return squash(a ?? '') === squash(b);
}
