/**
 * Phone numbers and forwarding targets. Everything Textback stores is E.164; this module turns
 * what people type and what carriers send (caller ID, which may be withheld) into that, or says
 * no. A number is accepted when libphonenumber-js calls it *possible* (right shape and length for
 * its country), not *valid*: the public contract promises that fictional +1 555-01XX numbers work,
 * and demos and tests depend on them.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

// What a withheld caller ID looks like. Carriers and PBXs send words; Twilio used to send the word
// spelt on a keypad (ANONYMOUS = 266696687 …), and some of those spellings parse as possible
// numbers in real countries (+86 282452253 is a possible Chinese number), so they are listed.
const WITHHELD_DIGITS = new Set([
  '266696687', // ANONYMOUS
  '7378742833', // RESTRICTED
  '2562533', // BLOCKED
  '8656696', // UNKNOWN
  '86282452253', // UNAVAILABLE
]);

// Only phone-number punctuation is allowed: a letter means a word ("anonymous", "client:bob"), an
// extension, or a vanity number, none of which can be texted. The dashes include the Unicode ones
// that word processors and phone contact cards produce.
const PHONE_CHARS = /^\+?[\d\s().\-\u2010-\u2015\u2212/]+$/;

/**
 * Normalise a phone number to E.164, or null when it is not one.
 *
 * Accepts spaces, dashes, dots, parentheses, a leading `+`, a `tel:` prefix, and the `00`
 * international prefix (`0044 20 …`), which libphonenumber only honours for countries that dial
 * out with `00`. Numbers without a country code need `defaultCountry`. Returns null for withheld
 * caller IDs (`anonymous`, `restricted`, `unknown`, their keypad spellings), SIP/client identities
 * (`client:bob`), extensions, empty and too-short input.
 */
export function normalizePhone(input: string, defaultCountry?: CountryCode): string | null {
  if (typeof input !== 'string') return null;
  // One call's webhooks and jobs normalize the same few numbers again and again, and parsing with
  // libphonenumber is the costly part: results are remembered (a pure function; bounded, oldest out).
  const key = `${defaultCountry ?? ''}|${input}`;
  const known = normalized.get(key);
  if (known !== undefined) return known;
  const result = parseToE164(input, defaultCountry);
  if (normalized.size >= MAX_NORMALIZED) normalized.delete(normalized.keys().next().value as string);
  normalized.set(key, result);
  return result;
}

const normalized = new Map<string, string | null>();
const MAX_NORMALIZED = 10_000;

function parseToE164(input: string, defaultCountry?: CountryCode): string | null {
  let s = input.trim();
  if (/^tel:/i.test(s)) s = s.slice(4).trim();
  if (s === '' || !PHONE_CHARS.test(s)) return null;

  const digits = s.replace(/\D/g, '');
  if (digits.length < 3 || /^0+$/.test(digits)) return null;
  // "00" is the international prefix almost everywhere but the NANP (which uses 011); a user
  // in the US pasting a European number writes 0044…, so treat it as "+" regardless.
  if (!s.startsWith('+') && digits.startsWith('00')) s = `+${digits.slice(2)}`;

  const parsed = parsePhoneNumberFromString(s, defaultCountry);
  if (!parsed || !parsed.isPossible()) return null;
  const e164 = parsed.number;
  // Whole-number match only: +1 737-874-2833 is a real possible Austin number, +7 378… is not.
  if (WITHHELD_DIGITS.has(e164.slice(1))) return null;
  return isE164(e164) ? e164 : null;
}

/**
 * True for a string already in E.164 form: `+`, a non-zero digit, 7–15 digits in all. (The
 * standard's shortest real numbers have 7 digits with the country code; anything shorter is a
 * short code or garbage.) Says nothing about whether the number is possible; use normalizePhone.
 */
export function isE164(s: string): boolean {
  return typeof s === 'string' && /^\+[1-9]\d{6,14}$/.test(s);
}

// RFC 3261 shape, loosely: sip:/sips:, optional user[:password]@, a host (name, IPv4 or [IPv6]),
// optional :port, then optional ;params and ?headers. No whitespace anywhere.
const SIP_URI =
  /^sips?:(?:[^\s@:;?]+(?::[^\s@;?]*)?@)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:;[^\s?;]+)*(?:\?\S*)?$/i;

/** True for a `sip:` or `sips:` URI such as `sip:alice@pbx.example.com:5060;transport=tls`. */
export function isSipUri(s: string): boolean {
  return typeof s === 'string' && SIP_URI.test(s);
}

/**
 * Normalise something a missed call can be forwarded to: a phone number (to E.164) or a SIP URI
 * (returned as given, minus surrounding whitespace, because PBXs care about user-part case and
 * parameter order). Null when it is neither.
 */
export function normalizeForwardTarget(s: string, defaultCountry?: CountryCode): string | null {
  if (typeof s !== 'string') return null;
  const t = s.trim();
  if (/^sips?:/i.test(t)) return isSipUri(t) ? t : null;
  return normalizePhone(t, defaultCountry);
}

/**
 * The country an E.164 number belongs to, or undefined when it cannot be told. For +1 this comes
 * from the area code (US, CA, JM, …); unassigned or fictional area codes such as 555 give
 * undefined. For other calling codes shared by several countries (+44, +7) a number in a range
 * libphonenumber does not know falls back to the code's main country (GB, RU).
 */
export function countryOfPhone(e164: string): CountryCode | undefined {
  if (!isE164(e164)) return undefined;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return undefined;
  if (parsed.country) return parsed.country;
  if (parsed.countryCallingCode === '1') return undefined;
  return parsed.getPossibleCountries()[0];
}

/**
 * The country to read a national-format number in, next to `e164`: its country, or for +1 numbers
 * whose area code names none (555, new codes) the US, since every NANP country reads 10 digits alike.
 */
export function dialingCountryOf(e164: string): CountryCode | undefined {
  return countryOfPhone(e164) ?? (/^\+1\d{10}$/.test(e164) ? 'US' : undefined);
}
