/**
 * Answer composition: the sentences of one passage that answer a question, read for structure
 * (FAQ pairs answered from their start, list items under their heading, markdown table rows as
 * sentences, headings never quoted), and the hours answer; everything cut to the SMS budget.
 */
import { splitSentences } from '../knowledge/chunk-text.js';
import { hasVerb } from '../knowledge/english.js';
import { expandQuery } from '../knowledge/query-expansion.js';
import { tokenize } from '../knowledge/tokenize.js';
import { cutAtBoundary, fitSms, stripMarkdown, toGsmFriendly } from '../guardrails/fit-sms.js';
import type { BuiltinInput, BuiltinPassage } from './types.js';

/** The hours answer: the business's hours text, and whether it is open now. */
export function hoursAnswer(input: BuiltinInput): string {
  return hoursSentences(input, true).join(' ');
}

/**
 * The hours answer as the hours, then whether we are open now: beside another answer, "we're
 * open right now" is the part to leave out if room is short, unless the question is about now
 * (`nowMatters`), when the two stay one.
 */
export function hoursSentences(input: BuiltinInput, nowMatters: boolean): string[] {
  const hours = `Our hours: ${withPeriod(toGsmFriendly(stripMarkdown(input.businessHoursText)).replace(/\s+/g, ' ').trim())}`;
  const now = input.isOpenNow ? "We're open right now." : "We're closed right now.";
  return nowMatters ? [`${hours} ${now}`] : [hours, now];
}

export function asksAboutNow(question: string): boolean {
  return /\b(?:now|today|tonight|currently|still|yet)\b/i.test(question);
}


/** A sentence of a passage, ready to quote. */
export interface Candidate {
  text: string;
  position: number;
  /** Which line of the passage it came from: continuing a sentence stays within its line. */
  line: number;
  /** The heading over a list item ("What we fix"), said once before the items quoted. */
  listHeading: string | null;
  score: number;
}

/**
 * The reply built from one passage: for an FAQ pair, its answer from the start; otherwise the
 * sentences that share the most (rare) words with the question. Null when nothing is quotable.
 */
export function answerFromPassage(passage: BuiltinPassage, question: string, maxChars: number): string | null {
  // sentences in passage order while they fit; the first is always kept (and cut if it must be)
  const parts: string[] = [];
  for (const sentence of sentencesFor(passage, question)) {
    if (parts.length > 0 && [...parts, sentence].join(' ').length > maxChars) break;
    parts.push(sentence);
  }
  const text = fitToChars(parts.join(' '), maxChars);
  return text === '' ? null : text;
}

/**
 * The sentences of a passage that answer `question`, in passage order, at most four, a list
 * item prefixed by its heading the first time that heading comes up. Empty when nothing is
 * quotable.
 */
export function sentencesFor(passage: BuiltinPassage, question: string): string[] {
  const { candidates, isFaq } = candidatesOf(passage.text, question);
  if (candidates.length === 0) return [];

  let chosen: Candidate[];
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.position - b.position);
  const top = ranked[0] as Candidate;
  if (isFaq || top.score <= 0) {
    // an FAQ answer is read from its start; a passage that matched only by its title, likewise
    chosen = candidates;
  } else {
    // the best sentence, others that match nearly as well, and, for prose, the sentence right
    // after the best one on the same line when nothing else was picked ("…is $149 to $249.
    // Main sewer line rodding starts at $299.")
    const keep = new Set<Candidate>([top]);
    for (const c of ranked.slice(1)) if (c.score >= top.score * 0.6) keep.add(c);
    const next = candidates.find((c) => c.position === top.position + 1);
    if (keep.size === 1 && next !== undefined && next.line === top.line && top.listHeading === null) keep.add(next);
    chosen = candidates.filter((c) => keep.has(c));
  }

  const sentences: string[] = [];
  let heading: string | null = null;
  for (const c of chosen.slice(0, 4)) {
    const prefix = c.listHeading !== null && c.listHeading !== heading ? `${c.listHeading}: ` : '';
    sentences.push(prefix + c.text);
    heading = c.listHeading ?? heading;
  }
  return sentences;
}

