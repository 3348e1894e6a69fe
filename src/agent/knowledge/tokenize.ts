/**
 * Text → search terms for the knowledge base: lowercase, accent-folded, unicode-aware word split,
 * English (and texting-filler) stop words dropped, a light suffix stemmer, and a small synonym map
 * for home-service / appointment businesses. Pure and deterministic: the same function builds the
 * index and reads the query, so whatever it does to one side it does to the other.
 */
import { AMOUNT_WITH_CURRENCY } from './amounts.js';
import { boundedMemo } from './bounded-memo.js';

/**
 * Words that carry no topic. Besides the usual English list it holds words people pad texts with
 * ("hey", "guys", "wondering", "need"): BM25 confidence counts every unmatched query word against
 * the match, so filler left in would make real questions look like weak matches.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are aren as at be because been before being below ' +
    'between both but by can cannot could couldn did didn do does doesn doing don down during each either else ' +
    'ever every few for from further get gets getting got had hadn has hasn have haven having he her here hers ' +
    'herself him himself his how i if in into is isn it its itself just let me might more most must mustn my ' +
    'myself no nor not now of off on once only or other ought our ours ourselves out over own same shan she ' +
    'should shouldn so some such than that the their theirs them themselves then there these they this those ' +
    'through to too under until up upon very was wasn we were weren what when where which while who whom why ' +
    'will with won would wouldn you your yours yourself yourselves ' +
    // contractions once the apostrophe part is gone ("you'd" → "you", "d")
    's t d ll m re ve ' +
    // texting filler and politeness
    'hi hello hey hiya yo ok okay pls please plz thanks thank thx ty u ur r im ive id dont cant wont ' +
    'guy guys folks wondering wonder question quick know need needs want wants like looking look ' +
    'think thinking guess happen happens happened go goes going went really actually maybe kinda sorta something anything thing things tell someone anyone somebody ' +
    'one much many lot lots well yeah yes yep sure ask asking curious ' +
    // when it happened is context, not topic ("no hot water since this morning")
    'since ago yesterday today tonight tomorrow morning afternoon evening last still keep keeps started'
  ).split(/\s+/),
);

/**
 * Synonym groups. Every member stem adds its group token (`~price`, …) next to itself, on both
 * the index and the query side, so "cost" finds a chunk that only says "fee" while an exact word
 * still scores higher (it matches twice: the word and the group).
 */
export const SYNONYM_GROUPS: Readonly<Record<string, readonly string[]>> = {
  price: ['cost', 'price', 'charge', 'fee', 'rate', 'quote', 'estimate', 'expensive', 'cheap', 'dollar', 'pricing'],
  hours: ['hour', 'open', 'close', 'weekend', 'weekday', 'saturday', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  book: ['book', 'schedule', 'appointment', 'reschedule', 'reserve', 'availability', 'available', 'visit'],
  emergency: ['emergency', 'urgent', 'asap', 'twentyfourseven', 'immediately', 'overnight', 'night', 'holiday'],
  area: ['area', 'serve', 'location', 'zip', 'zipcode', 'suburb', 'city', 'town', 'neighborhood', 'near', 'nearby', 'locate', 'region'],
  pay: ['pay', 'payment', 'card', 'credit', 'debit', 'cash', 'check', 'financing', 'finance', 'venmo', 'zelle', 'visa', 'mastercard', 'amex'],
  warranty: ['warranty', 'guarantee', 'warrant'],
  repair: ['repair', 'fix', 'service'],
  license: ['license', 'licensed', 'insure', 'insurance', 'bonded', 'certify'],
};

/** Member stem → group token, built once from SYNONYM_GROUPS. */
const GROUP_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(SYNONYM_GROUPS).flatMap(([group, members]) => members.map((m) => [m, `~${group}`] as const)),
);

/** Irregular forms a suffix stripper cannot reach but customers type all the time. */
const IRREGULAR: Readonly<Record<string, string>> = {
  paid: 'pay', used: 'use', using: 'use', leaky: 'leak', leakage: 'leak', clogged: 'clog', clogging: 'clog',
  broke: 'break', broken: 'break', ran: 'run', running: 'run', froze: 'freeze', frozen: 'freeze',
  estimates: 'estimate', quoted: 'quote', quotes: 'quote', scheduling: 'schedule', rescheduling: 'reschedule',
  replacement: 'replace', replacements: 'replace', installation: 'install', installations: 'install',
  installer: 'install', installers: 'install', cleaner: 'clean', cleaners: 'clean',
  hrs: 'hour', hr: 'hour',
  zips: 'zip', zipcodes: 'zipcode', servicing: 'service', serviced: 'service', services: 'service',
  licensed: 'license', insured: 'insure', financed: 'finance', financing: 'financing',
  bookings: 'book', booking: 'book', appointments: 'appointment',
};

