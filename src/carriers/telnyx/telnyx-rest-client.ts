/**
 * The Telnyx account client over its v2 REST API (`https://api.telnyx.com/v2/…`, `Authorization:
 * Bearer <API key>`, JSON both ways, errors as `{errors: [{code, title, detail}]}`). Sources:
 * developers.telnyx.com/api-reference (messages, phone-number-configurations, number-settings,
 * messaging-profiles, texml-applications, detail records) and …/development/api-fundamentals
 * (api-errors, idempotency).
 *
 * A small client over fetch rather than the `telnyx` npm package: ten endpoints, no dependency for
 * the lead to install, and the package's own webhook helper would not see our raw body anyway.
 *
 * How Telnyx routes a number (unlike Twilio, not per number): calls go to the number's *connection*
 * — here a TeXML Application whose `voice_url` and `status_callback` are Textback's — and texts to
 * the number's *messaging profile*, whose `webhook_url` receives every messaging event. Importing a
 * number therefore finds (or creates) one TeXML Application and one messaging profile named
 * "Textback" for this Textback's URLs and assigns the number to both.
 */
import { classifyFetchFailure } from '../fetch-send-failure.js';
import { retryAfterMs } from '../retry-after.js';
import { createHash } from 'node:crypto';
import {
  CarrierApiError,
  CarrierSendError,
  CREDENTIALS_REJECTED,
  type CarrierAccount,
  type CarrierNumber,
  type CredentialCheck,
  type NumberWebhookTargets,
  type SendTextRequest,
  type SentText,
  type SentTextLookup,
} from '../carrier.js';

/** The name of the TeXML Application and messaging profile Textback creates on the account. */
export const TELNYX_APP_NAME = 'Textback';

/**
 * How long after a send attempt a missing message detail record still means "not known yet" rather
 * than "never sent". Telnyx does not document how soon a record appears; until then the text is
 * neither re-sent nor given up (the send job retries later).
 */
export const MDR_SETTLE_MS = 10 * 60_000;

interface TelnyxErrorBody {
  errors?: Array<{ code?: string | number; title?: string; detail?: string }>;
}

interface TelnyxPhoneNumber {
  id: string;
  phone_number: string;
  connection_id?: string | null;
  messaging_profile_id?: string | null;
  tags?: string[];
}

interface TelnyxTexmlApp {
  id: string;
  friendly_name?: string;
  voice_url?: string | null;
  status_callback?: string | null;
}

interface TelnyxMessagingProfile {
  id: string;
  name?: string;
  webhook_url?: string | null;
}

interface TelnyxMessage {
  id: string;
  to?: Array<{ status?: string }>;
  parts?: number;
}

interface TelnyxDetailRecord {
  id?: string;
  uuid?: string;
  cli?: string;
  cld?: string;
  created_at?: string;
  status?: string;
  parts?: number;
  direction?: string;
}

class TelnyxHttpError extends Error {
  constructor(readonly status: number, readonly body: TelnyxErrorBody, readonly retryAfterMs: number | undefined) {
    const e = body.errors?.[0];
    super(e?.detail ?? e?.title ?? `Telnyx HTTP ${status}`);
  }

  get code(): string | undefined {
    const c = this.body.errors?.[0]?.code;
    return c === undefined ? undefined : String(c);
  }
}

const REJECTED_MESSAGE = 'Telnyx rejected the API key (update it under Phone numbers → Connect Telnyx)';

/** Turns a failed request into a classified CarrierSendError. */
export function classifyTelnyxError(err: unknown): CarrierSendError {
  if (err instanceof TelnyxHttpError) {
    if (err.status === 429) return new CarrierSendError('retryable', err.message, err.code ?? '10011', err.retryAfterMs);
    if (err.status === 401 || err.status === 403) {
      // A deleted or rotated API key: nothing the recipient did; retrying helps once the owner fixes it.
      return new CarrierSendError('retryable', REJECTED_MESSAGE, CREDENTIALS_REJECTED, 15 * 60_000);
    }
    // Telnyx does not document that a 5xx created nothing: reconcile (message detail records) first.
    if (err.status >= 500) return new CarrierSendError('unknown', err.message, err.code);
    return new CarrierSendError('permanent', err.message, err.code);
  }
  return classifyFetchFailure(err, 'Telnyx');
}

