/**
 * Telnyx messaging webhooks (API v2, JSON): `{data: {event_type, id, occurred_at, payload}, meta}`.
 * - `message.received`: an inbound text; `payload.id`, `payload.from.phone_number`,
 *   `payload.to[].phone_number`, `payload.text`, `payload.media[].url`
 *   (developers.telnyx.com/docs/messaging/messages/receiving-webhooks, …/api-reference/callbacks/inbound-message);
 * - `message.sent` and `message.finalized`: delivery events of a text we sent; the per-recipient
 *   status is in `payload.to[].status` (queued, sending, sent, delivered, sending_failed,
 *   delivery_failed, delivery_unconfirmed) and failures carry `payload.errors[].code`.
 * A messaging profile posts *every* event of its numbers to its one webhook URL, so the inbound-text
 * route may also see delivery events of texts sent outside Textback: those are verified and ignored.
 */
import type { CarrierWebhookRequest, ParsedIncomingText, ParsedTextStatus } from '../carrier.js';

interface TelnyxEndpoint {
  phone_number?: unknown;
  status?: unknown;
}

interface TelnyxMessagePayload {
  id?: unknown;
  from?: TelnyxEndpoint;
  to?: TelnyxEndpoint[] | TelnyxEndpoint;
  text?: unknown;
  media?: Array<{ url?: unknown }>;
  errors?: Array<{ code?: unknown }>;
}

export interface TelnyxEvent {
  eventType: string;
  payload: TelnyxMessagePayload;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The event in a webhook body, or null when the body is not a Telnyx v2 event. */
export function telnyxEvent(req: Pick<CarrierWebhookRequest, 'params'>): TelnyxEvent | null {
  const data = (req.params as { data?: { event_type?: unknown; payload?: unknown } } | undefined)?.data;
  if (!data || typeof data !== 'object' || typeof data.event_type !== 'string') return null;
  const payload = data.payload && typeof data.payload === 'object' ? (data.payload as TelnyxMessagePayload) : {};
  return { eventType: data.event_type, payload };
}

function recipients(p: TelnyxMessagePayload): TelnyxEndpoint[] {
  if (Array.isArray(p.to)) return p.to;
  return p.to && typeof p.to === 'object' ? [p.to] : [];
}

export function parseIncomingText(req: CarrierWebhookRequest): ParsedIncomingText {
  const ev = telnyxEvent(req);
  if (ev && ev.eventType !== 'message.received') {
    // A delivery event of a text sent from one of our numbers (outside Textback): `from` is ours.
    return { carrierMessageId: null, from: '', to: str(ev.payload.from?.phone_number), body: '', mediaUrls: [], ignore: `Telnyx event ${ev.eventType}` };
  }
  const p = ev?.payload ?? {};
  const media = Array.isArray(p.media) ? p.media : [];
  return {
    carrierMessageId: str(p.id) || null,
    from: str(p.from?.phone_number),
    to: str(recipients(p)[0]?.phone_number),
    body: str(p.text),
    mediaUrls: media.map((m) => str(m?.url)).filter(Boolean).slice(0, 10),
  };
}

/** Telnyx's per-recipient statuses in the neutral (Twilio-like) words the services rank. */
const STATUSES: Record<string, string> = {
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  // Sent on, but the far carrier never confirmed: as far as we know it went out.
  delivery_unconfirmed: 'sent',
  delivery_failed: 'undelivered',
  sending_failed: 'failed',
};

export function parseTextStatus(req: CarrierWebhookRequest): ParsedTextStatus {
  const ev = telnyxEvent(req);
  if (!ev || (ev.eventType !== 'message.sent' && ev.eventType !== 'message.finalized')) {
    return { carrierMessageId: null, status: null, errorCode: null };
  }
  const raw = str(recipients(ev.payload)[0]?.status);
  const status = STATUSES[raw] ?? (ev.eventType === 'message.sent' ? 'sent' : null);
  const errors = Array.isArray(ev.payload.errors) ? ev.payload.errors : [];
  const code = errors[0]?.code;
  return {
    carrierMessageId: str(ev.payload.id) || null,
    status,
    errorCode: code === undefined || code === null || code === '' ? null : String(code),
  };
}
