/**
 * The SignalWire account client over its Compatibility (LaML) REST API, a Twilio-shaped API under
 * `https://<space>.signalwire.com/api/laml/2010-04-01/Accounts/<project id>/…` with HTTP Basic auth
 * (project id : API token). Sources: developer.signalwire.com/compatibility-api (Messages,
 * IncomingPhoneNumbers). A small client over fetch rather than @signalwire/compatibility-api, a
 * fork of twilio-node 3.x: five endpoints do not justify its dependency tree.
 */
import { classifyFetchFailure } from '../fetch-send-failure.js';
import { retryAfterMs } from '../retry-after.js';
import {
  CarrierApiError,
  FOREIGN_MEDIA_HOST,
  CarrierSendError,
  CREDENTIALS_REJECTED,
  type CarrierAccount,
  type CarrierNumber,
  type CredentialCheck,
  type FetchedMedia,
  type NumberWebhookTargets,
  type SendTextRequest,
  type SentText,
  type SentTextLookup,
} from '../carrier.js';

export interface SignalWireCredentials {
  projectId: string;
  apiToken: string;
  /** The space's host, e.g. `acme.signalwire.com`. */
  spaceHost: string;
}

interface LamlError {
  code?: number | string;
  message?: string;
  status?: number;
}

interface LamlMessage {
  sid: string;
  status: string;
  body: string | null;
  num_segments?: string | number | null;
  date_created?: string | null;
}

interface LamlNumber {
  sid: string;
  phone_number: string;
  friendly_name: string | null;
  voice_url: string | null;
  sms_url: string | null;
}

class LamlHttpError extends Error {
  constructor(readonly status: number, readonly body: LamlError, readonly retryAfterMs: number | undefined) {
    super(body.message ?? `SignalWire HTTP ${status}`);
  }
}

/** Turns a failed request into a classified CarrierSendError. */
export function classifySignalWireError(err: unknown): CarrierSendError {
  if (err instanceof LamlHttpError) {
    const code = err.body.code !== undefined ? String(err.body.code) : undefined;
    if (err.status === 429) return new CarrierSendError('retryable', err.message, code ?? '429', err.retryAfterMs);
    if (err.status === 401 || err.status === 403) {
      // Revoked or rotated token: nothing the recipient did; retrying helps once the owner fixes it.
      // The neutral code CREDENTIALS_REJECTED lets the dashboard raise a banner while texts wait.
      return new CarrierSendError('retryable', 'SignalWire rejected the project id and API token (update them under Phone numbers → Connect SignalWire)', CREDENTIALS_REJECTED, 15 * 60_000);
    }
    // Unlike Twilio, SignalWire does not document that a 5xx means nothing was created: reconcile first.
    if (err.status >= 500) return new CarrierSendError('unknown', err.message, code);
    return new CarrierSendError('permanent', err.message, code);
  }
  return classifyFetchFailure(err, 'SignalWire');
}

/** One SignalWire project: the carrier port's sending and account operations. */
export class SignalWireAccount implements CarrierAccount {
  private readonly base: string;
  private readonly auth: string;
  private readonly spaceOrigin: string;
  private readonly apiOrigin: string;

  /** `apiUrl` replaces `https://<space>` (tests point it at a simulator). */
  constructor(readonly creds: SignalWireCredentials, apiUrl: string | undefined, private readonly timeoutMs = 15_000) {
    const origin = apiUrl ?? `https://${creds.spaceHost}`;
    this.spaceOrigin = `https://${creds.spaceHost}`;
    this.apiOrigin = origin;
    this.base = `${origin}/api/laml/2010-04-01/Accounts/${encodeURIComponent(creds.projectId)}`;
    this.auth = `Basic ${Buffer.from(`${creds.projectId}:${creds.apiToken}`).toString('base64')}`;
  }

