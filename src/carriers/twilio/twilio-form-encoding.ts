/**
 * Form and query-string encoding byte for byte as the `twilio` SDK's own HTTP client does it
 * (`qs.stringify(values, { arrayFormat: 'repeat' })`), so a request sent through our transport is
 * the request Twilio has always received from the SDK. The SDK serialises its parameters before
 * they get here (booleans to 'true'/'false', dates to strings, lists to arrays), so what arrives is
 * strings, numbers and arrays of them; the rest of qs's rules are kept for anything else:
 * - a list repeats its key (`MediaUrl=a&MediaUrl=b`), an empty list sends nothing;
 * - undefined is left out, null sends the key with an empty value;
 * - a Date is its ISO string; a nested object is `key[sub]=…` (brackets encoded);
 * - every character but A–Z a–z 0–9 - . _ ~ is percent-encoded as UTF-8, upper-case hex, so
 *   `!'()*` are encoded too (encodeURIComponent leaves them) and a space is `%20`, never `+`.
 */

/** Characters encodeURIComponent leaves alone that qs (RFC 3986) encodes. */
const SUB_DELIMS = /[!'()*]/g;
const HAS_SUB_DELIM = /[!'()*]/;
/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One key or value, encoded as qs encodes it. */
export function encodeFormComponent(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // A lone surrogate (a string cut in the middle of an emoji) makes encodeURIComponent throw;
    // qs would encode garbage bytes instead. The replacement character is the honest equivalent.
    encoded = encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
  }
  return HAS_SUB_DELIM.test(encoded) ? encoded.replace(SUB_DELIMS, hexOf) : encoded;
}

function hexOf(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** `application/x-www-form-urlencoded` body (or query string, without `?`) of the SDK's parameters. */
export function encodeTwilioForm(values: object): string {
  const pairs: string[] = [];
  for (const key of Object.keys(values)) appendPairs(pairs, key, (values as Record<string, unknown>)[key]);
  return pairs.join('&');
}

function appendPairs(pairs: string[], key: string, value: unknown): void {
  if (value === undefined) return;
  if (value === null) {
    pairs.push(`${encodeFormComponent(key)}=`);
    return;
  }
  if (value instanceof Date) {
    pairs.push(`${encodeFormComponent(key)}=${encodeFormComponent(value.toISOString())}`);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) appendPairs(pairs, key, item);
    return;
  }
  if (typeof value === 'object') {
    for (const sub of Object.keys(value)) appendPairs(pairs, `${key}[${sub}]`, (value as Record<string, unknown>)[sub]);
    return;
  }
  pairs.push(`${encodeFormComponent(key)}=${encodeFormComponent(String(value))}`);
}