const VOWEL = /[aeiouy]/;

/**
 * A light English stemmer: plurals, -ing and -ed, with the silent "e" put back where the
 * suffix took it ("pricing" → "price", "scheduled" → "schedule") and doubled consonants undone
 * ("stopped" → "stop"). Deliberately far lighter than Porter: its output stays a readable word,
 * and the few mismatches it leaves matter less than Porter's over-merging on a tiny corpus.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  // "W-2s", "1099s": a form's plural is the form
  if (/\d/.test(word)) return /^[a-z]*\d+s$/.test(word) && word.length > 2 ? word.slice(0, -1) : word;
  if (word.length <= 3) return word;

  // plurals
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is|ous)$/.test(word)) {
    // "meetings" and "meeting" stem alike: a plural -ing noun loses its -ing too
    const singular = word.slice(0, -1);
    return singular.endsWith('ing') ? stem(singular) : singular;
  }

  // -ied → -y ("replied" → "reply")
  if (word.endsWith('ied') && word.length > 4) return `${word.slice(0, -3)}y`;
  // -eed keeps its "ee" ("guaranteed" → "guarantee") but "need", "speed" stay whole
  if (word.endsWith('eed')) return VOWEL.test(word.slice(0, -3)) ? word.slice(0, -1) : word;

  let base: string | null = null;
  if (word.endsWith('ing')) base = word.slice(0, -3);
  else if (word.endsWith('ed')) base = word.slice(0, -2);
  // "thing", "spring", "red", "shed": no vowel left means the ending was part of the word
  if (base === null || base.length < 2 || !VOWEL.test(base)) return word;
  return restoreE(base);
}

/** Undo what stripping -ing/-ed did to the stem's spelling. */
function restoreE(base: string): string {
  // doubled final consonant: "stopp" → "stop", but "install", "fill", "pass", "buzz", "stuff" stay
  if (/([^aeiouylsfz])\1$/.test(base)) return base.slice(0, -1);
  // stems that cannot end an English word without their "e": pric(e), charg(e), damag(e), leav(e), freez(e),
  // issu(e), licens(e), locat(e), schedul(e), measur(e)
  if (/(?:c|v|[^z]z|[rd]g|ag|[^aeiouy]u|ns|rs|ps|[^e]at|iz|bl|ul|[^aeiou]ur|lud)$/.test(base)) {
    // ...except short "at" words that are whole already: "heat", "treat", "seat", "float"
    if (/[aeiou][aeiou]t$/.test(base)) return base;
    return `${base}e`;
  }
  // a single short syllable consonant-vowel-consonant lost its "e": clos(e), hop(e), rat(e), us(e)
  if (/^[^aeiouy]*[aeiouy][^aeiouwxy]$/.test(base) && /[^aeiouy][aeiouy][^aeiouwxy]$/.test(base)) return `${base}e`;
  return base;
}

/**
 * Stems memoised: a knowledge base repeats the same few thousand words, and building an index
 * over 10k chunks stems close to a million of them. Bounded so odd input cannot grow it forever.
 */
const cachedStem = boundedMemo(50_000, (word) => stem(word));

/** Phrases whose meaning is lost by a word split; rewritten before splitting. */
const PHRASES: ReadonlyArray<readonly [RegExp, string | ((match: string) => string)]> = [
  [/\b24\s*(?:\/|x|-)\s*7\b/g, ' twentyfourseven '],
  [/\b24\s+hours?\b/g, ' twentyfourseven '],
  [/\bround the clock\b/g, ' twentyfourseven '],
  [/\bhow much\b/g, ' cost '],
  // one number is one term: "2,000 sq ft" is "2000", and "1/2 acre" is no "2"
  // (an amount keeps its comma: "$14,000" read as "14000" would join the "140xx" zip group)
  [/(?<![\p{Sc}\d,.])\b\d{1,3}(?:,\d{3})+\b/gu, (n: string) => n.replace(/,/g, '')],
  [/\b(\d+)\/(\d+)\b/g, '$1over$2'],
  // a written amount is a price even when no price word is near it ("drain cleaning is $149"), in
  // any currency: a symbol ($, £, €, ¥, ₹ … — Unicode's currency symbols) or an ISO code
  [new RegExp(AMOUNT_WITH_CURRENCY, 'gu'), ' $& dollar '],
  [/\bzip\s*codes?\b/g, ' zipcode '],
  [/\bafter[-\s]hours\b/g, ' afterhours emergency '],
  // a gas smell is a safety question: it must find the passage about gas smells, not gas heaters
  [/\b(?:smell(?:s|ing|ed)?\s+(?:of\s+|like\s+)?(?:natural\s+)?gas|gas\s+(?:smell|odou?r|leak)s?)\b/g, ' $& gassmell emergency '],
  // "how long" asks for a duration; written durations answer it
  [/\bhow long\b/g, ' duration '],
  [/\blast[\s-]minute\b/g, ' late '],
  // "service call", "house call", "trip charge": all mean the visit itself
  [/\b(?:service|house|home)\s+calls?\b|\btrip\s+(?:charge|fee)\b/g, ' $& visit '],
  [/\b\d+(?:\s*(?:to|-)\s*\d+)?[\s-]*(?:minute|min|hour|hr|day|week)s?\b/g, ' $& duration '],
  [/\b(?:full|same|whole)[\s-]day\b/g, ' $& duration '],
  // a hyphenated compound is also one word: "wifi" finds "Wi-Fi", "gluten free" finds "gluten-free"
  [/\b([a-z]+)-([a-z]+)\b/g, '$1-$2 $1$2'],
  // and a form's or model's name: "W-2" is "w2"
  [/\b([a-z]+)-(\d+[a-z]*)\b/g, '$1-$2 $1$2'],
];

