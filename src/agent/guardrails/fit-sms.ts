/**
 * Makes an agent reply fit an SMS budget: markdown stripped (phones show it raw), typographic
 * punctuation folded to GSM-7 (one curly apostrophe from an LLM would switch the whole message to
 * UCS-2 and cut its room from 160 to 70 characters), then cut to `maxSegments` at a sentence or
 * word boundary. Segment arithmetic follows GSM 03.38 / 3GPP 23.040: GSM-7 160 septets alone or
 * 153 per segment when concatenated, extension characters ({}[]~^|\€) cost two and never straddle
 * segments; UCS-2 70 code units alone or 67 per segment, surrogate pairs never split.
 */

/** Options for {@link fitSms}. */
export interface FitSmsOptions {
  /** Most segments the text may take. Default 2. */
  maxSegments?: number;
}

/** The encoding a carrier would pick for a text. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const GSM_EXTENSION = new Set(Array.from('^{}\\[~]|€\f'));

/** Septets a character costs in GSM-7, or undefined when GSM-7 cannot carry it. */
function gsmCost(ch: string): number | undefined {
  if (GSM_BASIC.has(ch)) return 1;
  if (GSM_EXTENSION.has(ch)) return 2;
  return undefined;
}

/** The encoding a carrier picks: GSM-7 when every character has a GSM-7 form, else UCS-2. */
export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (gsmCost(ch) === undefined) return 'UCS-2';
  return 'GSM-7';
}

/** How many segments `text` takes. An empty text takes 1 (carriers still send one). */
export function countSmsSegments(text: string): number {
  return segmentsOf(Array.from(text), smsEncoding(text));
}

/** Segment count of a list of characters in a given encoding (the encoding must fit them all). */
function segmentsOf(chars: readonly string[], encoding: SmsEncoding): number {
  const single = encoding === 'GSM-7' ? 160 : 70;
  const multi = encoding === 'GSM-7' ? 153 : 67;
  const cost = (ch: string): number => (encoding === 'GSM-7' ? (gsmCost(ch) ?? 2) : ch.length);
  let total = 0;
  for (const ch of chars) total += cost(ch);
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const ch of chars) {
    const c = cost(ch);
    // an escape pair or a surrogate pair that does not fit starts the next segment whole
    if (used + c > multi) {
      segments++;
      used = 0;
    }
    used += c;
  }
  return segments;
}

/** How many leading characters fit in `maxSegments` (largest prefix, any encoding it allows). */
function fittingPrefix(chars: readonly string[], maxSegments: number): number {
  let best = 0;
  for (const encoding of ['GSM-7', 'UCS-2'] as const) {
    const single = encoding === 'GSM-7' ? 160 : 70;
    const multi = encoding === 'GSM-7' ? 153 : 67;
    let total = 0;
    let segments = 1;
    let used = 0;
    let n = 0;
    for (const ch of chars) {
      const c = encoding === 'GSM-7' ? gsmCost(ch) : ch.length;
      if (c === undefined) break; // GSM-7 cannot go past a character it cannot carry
      total += c;
      if (used + c > multi) {
        segments++;
        used = 0;
      }
      used += c;
      if (total > single && segments > maxSegments) break;
      n++;
    }
    best = Math.max(best, n);
  }
  return best;
}

/** Typographic characters with a GSM-7 twin (what Twilio's "smart encoding" also replaces). */
const GSM_FRIENDLY: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b\u2032\u02bc]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' '],
  [/[\u200b-\u200d\u2060\ufeff]/g, ''],
  [/\u2022/g, '-'],
  [/\t/g, ' '],
];

/** Replaces typographic punctuation and odd spaces with their GSM-7 equivalents. */
export function toGsmFriendly(text: string): string {
  let out = text;
  for (const [pattern, replacement] of GSM_FRIENDLY) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Removes markdown a phone would show literally: emphasis, headings, bullets, quotes, code,
 * rules; a link `[label](url)` becomes its url (the label alone is useless in a text, and the
 * url is what the customer needs). Numbered lists are kept: "1." reads fine in a text.
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^\s*```[^\n]*$/gm, '')
    .replace(/!?\[([^\]\n]*)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g, '$2')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gm, '')
    .replace(/^[ \t]*[-*+\u2022][ \t]+/gm, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * Cuts `text` to its first `limit` characters (code points) at the best boundary: the end of the
 * last whole sentence if that keeps at least 40% of the room, else the last whole word followed
 * by "...". Only a single word longer than the room is cut inside.
 */
export function cutAtBoundary(text: string, limit: number): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  if (limit <= 3) return chars.slice(0, Math.max(0, limit)).join('');
  const room = chars.slice(0, limit).join('');

  // a sentence end inside the room (punctuation, then a space or the cut point)
  let sentenceEnd = -1;
  for (const m of room.matchAll(/[.!?]+["')\]]*(?=\s|$)/g)) {
    const end = m.index + m[0].length;
    if (end === room.length && !/\s/.test(chars[limit] ?? ' ')) continue; // "$89.50": not an end
    sentenceEnd = end;
  }
  if (sentenceEnd >= 0 && Array.from(room.slice(0, sentenceEnd)).length >= limit * 0.4) {
    return room.slice(0, sentenceEnd).trim();
  }

  const roomForWords = chars.slice(0, limit - 3).join('');
  const nextChar = chars[limit - 3] ?? ' ';
  let cut = roomForWords;
  if (!/\s/.test(nextChar)) {
    const lastSpace = roomForWords.search(/\s\S*$/);
    if (lastSpace > 0) cut = roomForWords.slice(0, lastSpace);
  }
  return `${cut.replace(/[\s,;:\-(&]+$/, '')}...`;
}

/**
 * Cleans `text` for SMS and cuts it to at most `maxSegments` segments (default 2: 306 GSM-7
 * characters, or 134 in UCS-2 when it holds an emoji or a non-Latin script).
 */
export function fitSms(text: string, options: FitSmsOptions = {}): string {
  const maxSegments = Math.max(1, Math.floor(options.maxSegments ?? 2));
  const clean = toGsmFriendly(stripMarkdown(text));
  const chars = Array.from(clean);
  if (segmentsOf(chars, smsEncoding(clean)) <= maxSegments) return clean;
  let limit = fittingPrefix(chars, maxSegments);
  // the cut can add "..." and so change the count at the margin: shrink until it truly fits
  for (;;) {
    const cut = cutAtBoundary(clean, limit);
    if (countSmsSegments(cut) <= maxSegments || limit <= 1) return cut;
    limit--;
  }
}
