/**
 * What a failed send means when the carrier's API was called with fetch (Telnyx, SignalWire) and no
 * HTTP answer came back: retryable when the request certainly never reached the carrier, otherwise
 * unknown (the carrier may have the text: reconcile before sending again). The Twilio client has its
 * own transport and codes, and shares the list of connections that never opened.
 */
import { CarrierSendError } from './carrier.js';

/** Network failures where the connection never opened, so no byte of the request reached the carrier. */
export const CONNECTION_NEVER_OPENED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'] as const;

/** The same through fetch, which also gives up connecting on its own (UND_ERR_CONNECT_TIMEOUT). */
const FETCH_UNSENT = new Set<string>([...CONNECTION_NEVER_OPENED, 'UND_ERR_CONNECT_TIMEOUT']);

/** Classifies an error fetch threw (a TypeError with the network code as its cause, or a timeout). */
export function classifyFetchFailure(err: unknown, carrier: string): CarrierSendError {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  const net = e?.cause?.code;
  if (net && FETCH_UNSENT.has(net)) return new CarrierSendError('retryable', `Could not reach ${carrier} (${net})`);
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new CarrierSendError('unknown', `${carrier} did not answer in time`);
  return new CarrierSendError('unknown', `Lost the answer from ${carrier} (${net ?? e?.message ?? String(err)})`);
}