/** Options for {@link tokenize}. */
export interface TokenizeOptions {
  /** Add `~group` tokens after synonym-group members. Default true. */
  synonyms?: boolean;
  /** Keep stop words (used to find sentence boundaries, never for scoring). Default false. */
  keepStopWords?: boolean;
}

/**
 * Turns text into search terms, in order of appearance (duplicates kept, so callers can count
 * term frequency). Group tokens start with "~" and follow the word they come from.
 *
 * @example tokenize("How much are drain cleanings?") → ["cost", "~price", "drain", "cleaning"]
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const { synonyms = true, keepStopWords = false } = options;
  // one reply reads the same question and passages many times (retrieval, passage picking,
  // sentence picking, per question): the terms are remembered, bounded like the stems
  return [...cachedTokens(`${synonyms ? 1 : 0}${keepStopWords ? 1 : 0}${text}`)];
}

/** Keyed by the two options' flags then the text (callers get a copy: the array is shared). */
const cachedTokens = boundedMemo<readonly string[]>(20_000, (key) => tokenizeUncached(key.slice(2), key[0] === '1', key[1] === '1'));

function tokenizeUncached(text: string, synonyms: boolean, keepStopWords: boolean): string[] {
  let normalized = text.toLowerCase();
  // accents: "café" and "cafe" are the same word to a texter (skipped for plain ASCII, the common case)
  if (/[^\x00-\x7f]/.test(normalized)) {
    normalized = normalized.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[\u2018\u2019\u02bc]/g, "'");
  }
  for (const [pattern, replacement] of PHRASES) {
    normalized = typeof replacement === 'string' ? normalized.replace(pattern, replacement) : normalized.replace(pattern, replacement);
  }

  const terms: string[] = [];
  // letters or digits, with an inner apostrophe ("don't") kept so contractions hit the stop list
  for (const match of normalized.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu)) {
    let word = match[0];
    if (word.endsWith("'s")) word = word.slice(0, -2); // "plumber's" → "plumber"
    // "you're", "we'd", "what's": a contraction of a stop word is one ("youre" is no topic)
    if (!keepStopWords && word.includes("'") && STOP_WORDS.has(word.slice(0, word.indexOf("'")))) continue;
    word = word.replace(/'/g, '');
    if (!keepStopWords && STOP_WORDS.has(word)) continue;
    const stemmed = cachedStem(word);
    if (!keepStopWords && STOP_WORDS.has(stemmed)) continue;
    terms.push(stemmed);
    if (synonyms) {
      const group = GROUP_OF.get(stemmed) ?? zipPrefixGroup(stemmed);
      if (group !== undefined) terms.push(group);
    }
  }
  return terms;
}

/**
 * US zip codes: "60614" and the "606xx" an owner writes for "all of Chicago" share a group
 * token, so a customer's exact zip finds the chunk that covers its prefix.
 */
function zipPrefixGroup(term: string): string | undefined {
  const m = /^(\d{3})(?:\d\d|xx)$/.exec(term);
  return m === null ? undefined : `~${m[1]}xx`;
}

/** True for the `~group` tokens {@link tokenize} adds. */
export function isSynonymToken(term: string): boolean {
  return term.startsWith('~');
}

/** The `~group` token of a stem, if it belongs to a synonym group. */
export function synonymGroupOf(stemmed: string): string | undefined {
  return GROUP_OF.get(stemmed);
}