  private async request<T>(method: 'GET' | 'POST', path: string, form?: URLSearchParams): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: this.auth,
        accept: 'application/json',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form?.toString(),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the status */
    }
    if (!res.ok) throw new LamlHttpError(res.status, (json ?? {}) as LamlError, retryAfterMs(res.headers.get('retry-after')));
    return json as T;
  }

  async sendText(req: SendTextRequest): Promise<SentText> {
    const form = new URLSearchParams({ From: req.from, To: req.to, Body: req.body });
    for (const url of req.mediaUrls ?? []) form.append('MediaUrl', url);
    if (req.statusCallbackUrl) form.set('StatusCallback', req.statusCallbackUrl);
    // Messaging services and ValidityPeriod are Twilio features the LaML Messages API does not document.
    try {
      const msg = await this.request<LamlMessage>('POST', '/Messages.json', form);
      return { carrierMessageId: msg.sid, status: msg.status, segments: Number(msg.num_segments) || undefined };
    } catch (err) {
      throw classifySignalWireError(err);
    }
  }

  async findSentText(q: SentTextLookup): Promise<SentText | null> {
    const query = new URLSearchParams({ To: q.to, From: q.from, PageSize: '50' });
    try {
      const page = await this.request<{ messages?: LamlMessage[] }>('GET', `/Messages.json?${query}`);
      const skewMs = 5 * 60_000;
      const match = (page.messages ?? []).find((m) => {
        const created = m.date_created ? Date.parse(m.date_created) : NaN;
        return sameText(m.body, q.body) && (Number.isFinite(created) ? created >= q.after - skewMs : true);
      });
      return match ? { carrierMessageId: match.sid, status: match.status, segments: Number(match.num_segments) || undefined } : null;
    } catch (err) {
      throw classifySignalWireError(err);
    }
  }

  async checkCredentials(): Promise<CredentialCheck> {
    try {
      await this.request('GET', '/IncomingPhoneNumbers.json?PageSize=1');
      return { ok: true };
    } catch (err) {
      const status = err instanceof LamlHttpError ? err.status : undefined;
      const rejected = status === 401 || status === 403 || status === 404;
      return {
        ok: false,
        rejected,
        message: rejected ? 'SignalWire rejected this project id and API token for this space' : (err as Error).message,
      };
    }
  }

  async listNumbers(): Promise<CarrierNumber[]> {
    const out: CarrierNumber[] = [];
    let path: string | null = '/IncomingPhoneNumbers.json?PageSize=500';
    try {
      // Follows next_page_uri (a path from the API root) for accounts with many numbers; 10 pages at most.
      for (let page = 0; path && page < 10; page++) {
        const res: { incoming_phone_numbers?: LamlNumber[]; next_page_uri?: string | null } = await this.request('GET', path);
        for (const n of res.incoming_phone_numbers ?? []) {
          out.push({ id: n.sid, number: n.phone_number, name: n.friendly_name ?? '', voiceUrl: n.voice_url || null, smsUrl: n.sms_url || null });
        }
        const next = res.next_page_uri;
        const prefix = `/api/laml/2010-04-01/Accounts/${this.creds.projectId}`;
        path = next && next.startsWith(prefix) ? next.slice(prefix.length) : null;
      }
    } catch (err) {
      throw apiError(err);
    }
    return out;
  }

  /**
   * A voicemail recording, fetched with the project's credentials. Only the space's own host (or the
   * SIGNALWIRE_API_URL stand-in) is ever fetched: the URL came from a webhook, and the credentials
   * must not be sent anywhere else.
   */
  async fetchRecording(url: string): Promise<FetchedMedia> {
    const target = url.startsWith(`${this.spaceOrigin}/`) ? `${this.apiOrigin}${url.slice(this.spaceOrigin.length)}` : url;
    if (!target.startsWith(`${this.apiOrigin}/`)) throw new CarrierApiError('The recording is not stored in this SignalWire space', undefined, FOREIGN_MEDIA_HOST);
    const res = await fetch(target, { headers: { authorization: this.auth }, signal: AbortSignal.timeout(20_000) }).catch((err: unknown) => {
      throw new CarrierApiError(`Could not reach SignalWire (${(err as Error).message})`);
    });
    if (!res.ok) throw new CarrierApiError(`SignalWire answered HTTP ${res.status} for the recording`, res.status);
    return { contentType: res.headers.get('content-type') ?? 'audio/wav', body: Buffer.from(await res.arrayBuffer()) };
  }

  async configureNumber(carrierNumberId: string, targets: NumberWebhookTargets): Promise<void> {
    const form = new URLSearchParams({
      VoiceUrl: targets.voiceUrl,
      VoiceMethod: 'POST',
      StatusCallback: targets.voiceStatusUrl,
      StatusCallbackMethod: 'POST',
      SmsUrl: targets.smsUrl,
      SmsMethod: 'POST',
    });
    try {
      await this.request('POST', `/IncomingPhoneNumbers/${encodeURIComponent(carrierNumberId)}.json`, form);
    } catch (err) {
      throw apiError(err);
    }
  }
}

function apiError(err: unknown): CarrierApiError {
  if (err instanceof LamlHttpError) return new CarrierApiError(err.message, err.status, err.body.code !== undefined ? String(err.body.code) : undefined);
  return new CarrierApiError((err as Error)?.message ?? String(err));
}

/** Compares bodies ignoring punctuation and spacing. */
function sameText(a: string | null | undefined, b: string): boolean {
  const squash = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
  return squash(a ?? '') === squash(b);
}
