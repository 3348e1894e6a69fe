/**
 * Splits one knowledge-base entry into retrieval chunks. Small, self-contained chunks make both
 * BM25 and the builtin responder precise (it answers with sentences of one chunk), so the split
 * follows the writer's structure: an FAQ pair ("Q: … A: …", "Question/Answer", or a line ending in
 * "?" followed by its answer) and a markdown heading with its section each stay one unit, plain
 * paragraphs are packed together, and anything too long is cut between sentences, never mid-word.
 */
import { isHeadingLine } from './passage-structure.js';
import { splitSentences } from './split-sentences.js';

/** Options for {@link chunkKnowledgeEntry}. */
export interface ChunkOptions {
  /** Upper bound for a chunk's text, in UTF-16 code units. Default 600. */
  maxChars?: number;
  /**
   * Characters of the previous chunk (whole sentences, else whole words) repeated at the start of
   * the next one when a long text is cut. Default 0: chunks are cut between sentences, and an FAQ
   * answer that is cut carries its question along, so short KB entries lose nothing without it;
   * long prose may want ~100.
   */
  overlapChars?: number;
}

/** One chunk of an entry; `ordinal` is its 0-based position within the entry. */
export interface KnowledgeChunk {
  ordinal: number;
  text: string;
}

/** A structural unit before packing: an FAQ pair, a headed section or a plain paragraph. */
interface Unit {
  kind: 'qa' | 'section' | 'para';
  head: string | null;
  lines: string[];
  /** An unmarked FAQ pair ends with its answer's paragraph; marked ones run to the next question. */
  endsWithParagraph?: boolean;
}

/** A piece of text to pack, with the separator that goes before it when it is not first. */
interface Piece {
  text: string;
  sep: string;
}

const QUESTION_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:q|question)\s*\d*\s*(?:\*\*|__)?\s*[:.)]/i;
const HEADING_LINE = /^\s*(?:#{1,6}\s+\S.*|(?:\*\*|__)[^*_]+(?:\*\*|__):?)\s*$/;

/**
 * Chunks a knowledge entry. Returns chunks in document order; an entry with no content returns [].
 * The title is not copied into the chunks: index it as each chunk's title field (BM25 weighs it).
 * A single word longer than `maxChars` (a long URL) is kept whole, the one case a chunk can exceed it.
 */
export function chunkKnowledgeEntry(
  entry: { title: string; content: string },
  options: ChunkOptions = {},
): KnowledgeChunk[] {
  const maxChars = Math.max(40, options.maxChars ?? 600);
  const overlapChars = Math.max(0, Math.min(options.overlapChars ?? 0, Math.floor(maxChars / 2)));
  const units = parseUnits(entry.content);

  const texts: string[] = [];
  let paraPieces: Piece[] = [];
  const flushParas = (): void => {
    texts.push(...pack(paraPieces, maxChars, overlapChars));
    paraPieces = [];
  };

  for (const unit of units) {
    if (unit.kind === 'para') {
      const whole = unit.lines.join('\n');
      const header = whole.length <= maxChars ? null : tableHeaderOf(unit.lines);
      if (whole.length <= maxChars) paraPieces.push({ text: whole, sep: '\n\n' });
      else if (header !== null) {
        // a long table keeps its header on every chunk, so a row is never read without its columns
        flushParas();
        texts.push(...pack(sentencePieces(unit.lines), maxChars, overlapChars, header));
      } else if (headsItsLines(unit.lines)) {
        // a long list under a plain heading or a lead-in ("Bring to your appointment:") keeps it on
        // every chunk, as a markdown heading does: an item is never read without what it is part of
        flushParas();
        texts.push(...chunkHeaded({ kind: 'section', head: unit.lines[0] ?? null, lines: unit.lines.slice(1) }, maxChars, overlapChars));
      } else paraPieces.push(...withFirstSep(sentencePieces(unit.lines), '\n\n'));
      continue;
    }
    flushParas();
    texts.push(...chunkHeaded(unit, maxChars, overlapChars));
  }
  flushParas();

  return texts.filter((t) => t.trim() !== '').map((text, ordinal) => ({ ordinal, text }));
}

/** Reads the entry line by line into FAQ pairs, headed sections and paragraphs. */
function parseUnits(content: string): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  // A heading with nothing under it yet (e.g. "## Pricing" right above "Q: …") is not a chunk of
  // its own: it rides along as context on the head of the next unit.
  let pendingHead: string | null = null;
  const open = (kind: Unit['kind'], head: string | null, lines: string[]): Unit => {
    if (current !== null) {
      if (current.kind === 'section' && current.lines.length === 0) pendingHead = current.head;
      else units.push(current);
    }
    const carried = pendingHead;
    pendingHead = null;
    if (carried === null) return { kind, head, lines };
    if (head !== null) return { kind, head: `${carried}\n${head}`, lines };
    return { kind: 'section', head: carried, lines };
  };

  const paragraphs = content.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    for (const [index, line] of lines.entries()) {
      const isQuestion = QUESTION_LINE.test(line);
      if (HEADING_LINE.test(line) && !isQuestion) {
        current = open('section', line, []);
      } else if (isQuestion) {
        current = open('qa', line, []);
      } else if (index === 0 && line.endsWith('?') && line.length <= 200 && !awaitsAnswer(current)) {
        // an unmarked FAQ: a paragraph that opens with a question keeps the answer that follows it
        current = { ...open('qa', line, []), endsWithParagraph: true };
      } else if (current === null) {
        current = open('para', null, [line]);
      } else {
        // answer lines ("A: …") and continuation lines attach to whatever is open
        current.lines.push(line);
      }
    }
    // a plain paragraph ends at the blank line; FAQ pairs and sections run on until the next one
    if (current !== null && (current.kind === 'para' || (current.endsWithParagraph === true && current.lines.length > 0))) {
      units.push(current);
      current = null;
    }
  }
  if (current !== null) units.push(current);
  else if (pendingHead !== null) units.push({ kind: 'section', head: pendingHead, lines: [] });
  return units;
}

