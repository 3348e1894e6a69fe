/**
 * Reads a knowledge passage as its writer laid it out, into the units a reply can quote: a prose
 * sentence, a list item (one item is one unit), a table row (markdown, tab- or comma-separated,
 * said with its column names) and an FAQ answer — each with the context that gives it meaning: the
 * headings over it, the question it answers, its table's columns. Owners write "## Crowns" above
 * "Same-day, one appointment", a lead-in ("Bring to your appointment:") above a list, "| Service |
 * Price |" above "| Exam and cleaning | $129 |"; a customer's words often match the context and the
 * answer only together. Every unit's text is plain: no markdown syntax (#, |, *, ---) survives.
 *
 * Scope, as a reader would take it: a markdown heading (`#`…`######`) lasts until a heading of its
 * level or higher; a bold line (`**Ordering**`) is one level below any markdown heading; a short
 * plain line ("Cancellations") lasts until the next heading of any kind; a lead-in ending in a
 * colon lasts for the list under it. A question — marked ("Q:"), a heading ending in "?", or a
 * sentence ending in "?" followed by text — owns what follows until the next question or heading
 * (an unmarked one also ends at a blank line once its answer started).
 */
import { stripMarkdown } from '../guardrails/fit-sms.js';
import { splitSentences } from './split-sentences.js';
import { hasVerb } from './english.js';
import { commaTables, isSeparatorRow, looksLikeHeader, tableCells, tableRowSentence, withPeriod } from './table-rows.js';
import { boundedMemo } from './bounded-memo.js';

export type UnitKind = 'sentence' | 'item' | 'row' | 'answer';

/** One quotable unit of a passage. */
export interface PassageUnit {
  kind: UnitKind;
  /** The unit as plain sentence(s), ready to quote. */
  text: string;
  /** The headings over it, outermost first (a list's lead-in counts as one). */
  headings: readonly string[];
  /** The FAQ question it answers (every unit of one answer shares it), else null. */
  question: string | null;
  /** Its table's column names (a row with a header), else empty. */
  columns: readonly string[];
  /** Which question-and-answer pair it belongs to (0, 1, …), or -1 outside any. */
  pair: number;
  /** The source line (0-based, blank lines counted): sentences of one line share it. */
  line: number;
  /** Whether it reads right only after its heading: a list item, a label line or a verbless fragment outside an answer. */
  needsHeading: boolean;
}

/** The words around a unit that say what it is about: its headings, its question, its columns. */
export function unitContext(unit: PassageUnit): string {
  return [...unit.headings, unit.question ?? '', ...unit.columns].filter((s) => s !== '').join('\n');
}

/** The innermost heading of a unit, the one said before it when it needs one. */
export function unitHeading(unit: PassageUnit): string | null {
  return unit.headings[unit.headings.length - 1] ?? null;
}