/**
 * Quotable sentences of a passage, each scored by the question's words it contains, a word
 * weighing more the fewer sentences of the passage share it (within a water-heater passage,
 * "water heater" tells nothing about which sentence answers "what brands do you install").
 */
export function candidatesOf(passageText: string, question: string): { candidates: Candidate[]; isFaq: boolean } {
  const questionTerms = new Map<string, number>(tokenize(question).map((t) => [t, t.startsWith('~') ? 0.5 : 1]));
  // a question word the passage words differently ("aerating" / "aeration", "picture" / "photo")
  // picks its sentence through the same expansion retrieval used
  const passageTerms = new Set(tokenize(passageText));
  for (const alternatives of expandQuery(question, (t) => passageTerms.has(t), passageTerms).values()) {
    // weaker evidence than a word as written, like a synonym-group token
    for (const { term, weight } of alternatives) if ((questionTerms.get(term) ?? 0) < weight / 2) questionTerms.set(term, weight / 2);
  }
  const lines = passageText.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let heading: string | null = null;
  let isFaq = false;
  const sentences: Array<Omit<Candidate, 'score'> & { terms: Set<string> }> = [];
  let tableHeader: string[] | null = null;
  lines.forEach((line, lineIndex) => {
    // a markdown table row is read as a sentence ("Full colour: $120."), never copied with its bars
    const cells = tableCells(line);
    if (cells !== null) {
      const previousIsRow = lineIndex > 0 && tableCells(lines[lineIndex - 1] ?? '') !== null;
      const nextIsSeparator = /^\|?[\s:|-]+\|?$/.test(lines[lineIndex + 1] ?? '') && (lines[lineIndex + 1] ?? '').includes('-');
      if (cells.every((c) => /^:?-+:?$/.test(c) || c === '')) return; // the separator row
      if (!previousIsRow) tableHeader = null;
      if (!previousIsRow && (nextIsSeparator || (!/[\d$]/.test(cells.join(' ')) && tableCells(lines[lineIndex + 1] ?? '') !== null))) {
        tableHeader = cells;
        return;
      }
      const text = tableRowSentence(cells, tableHeader);
      if (text !== '') {
        sentences.push({ text, position: sentences.length, line: lineIndex, listHeading: null, terms: new Set(tokenize(`${text} ${heading ?? ''}`)) });
      }
      return;
    }
    if (isHeadingLine(line, lines[lineIndex + 1])) {
      heading = stripMarkdown(line).replace(/:$/, '');
      return;
    }
    if (/^(?:\*\*)?\s*(?:q|question)\s*\d*\s*(?:\*\*)?\s*[:.)]/i.test(line)) {
      isFaq = true; // the question itself is not part of the answer
      return;
    }
    const isListItem = /^[-*+\u2022]\s+/.test(line);
    const body = labelledValue(stripMarkdown(line.replace(/^(?:\*\*)?\s*(?:a|answer)\s*\d*\s*(?:\*\*)?\s*[:)]\s*/i, '')));
    if (body === '') return;
    // a heading that asks a question is an FAQ question: its answer stands without it
    const context = heading !== null && !heading.endsWith('?') ? heading : null;
    splitSentences(body).forEach((sentence, i) => {
      sentences.push({
        text: withPeriod(sentence),
        position: sentences.length,
        line: lineIndex,
        // a list item, a price line or a verbless fragment ("Tree removal, sprinkler repair.")
        // means something only under its heading ("What we don't do"), so it is said with it
        listHeading: isListItem || (i === 0 && context !== null && !hasVerb(sentence)) ? context : null,
        terms: new Set(tokenize(`${sentence} ${heading ?? ''}`)),
      });
    });
  });

  const sentenceFrequency = new Map<string, number>();
  for (const s of sentences) for (const t of s.terms) sentenceFrequency.set(t, (sentenceFrequency.get(t) ?? 0) + 1);
  const candidates: Candidate[] = sentences.map(({ terms, ...rest }) => {
    let score = 0;
    for (const term of terms) {
      const weight = questionTerms.get(term);
      if (weight === undefined) continue;
      const rarity = Math.log(1 + sentences.length / (sentenceFrequency.get(term) ?? 1));
      score += weight * rarity;
    }
    return { ...rest, score };
  });

  // an unmarked FAQ chunk ("Do you take cards?\nYes, …") also starts with its question
  const first = candidates[0];
  if (!isFaq && first !== undefined && first.text.endsWith('?') && candidates.length > 1) {
    isFaq = true;
    candidates.shift();
  }
  return { candidates, isFaq };
}

