/**
 * What Twilio error codes mean for us: a sentence a person reads, and what the code says about the
 * contact (opted out, cannot take texts). Sources: ../shared/research/twilio-facts.md §2.5.
 */

import type { CarrierErrorMeaning } from '../carrier.js';

export type ContactEffect = CarrierErrorMeaning['effect'];

interface ErrorMeaning {
  meaning: string;
  effect: ContactEffect;
}

/**
 * Codes where the carriers block the *sender*, not one recipient: every later text from this number
 * will fail the same way until the owner registers (A2P 10DLC), verifies (toll-free) or fixes the
 * account. Repeated, they pause text-back on the number.
 */
const SENDER_BLOCKING = new Set(['30002', '30007', '30032', '30034']);
/** One occurrence proves little (the phone may just be off): a strike, not a permanent verdict. */
const STRIKES = new Set(['30003']);

const MEANINGS: Record<string, ErrorMeaning> = {
  '20003': { meaning: 'Twilio rejected the account credentials', effect: null },
  '20429': { meaning: 'Twilio rate limit reached (too many requests)', effect: null },
  '21211': { meaning: "The 'To' number is not a valid phone number", effect: 'not_textable' },
  '21408': { meaning: 'Sending to this region is not enabled on the Twilio account', effect: null },
  '21606': { meaning: "The 'From' number cannot send texts (not SMS-capable or not on this account)", effect: null },
  '21608': { meaning: 'Trial account: the recipient is not a verified number', effect: null },
  '21610': { meaning: 'The recipient replied STOP to this sender and is unsubscribed', effect: 'opted_out' },
  '21612': { meaning: 'Twilio cannot route a text between these two numbers', effect: null },
  '21614': { meaning: "The 'To' number is not a mobile number and cannot take texts", effect: 'not_textable' },
  '21617': { meaning: 'The message body is longer than 1,600 characters', effect: null },
  '21635': { meaning: "The 'To' number is a landline", effect: 'not_textable' },
  '30001': { meaning: 'Queue overflow: too many messages queued for this sender', effect: null },
  '30002': { meaning: 'The Twilio account is suspended', effect: null },
  '30003': { meaning: 'The phone is unreachable (off, no signal, or cannot take texts)', effect: 'not_textable' },
  '30004': { meaning: 'The recipient blocked this message', effect: null },
  '30005': { meaning: 'Unknown destination phone', effect: 'not_textable' },
  '30006': { meaning: 'Landline or unreachable carrier: this number cannot take texts', effect: 'not_textable' },
  '30007': { meaning: 'The carrier filtered the message as spam', effect: null },
  '30008': { meaning: 'Unknown delivery error', effect: null },
  '30032': { meaning: 'The toll-free sender is not verified', effect: null },
  '30034': { meaning: 'The sender is not registered for US A2P 10DLC', effect: null },
};

/** The meaning and effects of a Twilio error code (unknown codes get a generic sentence). */
export function twilioErrorMeaning(code: string | number | null | undefined): CarrierErrorMeaning {
  if (code === null || code === undefined || code === '') return { meaning: 'Unknown error', effect: null, blocksSender: false };
  const key = String(code);
  const known = MEANINGS[key] ?? { meaning: `Twilio error ${code}`, effect: null };
  return { ...known, blocksSender: SENDER_BLOCKING.has(key), ...(STRIKES.has(key) ? { strike: true } : {}) };
}