const QUESTION_MARKER = /^(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:q|question)\s*\d*\s*(?:\*\*|__)?\s*[:.)]\s*(?:\*\*|__)?\s*/i;
const ANSWER_MARKER = /^(?:\*\*|__)?\s*(?:a|answer)\s*\d*\s*(?:\*\*|__)?\s*[:)]\s*(?:\*\*|__)?\s*/i;
const LIST_ITEM = /^(?:[-*+\u2022]|\d{1,2}[.)])\s+/;
const RULE = /^(?:[-*_]\s*){3,}$/;
const MARKDOWN_HEADING = /^(#{1,6})\s+(.+?)(?:\s+#+)?$/;
const BOLD_LINE = /^(?:\*\*|__)([^*_]+)(?:\*\*|__):?$/;

/** Heading levels below markdown's six: a bold line, a short plain line, a list's lead-in. */
const BOLD_LEVEL = 7;
const PLAIN_LEVEL = 8;
const LEAD_IN_LEVEL = 9;

/**
 * The units of a passage, in order. Remembered per text (bounded): one reply reads the same
 * passages several times (passage picking, sentence picking, each question of several).
 */
export const readPassage: (text: string) => readonly PassageUnit[] = boundedMemo(5_000, (text) => readUncached(text));

interface OpenQuestion {
  text: string;
  pair: number;
  /** Unmarked questions (a sentence ending in "?") end at a blank line once answered. */
  unmarked: boolean;
  answered: boolean;
}

function readUncached(text: string): PassageUnit[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const commaRows = commaTables(lines);
  const units: PassageUnit[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  let question: OpenQuestion | null = null;
  let pairs = 0;
  let table: { header: string[] | null } | null = null;

  const nextLine = (i: number): string | undefined => lines.slice(i + 1).find((l) => l !== '');
  const openHeading = (level: number, heading: string): void => {
    while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= level) headings.pop();
    if (heading !== '') headings.push({ level, text: sentenceCase(heading) });
    question = null;
  };
  const openQuestion = (q: string, unmarked: boolean): void => {
    question = { text: q, pair: pairs++, unmarked, answered: false };
  };
  const push = (kind: UnitKind, unitText: string, line: number, extra: Partial<PassageUnit> = {}): void => {
    const said = plain(unitText);
    if (said === '' || /^[.!?:]$/.test(said)) return;
    const q = question as OpenQuestion | null;
    if (q !== null) q.answered = true;
    units.push({
      kind: q !== null ? 'answer' : kind,
      text: said,
      headings: headings.map((h) => h.text),
      question: q?.text ?? null,
      columns: [],
      pair: q?.pair ?? -1,
      line,
      needsHeading: false,
      ...extra,
    });
  };

  lines.forEach((line, i) => {
    if (line === '') {
      // a blank line ends a lead-in and an answered unmarked question
      if (headings[headings.length - 1]?.level === LEAD_IN_LEVEL) headings.pop();
      const q = question as OpenQuestion | null;
      if (q !== null && q.unmarked && q.answered) question = null;
      table = null;
      return;
    }
    const isItem = LIST_ITEM.test(line) && !RULE.test(line);
    // a lead-in lasts for its list only
    if (!isItem && headings[headings.length - 1]?.level === LEAD_IN_LEVEL) headings.pop();
    if (RULE.test(line)) return;

    const cells = tableCells(line);
    const comma = commaRows[i];
    if (cells !== null || comma !== null) {
      if (cells !== null && isSeparatorRow(cells)) return;
      const row = cells ?? comma?.cells ?? [];
      if (table === null) {
        const next = nextLine(i) ?? '';
        const nextCells = tableCells(next);
        const headed =
          cells === null ? comma?.isHeader === true : (nextCells !== null && isSeparatorRow(nextCells)) || (looksLikeHeader(row) && nextCells !== null);
        table = { header: headed ? row : cells === null ? (comma?.header ?? null) : null };
        if (headed) return;
      }
      const header = (table as { header: string[] | null }).header;
      push('row', tableRowSentence(row, header), i, { columns: header ?? [] });
      return;
    }
    table = null;

    const marked = QUESTION_MARKER.exec(line);
    if (marked !== null) {
      openQuestion(plain(line.slice(marked[0].length)), false);
      return;
    }
    const heading = MARKDOWN_HEADING.exec(line) ?? BOLD_LINE.exec(line);
    if (heading !== null) {
      const level = heading[1]?.startsWith('#') === true ? heading[1].length : BOLD_LEVEL;
      const said = plain(heading[heading.length - 1] ?? '').replace(/:$/, '');
      if (said.endsWith('?')) {
        // "**How long does a new roof take?**": a question, its answer below
        openHeading(level, '');
        openQuestion(said, false);
      } else openHeading(level, said);
      return;
    }
    const next = nextLine(i);
    if (!isItem && line.endsWith(':') && next !== undefined && LIST_ITEM.test(next) && line.split(/\s+/).length <= 20) {
      openHeading(LEAD_IN_LEVEL, plain(line).replace(/:$/, ''));
      return;
    }
    if (!isItem && isHeadingLine(line, next)) {
      openHeading(PLAIN_LEVEL, plain(line).replace(/:$/, ''));
      return;
    }

    const body = labelledValue(stripMarkdown(line.replace(LIST_ITEM, '').replace(ANSWER_MARKER, '')));
    if (isItem) {
      // one item is one unit, however many sentences it has; its heading is its context
      push('item', splitSentences(body).map(withPeriod).join(' '), i, { needsHeading: question === null });
      return;
    }
    const sentences = splitSentences(body);
    if (sentences.length === 1 && isLabelLine(sentences[0] as string)) {
      // "Cat spay: $250" on a line of its own is an entry of a list written without bullets
      const said = sentences[0] as string;
      push('item', withPeriod(said), i, { needsHeading: question === null && headings.length > 0 && !hasVerb(said) });
      return;
    }
    sentences.forEach((sentence, s) => {
      if (sentence.endsWith('?')) {
        // a question in prose ("Hail damage? We work with every insurer.") owns what follows it
        openQuestion(sentence, true);
        return;
      }
      const fragment = question === null && s === 0 && headings.length > 0 && !hasVerb(sentence);
      push('sentence', withPeriod(sentence), i, { needsHeading: fragment });
    });
  });
  return units;
}

/** "Label: value" — a short label, then a figure or a few words ("Cat spay: $250", "Roof inspection: Free"). */
function isLabelLine(sentence: string): boolean {
  const m = /^([^:]{2,80}):\s+(\S.*)$/.exec(sentence);
  return m !== null && !/[.!?]\s/.test(m[1] as string) && (/[\d\p{Sc}]/u.test(m[2] as string) || sentence.split(/\s+/).length <= 8);
}

/** "LESSONS" said before a line reads as shouting: an all-capitals heading is said "Lessons" ("FAQ" stays). */
function sentenceCase(heading: string): string {
  if (/\p{Ll}/u.test(heading) || heading.replace(/[^\p{L}]/gu, '').length <= 4) return heading;
  return heading.charAt(0) + heading.slice(1).toLowerCase();
}

/** Plain text of a unit: markdown gone, a stray bar said as a comma, spaces folded. */
function plain(text: string): string {
  return stripMarkdown(text)
    .replace(/\s*\|\s*/g, ', ')
    .replace(/^[,\s]+|[,\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A price-list line read as "label: value": dotted leaders ("Small lawn ..... $45") and a dash
 * before an amount ("Spring cleanup - from $250") become a colon, so the line stays one sentence
 * that names what the price is for.
 */
export function labelledValue(line: string): string {
  return line
    .replace(/\s*(?:\.{2,}|\u2026)\s*(?=(?:from |starting at |approx\.? )?[\p{Sc}\d])/giu, ': ')
    .replace(/^([^:\p{Sc}\d]{2,60}?)\s+[-\u2013\u2014]\s+(?=(?:from |starting at |approx\.? )?\p{Sc})/iu, '$1: ');
}

/**
 * A heading, in markdown ("## Prices", "**Prices**") or plain ("Cancellations" on a line of its
 * own above its text, "Our prices:"): short, no sentence punctuation, no figures, and followed
 * by more text. Headings name a section; quoted as a sentence they read as nonsense.
 */
export function isHeadingLine(line: string, next: string | undefined): boolean {
  if (/^#{1,6}\s+/.test(line) || /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(line)) return true;
  if (next === undefined || LIST_ITEM.test(line) || /[\d\p{Sc}%]/u.test(line)) return false;
  const words = line.split(/\s+/).length;
  if (/:$/.test(line) && words <= 6) return true;
  // "Mowing prices (per visit)" is a heading; "We are open (weekdays)" is a sentence
  // "We mow, edge and blow" is a sentence
  return words <= 5 && !/[.!?;,:"]$/.test(line) && /^[\p{Lu}]/u.test(line) && ((!line.endsWith(')') && !line.includes(',')) || !hasVerb(line));
}
