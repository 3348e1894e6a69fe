/**
 * Finds the checkable facts in an agent's reply (money, percentages, times, dates, durations and
 * any other number) that no source backs. The costly AI failures are a price, a discount or an
 * appointment time the business never gave (the $1 Tahoe, the invented refund policy, the slot
 * the calendar did not have), and each of them is a number or a date; so every reply, from the
 * builtin responder or an LLM, is checked against the passages it was given before it is sent.
 *
 * Facts are compared by meaning, not by spelling: "$89" matches "$89.00", "6pm" matches
 * "6:00 PM" and "18:00", "Wednesday" is backed by "Mon-Fri". Words for numbers ("ten percent")
 * are not parsed: a reply that spells a number out is not checked for it.
 */

/** The kinds of fact recognised. */
export type FactKind = 'money' | 'percent' | 'time' | 'date' | 'duration' | 'number';

/** A fact found in a text: its kind, the text as written, and the keys it is compared by. */
export interface Fact {
  kind: FactKind;
  text: string;
  keys: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY_FULL_RE = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';
const DAY_ANY_RE = '(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';
const AMOUNT = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const RANGE_SEP = '\\s?(?:-|to|through)\\s?';
const FREE_PHRASES = /\b(?:free(?:\s+of\s+charge)?|no\s+(?:extra\s+)?(?:charge|cost)|at\s+no\s+(?:extra\s+)?(?:charge|cost)|complimentary)\b/g;

interface Rule {
  kind: FactKind;
  pattern: RegExp;
  keys: (m: RegExpExecArray) => string[];
}

/** Rules in priority order: a span claimed by an earlier rule is not matched again by a later one. */
const RULES: readonly Rule[] = [
  {
    kind: 'money',
    // "$89", "$1,000", "$149 to $249", "$149-249", "usd 50", "$2k"
    pattern: new RegExp(`(?:\\$|\\busd\\s?)\\s?(${AMOUNT})(k\\b)?(?:${RANGE_SEP}\\$?(${AMOUNT})(k\\b)?)?`, 'gi'),
    keys: (m) => [moneyKey(m[1], m[2]), ...(m[3] === undefined ? [] : [moneyKey(m[3], m[4])])],
  },
  {
    kind: 'money',
    pattern: new RegExp(`\\b(${AMOUNT})\\s?(?:dollars?|bucks)\\b`, 'gi'),
    keys: (m) => [moneyKey(m[1], undefined)],
  },
  { kind: 'money', pattern: FREE_PHRASES, keys: () => ['money:0'] },
  {
    kind: 'percent',
    pattern: new RegExp(`(${AMOUNT})\\s?(?:%|percent\\b|per\\s+cent\\b|pct\\b)`, 'gi'),
    keys: (m) => [`percent:${num(m[1])}`],
  },
  {
    kind: 'date',
    pattern: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
    keys: (m) => dateKeys(Number(m[2]), Number(m[3])),
  },
  {
    kind: 'date',
    pattern: new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?`, 'gi'),
    keys: (m) => dateKeys(monthIndex(m[1]), Number(m[2])),
  },
  {
    kind: 'date',
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b`, 'gi'),
    keys: (m) => dateKeys(monthIndex(m[2]), Number(m[1])),
  },
  {
    kind: 'date',
    // US month/day; "24/7" fails the month check and is left to the number rule
    pattern: /\b(\d{1,2})\/(\d{1,2})(?:\/(?:\d{4}|\d{2}))?\b/g,
    keys: (m) => dateKeys(Number(m[1]), Number(m[2])),
  },
  {
    kind: 'time',
    // "3pm", "3 p.m.", "10:30am", "7:00 AM"
    // (the final dot is taken only in the dotted "p.m." form, never a sentence's full stop)
    pattern: /\b(\d{1,2})(?::([0-5]\d))?\s?(?:([ap])\.\s?m\.|([ap])\s?m\b)/gi,
    keys: (m) => {
      const hour = Number(m[1]) % 12;
      const pm = (m[3] ?? m[4] ?? '').toLowerCase() === 'p';
      return [`time:${(hour + (pm ? 12 : 0)) * 60 + Number(m[2] ?? 0)}`];
    },
  },
  {
    kind: 'time',
    // "18:00", or "7:00" with no am/pm, which could be either half of the day
    pattern: /\b([01]?\d|2[0-3]):([0-5]\d)\b/g,
    keys: (m) => {
      const minutes = Number(m[1]) * 60 + Number(m[2]);
      return Number(m[1]) > 12 || Number(m[1]) === 0 ? [`time:${minutes}`] : [`time:${minutes}`, `time:${minutes + 720}`];
    },
  },
  { kind: 'time', pattern: /\bnoon\b/gi, keys: () => ['time:720'] },
  { kind: 'time', pattern: /\bmidnight\b/gi, keys: () => ['time:0'] },
  {
    kind: 'duration',
    // "2-hour window", "3 to 4 hours", "1-year warranty", "30 mins"
    pattern: new RegExp(
      `\\b(${AMOUNT})(?:${RANGE_SEP}(${AMOUNT}))?[\\s-]?(minute|min|hour|hr|day|week|month|year|yr)s?\\b`,
      'gi',
    ),
    keys: (m) => {
      const unit = normalizeUnit(m[3] ?? '');
      return [`duration:${num(m[1])}:${unit}`, ...(m[2] === undefined ? [] : [`duration:${num(m[2])}:${unit}`])];
    },
  },
  { kind: 'date', pattern: /\b(today|tonight|tomorrow)\b/gi, keys: (m) => [`date:${(m[1] ?? '').toLowerCase()}`] },
  {
    kind: 'date',
    pattern: new RegExp(`\\b${DAY_FULL_RE}\\b`, 'gi'),
    keys: (m) => [`day:${(m[1] ?? '').slice(0, 3).toLowerCase()}`],
  },
  { kind: 'number', pattern: new RegExp(`(?:${AMOUNT})`, 'g'), keys: (m) => [`number:${num(m[0])}`] },
];

