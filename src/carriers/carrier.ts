/**
 * The carrier port: what the services need from any carrier (Twilio, the built-in sandbox, later
 * Telnyx…) to send a text and to find out, after a crash, whether a text already went out.
 */

export interface SendTextRequest {
  from: string;
  to: string;
  body: string;
  mediaUrls?: string[];
  /** Where the carrier reports delivery status for this message. */
  statusCallbackUrl?: string;
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

export interface CarrierClient {
  sendText(req: SendTextRequest): Promise<SentText>;
  /** Finds a text this account already sent (for reconciling a send whose outcome was lost). */
  findSentText(q: SentTextLookup): Promise<SentText | null>;
}

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