function apiError(err: unknown): CarrierApiError {
  if (err instanceof TelnyxHttpError) return new CarrierApiError(err.message, err.status, err.code);
  return new CarrierApiError((err as Error)?.message ?? String(err));
}

/** One Telnyx account (one API key): the carrier port's sending and account operations. */
export class TelnyxAccount implements CarrierAccount {
  private readonly base: string;
  /** Message detail records appear late (findSentText). */
  readonly sentTextListedWithinMs = MDR_SETTLE_MS;

  /** `apiUrl` replaces https://api.telnyx.com (tests point it at a simulator). */
  constructor(private readonly apiKey: string, apiUrl: string | undefined, private readonly timeoutMs = 15_000) {
    this.base = `${(apiUrl ?? 'https://api.telnyx.com').replace(/\/+$/, '')}/v2`;
  }

  private async request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the status */
    }
    if (!res.ok) throw new TelnyxHttpError(res.status, (json ?? {}) as TelnyxErrorBody, retryAfterMs(res.headers.get('retry-after')));
    return json as T;
  }

  async sendText(req: SendTextRequest): Promise<SentText> {
    // Serialised once so a retry of the same text sends the same bytes: the Idempotency-Key is their
    // hash (Telnyx replays a successful answer for a repeated key and identical body for 24 hours).
    // Messaging services and validity periods are Twilio features with no Telnyx field used here.
    const body = JSON.stringify({
      from: req.from,
      to: req.to,
      text: req.body,
      ...(req.mediaUrls?.length ? { media_urls: req.mediaUrls } : {}),
      ...(req.statusCallbackUrl ? { webhook_url: req.statusCallbackUrl } : {}),
    });
    const key = `textback-${createHash('sha256').update(body).digest('hex').slice(0, 48)}`;
    try {
      const res = await this.request<{ data: TelnyxMessage }>('POST', '/messages', body, { 'idempotency-key': key });
      return { carrierMessageId: res.data.id, status: res.data.to?.[0]?.status ?? 'queued', segments: res.data.parts || undefined };
    } catch (err) {
      throw classifyTelnyxError(err);
    }
  }

  /**
   * Telnyx has no list of sent messages; the documented search is message detail records
   * (`GET /v2/detail_records?filter[record_type]=messaging`), which carry sender, recipient and
   * time, not the body. A record from this sender to this recipient since the attempt is the text.
   * Records appear late: the send protocol takes none for "not sent" only MDR_SETTLE_MS after the
   * attempt (sentTextListedWithinMs).
   */
  async findSentText(q: SentTextLookup): Promise<SentText | null> {
    const skewMs = 60_000;
    const query = new URLSearchParams({
      'filter[record_type]': 'messaging',
      'filter[cli]': q.from,
      'filter[cld]': q.to,
      'filter[created_at][gte]': new Date(q.after - skewMs).toISOString(),
      'page[size]': '50',
    });
    let records: TelnyxDetailRecord[];
    try {
      records = (await this.request<{ data?: TelnyxDetailRecord[] }>('GET', `/detail_records?${query}`)).data ?? [];
    } catch (err) {
      throw classifyTelnyxError(err);
    }
    const match = records
      .filter((r) => r.direction !== 'inbound' && r.cli === q.from && r.cld === q.to && (r.id ?? r.uuid))
      .sort((a, b) => Date.parse(a.created_at ?? '') - Date.parse(b.created_at ?? ''))[0];
    return match ? { carrierMessageId: (match.id ?? match.uuid)!, status: match.status ?? 'sent', segments: match.parts || undefined } : null;
  }

  async checkCredentials(): Promise<CredentialCheck> {
    try {
      await this.request('GET', '/phone_numbers?page[size]=1');
      return { ok: true };
    } catch (err) {
      const status = err instanceof TelnyxHttpError ? err.status : undefined;
      const rejected = status === 401 || status === 403;
      return { ok: false, rejected, message: rejected ? 'Telnyx rejected this API key' : (err as Error).message };
    }
  }

  private async listAll<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    // page[number] from 1 until meta.total_pages; 10 pages of 250 at most.
    for (let page = 1; page <= 10; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await this.request<{ data?: T[]; meta?: { total_pages?: number } }>('GET', `${path}${sep}page[number]=${page}&page[size]=250`);
      out.push(...(res.data ?? []));
      if (!res.meta?.total_pages || page >= res.meta.total_pages) break;
    }
    return out;
  }

  async listNumbers(filter: { number?: string } = {}): Promise<CarrierNumber[]> {
    try {
      const path = filter.number ? `/phone_numbers?filter[phone_number]=${encodeURIComponent(filter.number)}` : '/phone_numbers';
      const [numbers, apps, profiles] = await Promise.all([
        this.listAll<TelnyxPhoneNumber>(path),
        this.listAll<TelnyxTexmlApp>('/texml_applications'),
        this.listAll<TelnyxMessagingProfile>('/messaging_profiles'),
      ]);
      const voice = new Map(apps.map((a) => [a.id, a.voice_url || null]));
      const sms = new Map(profiles.map((p) => [p.id, p.webhook_url || null]));
      return numbers
        .filter((n) => !filter.number || n.phone_number === filter.number)
        .map((n) => ({
          id: n.id,
          number: n.phone_number,
          name: n.tags?.[0] ?? '',
          // The URLs of the TeXML Application and messaging profile the number is assigned to.
          voiceUrl: (n.connection_id && voice.get(n.connection_id)) || null,
          smsUrl: (n.messaging_profile_id && sms.get(n.messaging_profile_id)) || null,
        }));
    } catch (err) {
      throw apiError(err);
    }
  }

  /** GET /v2/phone_numbers/{id}: the import's lookup (a 404 is "not on this account"). */
  async findNumber(carrierNumberId: string): Promise<Pick<CarrierNumber, 'id' | 'number' | 'name'> | null> {
    try {
      const res = await this.request<{ data?: TelnyxPhoneNumber }>('GET', `/phone_numbers/${encodeURIComponent(carrierNumberId)}`);
      return res.data ? { id: res.data.id, number: res.data.phone_number, name: res.data.tags?.[0] ?? '' } : null;
    } catch (err) {
      if (err instanceof TelnyxHttpError && err.status === 404) return null;
      throw apiError(err);
    }
  }

  /**
   * Assigns the number to Textback's TeXML Application (calls) and messaging profile (texts), made
   * for these URLs if the account has none yet. `fallbackRing` is not built for Telnyx.
   */
  async configureNumber(carrierNumberId: string, targets: NumberWebhookTargets): Promise<void> {
    try {
      const app = await this.texmlApplication(targets);
      const profile = await this.messagingProfile(targets.smsUrl);
      const id = encodeURIComponent(carrierNumberId);
      await this.request('PATCH', `/phone_numbers/${id}`, { connection_id: app.id });
      await this.request('PATCH', `/phone_numbers/${id}/messaging`, { messaging_profile_id: profile.id });
    } catch (err) {
      throw apiError(err);
    }
  }

  private async texmlApplication(targets: NumberWebhookTargets): Promise<TelnyxTexmlApp> {
    const settings = { voice_url: targets.voiceUrl, voice_method: 'post', status_callback: targets.voiceStatusUrl, status_callback_method: 'post' };
    const existing = (await this.listAll<TelnyxTexmlApp>('/texml_applications')).find((a) => a.friendly_name === TELNYX_APP_NAME && a.voice_url === targets.voiceUrl);
    if (existing) {
      if (existing.status_callback !== targets.voiceStatusUrl) await this.request('PATCH', `/texml_applications/${encodeURIComponent(existing.id)}`, settings);
      return existing;
    }
    return (await this.request<{ data: TelnyxTexmlApp }>('POST', '/texml_applications', { friendly_name: TELNYX_APP_NAME, ...settings })).data;
  }

  private async messagingProfile(webhookUrl: string): Promise<TelnyxMessagingProfile> {
    const existing = (await this.listAll<TelnyxMessagingProfile>('/messaging_profiles')).find((p) => p.name === TELNYX_APP_NAME && p.webhook_url === webhookUrl);
    if (existing) return existing;
    const created = await this.request<{ data: TelnyxMessagingProfile }>('POST', '/messaging_profiles', {
      name: TELNYX_APP_NAME,
      webhook_url: webhookUrl,
      webhook_api_version: '2',
      // Required when creating a profile: the countries its numbers may text (ISO alpha-2).
      whitelisted_destinations: ['US', 'CA'],
    });
    return created.data;
  }
}
