/**
 * NUL characters (\u0000) in a verified carrier webhook. PostgreSQL text cannot hold them, so an id
 * or a number carrying one (CallSid, MessageSid, From, To, a media URL) would fail the first query
 * that stores or looks it up: a 500, and the carrier retrying the same 500.
 *
 * Free text is the customer's and is stored without the NUL (domain/carrier-text.ts): losing an
 * inbound text to a stray byte would be worse than removing the byte. Everything else is refused
 * with a 400 naming the field, before anything is stored. No carrier sends a NUL in its ids or
 * numbers (they have fixed formats), so only a malformed or hand-made request meets this; storing
 * the id stripped would invent an id the carrier never issued, which its later callbacks, the
 * REST API and the once-per-call guard would not match. A 4xx is also what a carrier treats as
 * final: Twilio logs it and, for a call, requests the number's fallback URL (which rings the
 * owner's phones when configured) instead of retrying a request that would fail the same way.
 */
import { badRequest } from '../../errors.js';
import { findNul } from '../reject-nul.js';

const NUL = '\u0000';

/**
 * The params holding a caller's free text, where a NUL is stripped rather than refused: `Body` and
 * `TranscriptionText` as the Twilio-compatible carriers (Twilio, SignalWire, Telnyx's TeXML) send
 * them, `text` as Telnyx's messaging JSON does (`data.payload.text`). A carrier whose payload names
 * its free text otherwise adds its key here.
 */
const FREE_TEXT_PARAMS = new Set(['Body', 'TranscriptionText', 'text']);

/** Throws a 400 naming the first param (outside free text) that holds a NUL. */
export function refuseNulOutsideFreeText(params: Record<string, unknown>): void {
  const path = findNul(params, [], 0, (key, value) => FREE_TEXT_PARAMS.has(key) && typeof value === 'string');
  if (!path) return;
  const field = path.join('.').replaceAll(NUL, '\\u0000');
  throw badRequest(`${field}: contains a NUL character (\\u0000); carrier ids and phone numbers never do`, field);
}

/** Our own id from a callback URL's query (`?call=`, `?m=`), or undefined when it cannot be one. */
export function ownIdFromQuery(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !value.includes(NUL) ? value : undefined;
}