/**
 * A price-list line read as "label: value": dotted leaders ("Small lawn ..... $45") and a dash
 * before an amount ("Spring cleanup - from $250") become a colon, so the line stays one sentence
 * that names what the price is for.
 */
export function labelledValue(line: string): string {
  return line
    .replace(/\s*(?:\.{2,}|\u2026)\s*(?=(?:from |starting at |approx\.? )?[$\d])/gi, ': ')
    .replace(/^([^:$\d]{2,60}?)\s+[-\u2013\u2014]\s+(?=(?:from |starting at |approx\.? )?\$)/i, '$1: ');
}

/** The cells of a table row ("| a | b |", "a | b", or tab-separated), or null for any other line. */
export function tableCells(line: string): string[] | null {
  const t = line.trim();
  const cells = (parts: string[]): string[] | null => (parts.length >= 2 ? parts.map((c) => stripMarkdown(c.trim())) : null);
  if (/^\|.*\|$/.test(t) && t.length >= 3) return cells(t.slice(1, -1).split('|'));
  // a row pasted from a spreadsheet ("Haircut<TAB>$35") or markdown without the outer bars
  // ("Haircut | $35", "---|---")
  if (t.includes('\t')) return cells(t.split(/\t+/));
  if (/\S\s*\|\s*\S/.test(t) && (/ \| /.test(t) || /^[\s:|-]+$/.test(t))) return cells(t.split('|'));
  return null;
}

/**
 * A table row as a sentence: "Gutter cleaning: $149." for two columns; with more, each value
 * after the first is named by its column ("Haircut: Price $35, Time 30 min.").
 */
export function tableRowSentence(cells: readonly string[], header: readonly string[] | null): string {
  const [first, ...rest] = cells;
  // an empty, dash or "n/a" cell says "not offered": it is left out, never read as "Cats -"
  const values = rest.map((v, i) => ({ v, h: header?.[i + 1] ?? '' })).filter((x) => !/^(?:|[-\u2013\u2014]+|n\/?a)$/i.test(x.v.trim()));
  if (first === undefined || first === '') return '';
  if (values.length === 0) return withPeriod(first);
  // one value of a two-column row needs no name; of a wider row it does ("DHPP: Dogs $35.")
  if (values.length === 1 && (rest.length === 1 || !values[0]?.h)) return withPeriod(`${first}: ${values[0]?.v}`);
  if (values.length === 1) return withPeriod(`${first}: ${values[0]?.h} ${values[0]?.v}`);
  return withPeriod(`${first}: ${values.map((x) => (x.h ? `${x.h} ${x.v}` : x.v)).join(', ')}`);
}

/**
 * A heading, in markdown ("## Prices", "**Prices**") or plain ("Cancellations" on a line of its
 * own above its text, "Our prices:"): short, no sentence punctuation, no figures, and followed
 * by more text. Headings name a section; quoted as a sentence they read as nonsense.
 */
export function isHeadingLine(line: string, next: string | undefined): boolean {
  if (/^#{1,6}\s+/.test(line) || /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(line)) return true;
  if (next === undefined || /^[-*+\u2022]\s+/.test(line) || /[\d$%]/.test(line)) return false;
  const words = line.split(/\s+/).length;
  if (/:$/.test(line) && words <= 6) return true;
  // "Mowing prices (per visit)" is a heading; "We are open (weekdays)" is a sentence
  return words <= 5 && !/[.!?;,:"]$/.test(line) && /^[\p{Lu}]/u.test(line) && (!line.endsWith(')') || !hasVerb(line));
}

export function withPeriod(text: string): string {
  const t = text.trim();
  return /[.!?:)]$/.test(t) ? t : `${t}.`;
}

/** SMS-clean `text` and cut it to `maxChars` at a sentence or word boundary. */
export function fitToChars(text: string, maxChars: number): string {
  const clean = fitSms(text, { maxSegments: Math.max(1, Math.ceil(maxChars / 153)) });
  return cutAtBoundary(clean, maxChars);
}
