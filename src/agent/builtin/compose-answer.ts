/**
 * Answer composition: the units of one passage that answer a question, as the structure reader
 * gives them (knowledge/passage-structure.ts: FAQ answers read from their start, list items said
 * under their heading, table rows as sentences with their columns, headings never quoted), and
 * the hours answer; everything cut to the SMS budget.
 */
import { readPassage, unitContext, unitHeading, type UnitKind } from '../knowledge/passage-structure.js';
import { expandQuery } from '../knowledge/query-expansion.js';
import { withPeriod } from '../knowledge/table-rows.js';
import { questionParts } from './question-parts.js';
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


/** A unit of a passage (see knowledge/passage-structure.ts), scored for one question. */
export interface Candidate {
  text: string;
  position: number;
  /** Which line of the passage it came from: continuing a sentence stays within its line. */
  line: number;
  /** The heading said once before it (a list item's, a label line's: "What we fix"), or null. */
  listHeading: string | null;
  /** The question-and-answer pair it answers (an answer is read from its start), or -1. */
  pair: number;
  /** What it is (see `PassageUnit`) and where: units of one table or list share a scope. */
  kind: UnitKind;
  scope: string;
  /** The question's terms its own text holds (its context's not counted). */
  matched: ReadonlySet<string>;
  score: number;
}

/**
 * The reply built from one passage: for an FAQ pair, its answer from the start; otherwise the
 * units that share the most (rare) words with the question. Null when nothing is quotable.
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
 * The units of a passage that answer `question`, in passage order, at most four, a list item
 * prefixed by its heading the first time that heading comes up. A text that asks two things of
 * one passage ("how long is the warranty and does it transfer?") gets the best unit for each.
 * Empty when nothing is quotable.
 */
export function sentencesFor(passage: BuiltinPassage, question: string): string[] {
  const parts = questionParts(question);
  let chosen: Candidate[] = [];
  if (parts.length >= 2) {
    const picked = new Map<number, Candidate>();
    for (const part of parts) for (const c of unitsAnswering(passage.text, part, false)) picked.set(c.position, c);
    chosen = [...picked.values()].sort((a, b) => a.position - b.position);
  }
  if (chosen.length === 0) chosen = unitsAnswering(passage.text, question, true);

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
 * The units that answer one question, in passage order: an FAQ answer from its start; else the
 * best unit, others that match nearly as well and, for prose, the sentence after the best one on
 * its line. With nothing matching, the whole passage from its start (it matched by its title).
 * For one question of several (`alone` false) only the best unit, or an answer's first two, and
 * nothing when nothing matches.
 */
function unitsAnswering(passageText: string, question: string, alone: boolean): Candidate[] {
  const candidates = candidatesOf(passageText, question);
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.position - b.position);
  const top = ranked[0];
  if (top === undefined || top.score <= 0) return alone ? candidates : [];
  if (top.pair >= 0) return candidates.filter((c) => c.pair === top.pair).slice(0, alone ? undefined : 2);
  if (!alone) return [top];
  // "…is $149 to $249. Main sewer line rodding starts at $299.": the next sentence of the same
  // line, when nothing else was picked; never a sentence of some other question's answer
  const keep = new Set<Candidate>([top]);
  for (const c of ranked.slice(1)) if (c.pair < 0 && c.score >= top.score * 0.6) keep.add(c);
  const next = candidates.find((c) => c.position === top.position + 1);
  if (keep.size === 1 && next !== undefined && next.line === top.line && next.pair < 0 && top.listHeading === null) keep.add(next);
  return candidates.filter((c) => keep.has(c) && (c === top || !lacksWhatSetsTopApart(c, top)));
}

/**
 * Whether `other`, a row or item beside the best one in the same table or list, lacks a question
 * word the best one holds in its own text: "returning patient" picks the "Returning patient exam"
 * row, and its "New patient exam" neighbour, which shares every other word, says nothing more.
 */
function lacksWhatSetsTopApart(other: Candidate, top: Candidate): boolean {
  if (other.scope !== top.scope || (top.kind !== 'row' && top.kind !== 'item')) return false;
  for (const term of top.matched) if (!other.matched.has(term)) return true;
  return false;
}

/**
 * How much a question word found only in a unit's context (its headings, question, columns) counts
 * next to one in its own text: under "Spay and neuter surgery", "cat spay" is the line "Cat spay:
 * $250", not "Cat neuter: $180" that has the heading's "spay" only.
 */
export const CONTEXT_WEIGHT = 0.85;

/**
 * Quotable units of a passage, each scored by the question's words it holds — in its own text or
 * in its context (headings, FAQ question, column names) — a word weighing more the fewer units of
 * the passage share it (within a water-heater passage, "water heater" tells nothing about which
 * sentence answers "what brands do you install").
 */
export function candidatesOf(passageText: string, question: string): Candidate[] {
  const questionTerms = new Map<string, number>(tokenize(question).map((t) => [t, t.startsWith('~') ? 0.5 : 1]));
  // a question word the passage words differently ("aerating" / "aeration", "picture" / "photo")
  // picks its unit through the same expansion retrieval used
  const passageTerms = new Set(tokenize(passageText));
  for (const alternatives of expandQuery(question, (t) => passageTerms.has(t), passageTerms).values()) {
    // weaker evidence than a word as written, like a synonym-group token
    for (const { term, weight } of alternatives) if ((questionTerms.get(term) ?? 0) < weight / 2) questionTerms.set(term, weight / 2);
  }
  const units = readPassage(passageText);
  const termsOf = units.map((u) => new Set(tokenize(`${u.text}\n${unitContext(u)}`)));
  const unitFrequency = new Map<string, number>();
  for (const terms of termsOf) for (const t of terms) unitFrequency.set(t, (unitFrequency.get(t) ?? 0) + 1);
  return units.map((unit, position) => {
    const own = new Set(tokenize(unit.text));
    let score = 0;
    for (const term of termsOf[position] ?? []) {
      const weight = questionTerms.get(term);
      if (weight === undefined) continue;
      score += weight * Math.log(1 + units.length / (unitFrequency.get(term) ?? 1)) * (own.has(term) ? 1 : CONTEXT_WEIGHT);
    }
    const matched = new Set([...own].filter((t) => questionTerms.has(t)));
    return {
      text: unit.text,
      position,
      line: unit.line,
      listHeading: unit.needsHeading ? unitHeading(unit) : null,
      pair: unit.pair,
      kind: unit.kind,
      scope: `${unit.kind}\n${unit.headings.join('\n')}\n${unit.columns.join('\n')}`,
      matched,
      score,
    };
  });
}

/** SMS-clean `text` and cut it to `maxChars` at a sentence or word boundary. */
export function fitToChars(text: string, maxChars: number): string {
  const clean = fitSms(text, { maxSegments: Math.max(1, Math.ceil(maxChars / 153)) });
  return cutAtBoundary(clean, maxChars);
}