/** Finds the facts in a text, in order of appearance. */
export function extractFacts(text: string): Fact[] {
  const normalized = normalize(text);
  const claimed: Array<[number, number]> = [];
  const facts: Array<Fact & { at: number }> = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(normalized); m !== null; m = rule.pattern.exec(normalized)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0] === '') {
        rule.pattern.lastIndex++;
        continue;
      }
      if (claimed.some(([s, e]) => start < e && end > s)) continue;
      const keys = rule.keys(m).filter((k) => !k.includes('NaN'));
      if (keys.length === 0) continue;
      claimed.push([start, end]);
      facts.push({ kind: rule.kind, text: m[0].trim(), keys, at: start });
    }
  }
  return facts.sort((a, b) => a.at - b.at).map(({ kind, text: t, keys }) => ({ kind, text: t, keys }));
}

/** Every comparison key the sources back, including what their ranges ("Mon-Fri") imply. */
function sourceKeys(sources: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const source of sources) {
    const normalized = normalize(source);
    for (const fact of extractFacts(normalized)) for (const key of fact.keys) keys.add(key);
    // any digit run backs a bare number in a reply ("24/7", "license 058-192837", "7:00")
    for (const m of normalized.matchAll(new RegExp(AMOUNT, 'g'))) keys.add(`number:${num(m[0])}`);
    // day names and abbreviations, and every day inside a range of them
    const dayRange = new RegExp(`\\b${DAY_ANY_RE}\\b(?:\\.?\\s?(?:-|to|through|thru)\\s?\\b${DAY_ANY_RE}\\b)?`, 'gi');
    for (const m of normalized.matchAll(dayRange)) {
      const from = DAYS.indexOf((m[1] ?? '').slice(0, 3).toLowerCase());
      const to = m[2] === undefined ? from : DAYS.indexOf(m[2].slice(0, 3).toLowerCase());
      if (from < 0 || to < 0) continue;
      for (let d = from; ; d = (d + 1) % 7) {
        keys.add(`day:${DAYS[d]}`);
        if (d === to) break;
      }
    }
  }
  return keys;
}

/**
 * The facts (as written in `reply`) that no source supports, each once, in order. An empty array
 * means every money amount, percentage, time, date, duration and number in the reply appears in
 * at least one source. Pass everything the reply may legitimately draw on: the passages, the
 * business hours text, the business name (it may contain digits), the contact's own messages only
 * if repeating them back is acceptable.
 */
export function unsupportedFacts(reply: string, sources: readonly string[]): string[] {
  return unsupportedFactDetails(reply, sources).map((f) => f.text);
}

/** Like {@link unsupportedFacts}, with each fact's kind, for logs and for deciding what to do. */
export function unsupportedFactDetails(reply: string, sources: readonly string[]): Fact[] {
  const facts = extractFacts(reply);
  if (facts.length === 0) return [];
  const backed = sourceKeys(sources);
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const fact of facts) {
    // a fact with several keys (an ambiguous "7:00", a "$149-249" range) needs each of its values
    // backed, except an ambiguous time, which needs one of its readings
    const ok = fact.kind === 'time' ? fact.keys.some((k) => backed.has(k)) : fact.keys.every((k) => backed.has(k));
    if (ok || seen.has(fact.text.toLowerCase())) continue;
    seen.add(fact.text.toLowerCase());
    out.push(fact);
  }
  return out;
}

/** Typographic forms LLMs love, folded so "–" ranges and "’" do not hide a fact. */
function normalize(text: string): string {
  return text
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\u00a0/g, ' ');
}

function num(raw: string | undefined): string {
  const value = Number((raw ?? '').replace(/,/g, ''));
  return Number.isFinite(value) ? String(value) : 'NaN';
}

function moneyKey(amount: string | undefined, thousands: string | undefined): string {
  const value = Number((amount ?? '').replace(/,/g, '')) * (thousands === undefined ? 1 : 1000);
  return Number.isFinite(value) ? `money:${value}` : 'NaN';
}

function monthIndex(name: string | undefined): number {
  return MONTHS.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
}

function dateKeys(month: number, day: number): string[] {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? [`date:${month}-${day}`] : [];
}

function normalizeUnit(unit: string): string {
  const u = unit.toLowerCase();
  if (u.startsWith('min')) return 'minute';
  if (u.startsWith('h')) return 'hour';
  if (u.startsWith('y')) return 'year';
  return u;
}