/** A marked question ("Q: …") whose answer has not started: a following "?" line is still the question. */
function awaitsAnswer(unit: Unit | null): boolean {
  return unit !== null && unit.kind === 'qa' && unit.lines.length === 0 && !(unit.head ?? '').trim().endsWith('?');
}

/** Chunks a unit with a head (question or heading), repeating the head on every piece of it. */
function chunkHeaded(unit: Unit, maxChars: number, overlapChars: number): string[] {
  const head = unit.head ?? '';
  const whole = [head, ...unit.lines].join('\n');
  if (whole.length <= maxChars) return [whole];
  if (head.length > maxChars / 2) {
    // a head this long leaves too little room: cut it like prose
    return pack(sentencePieces([head, ...unit.lines]), maxChars, overlapChars);
  }
  const bodies = pack(sentencePieces(unit.lines), maxChars - head.length - 1, overlapChars, tableHeaderOf(unit.lines));
  return bodies.map((body) => `${head}\n${body}`);
}

/** Whether a paragraph's first line heads the rest: a short plain heading, or a lead-in ending in ":" above a list. */
function headsItsLines(lines: readonly string[]): boolean {
  const [first, second] = lines;
  if (first === undefined || second === undefined) return false;
  return isHeadingLine(first, second) || (first.endsWith(':') && /^(?:[-*+\u2022]|\d{1,2}[.)])\s+/.test(second));
}

/** A markdown table's header and separator rows ("| Size | Price |\n|---|---|"), if the lines hold one. */
function tableHeaderOf(lines: readonly string[]): string | null {
  for (let i = 0; i + 1 < lines.length; i++) {
    const row = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    if (/^\|.*\|$/.test(row) && /^\|?[\s:|-]+\|?$/.test(next) && next.includes('-')) return `${row}\n${next}`;
  }
  return null;
}

function withFirstSep(pieces: Piece[], sep: string): Piece[] {
  const [first, ...rest] = pieces;
  return first === undefined ? [] : [{ text: first.text, sep }, ...rest];
}

/** Sentences of some lines; a new line starts a new piece so lists keep their line breaks. */
function sentencePieces(lines: string[]): Piece[] {
  const pieces: Piece[] = [];
  for (const line of lines) {
    splitSentences(line).forEach((sentence, i) => pieces.push({ text: sentence, sep: i === 0 ? '\n' : ' ' }));
  }
  return pieces;
}

/**
 * Greedy packing of pieces into chunks of at most `budget` characters. A piece longer than the
 * budget is first cut between words. With overlap, a new chunk starts with the last whole
 * sentences (else words) of the previous one that fit in `overlapChars`.
 */
function pack(pieces: Piece[], budget: number, overlapChars: number, tableHeader: string | null = null): string[] {
  if (tableHeader !== null && tableHeader.length < budget / 2) {
    // room for the header on every chunk; a chunk that starts inside the table gets it again
    const chunks = pack(pieces, budget - tableHeader.length - 1, overlapChars);
    return chunks.map((chunk, i) => (i > 0 && /^\|/.test(chunk) ? `${tableHeader}\n${chunk}` : chunk));
  }
  const fitted = pieces.flatMap((p) => (p.text.length <= budget ? [p] : splitWords(p, budget)));
  const chunks: string[] = [];
  let current: Piece[] = [];
  const lengthOf = (ps: Piece[]): number => ps.reduce((n, p, i) => n + (i === 0 ? 0 : p.sep.length) + p.text.length, 0);
  const render = (ps: Piece[]): string => ps.map((p, i) => (i === 0 ? p.text : p.sep + p.text)).join('');

  for (const piece of fitted) {
    if (current.length > 0 && lengthOf([...current, piece]) > budget) {
      chunks.push(render(current));
      current = overlapTail(current, overlapChars, budget - piece.text.length - 1);
    }
    current.push(piece);
  }
  if (current.length > 0) chunks.push(render(current));
  return chunks;
}

/** The trailing text of a chunk to repeat at the start of the next one. */
function overlapTail(previous: Piece[], overlapChars: number, room: number): Piece[] {
  const limit = Math.min(overlapChars, room);
  if (limit <= 0) return [];
  const tail: Piece[] = [];
  let length = 0;
  for (let i = previous.length - 1; i >= 0; i--) {
    const piece = previous[i];
    if (piece === undefined || length + piece.text.length + (tail.length > 0 ? 1 : 0) > limit) break;
    tail.unshift({ text: piece.text, sep: ' ' });
    length += piece.text.length + (tail.length > 1 ? 1 : 0);
  }
  if (tail.length > 0) return tail;
  // no whole sentence fits: fall back to the last whole words
  const last = previous[previous.length - 1];
  if (last === undefined) return [];
  const words = last.text.split(/\s+/);
  const kept: string[] = [];
  for (let i = words.length - 1; i > 0; i--) {
    const word = words[i] ?? '';
    if (kept.join(' ').length + word.length + 1 > limit) break;
    kept.unshift(word);
  }
  return kept.length > 0 ? [{ text: kept.join(' '), sep: ' ' }] : [];
}

/** Cuts an over-long piece between words; a single over-long word stays whole. */
function splitWords(piece: Piece, budget: number): Piece[] {
  const out: Piece[] = [];
  let line = '';
  for (const word of piece.text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > budget) {
      out.push({ text: line, sep: out.length === 0 ? piece.sep : ' ' });
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') out.push({ text: line, sep: out.length === 0 ? piece.sep : ' ' });
  return out;
}
