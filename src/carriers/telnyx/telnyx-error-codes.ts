/**
 * What Telnyx error codes mean for us. Sources: developers.telnyx.com/docs/messaging/messages/
 * error-codes (delivery errors 40xxx, reported in `message.finalized` and message detail records),
 * …/docs/messaging/messages/advanced-opt-in-out (`40300` "Blocked due to STOP message": Telnyx's
 * default block rule after an inbound STOP) and …/development/api-fundamentals/api-errors (10xxx).
 */
import type { CarrierErrorMeaning } from '../carrier.js';

interface ErrorMeaning {
  meaning: string;
  effect: CarrierErrorMeaning['effect'];
}

/** Carrier spam blocks name the *sending number*: repeated, they pause text-back on it. */
const SENDER_BLOCKING = new Set(['40002', '40003']);
/** One occurrence proves little (the recipient's carrier may be down): a strike against the contact. */
const STRIKES = new Set(['40006']);

const MEANINGS: Record<string, ErrorMeaning> = {
  '10001': { meaning: 'The sending number is inactive on the Telnyx account', effect: null },
  '10002': { meaning: 'The phone number is not valid', effect: 'not_textable' },
  '10009': { meaning: 'Telnyx rejected the API key', effect: null },
  '10010': { meaning: 'The Telnyx API key may not do this', effect: null },
  '10011': { meaning: 'Telnyx rate limit reached (too many requests)', effect: null },
  '10016': { meaning: 'The phone number must be in +E.164 format', effect: 'not_textable' },
  '40001': { meaning: 'Not routable: the number is a landline or cannot take texts', effect: 'not_textable' },
  '40002': { meaning: 'The carrier blocked this sender as spam (temporarily)', effect: null },
  '40003': { meaning: 'The carrier blocked this sender as spam (permanently)', effect: null },
  '40004': { meaning: "The recipient's carrier rejected the text", effect: null },
  '40005': { meaning: 'The text expired before it could be delivered', effect: null },
  '40006': { meaning: "The recipient's carrier is unavailable", effect: 'not_textable' },
  '40008': { meaning: 'Undeliverable: the carrier did not accept the text', effect: null },
  '40009': { meaning: 'The carrier rejected the message body', effect: null },
  '40300': { meaning: 'The recipient replied STOP to this sender and is unsubscribed', effect: 'opted_out' },
};

/** The meaning and effects of a Telnyx error code (unknown codes get a generic sentence). */
export function telnyxErrorMeaning(code: string | number | null | undefined): CarrierErrorMeaning {
  if (code === null || code === undefined || code === '') return { meaning: 'Unknown error', effect: null, blocksSender: false };
  const key = String(code);
  const known = MEANINGS[key] ?? { meaning: `Telnyx error ${code}`, effect: null };
  return { ...known, blocksSender: SENDER_BLOCKING.has(key), ...(STRIKES.has(key) ? { strike: true } : {}) };
}
