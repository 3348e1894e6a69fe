/**
 * In-memory BM25 (Okapi, k1 = 1.2, b = 0.75) over knowledge chunks, with the title — and the
 * chunk's own headings and FAQ questions — counted as a heavier field (a simplified BM25F: a title
 * or heading word counts `titleWeight` times a body word), plus a confidence in [0, 1] that tells a
 * good match from a weak one.
 *
 * Cost: building tokenizes every chunk once, roughly 0.1 ms per chunk of ~100 words (about 0.2 s
 * for 2k chunks, 1 s for 10k), so building per request is fine up to ~2k chunks; beyond that,
 * build once per workspace and cache the index (it is immutable) keyed on the knowledge base's
 * last change. Searching touches only the postings of the query's terms: a few milliseconds at
 * worst for 10k chunks, usually well under one. Pure: no I/O, no clock.
 */
import { wordRoles, type WordRole } from './english.js';
import { readPassage, unitContext } from './passage-structure.js';
import { expandQuery, type Expansion, type ExpansionMemo } from './query-expansion.js';
import { synonymGroupOf, tokenize } from './tokenize.js';

/** A document to index: usually one chunk, titled with its entry's title. */
export interface Bm25Doc {
  id: string;
  title: string;
  text: string;
}

/** Tuning knobs; the defaults are the textbook ones. */
export interface Bm25Options {
  k1?: number;
  b?: number;
  /** How many body occurrences one title occurrence is worth. Default 2. */
  titleWeight?: number;
}

/** A search hit, best first. */
export interface Bm25Hit {
  id: string;
  title: string;
  text: string;
  /** Raw BM25 score: only comparable within one query. */
  score: number;
  /** Share of the query's idf-weighted words this document contains, in [0, 1]; see {@link normalizedScore}. */
  confidence: number;
}

/** Postings of one term: documents (ascending) and their field-weighted term frequencies. */
interface Postings {
  docs: Uint32Array;
  tfs: Float32Array;
}

/** A built index. Treat as opaque; it is immutable once built and safe to share and cache. */
export interface Bm25Index {
  readonly docs: readonly Bm25Doc[];
  readonly postings: ReadonlyMap<string, Postings>;
  readonly docLengths: Float64Array;
  readonly avgDocLength: number;
  readonly k1: number;
  readonly b: number;
}

/** Synonym-group tokens are looser evidence than the word itself. */
const SYNONYM_SCORE_WEIGHT = 0.6;
/** Weight of a query word the index has never seen, relative to the rarest word it has. */
const UNKNOWN_WORD_WEIGHT = 0.8;
/**
 * How much an unknown query word counts against a match, by its role: a noun the knowledge lacks
 * is the topic it cannot answer ("birthday candles"); an adverb is phrasing ("how far in advance");
 * a verb or adjective sits between ("recommend", "organic").
 */
const UNKNOWN_ROLE_WEIGHT: Readonly<Record<WordRole, number>> = { topic: 1, action: 0.6, modifier: 0.3, function: 0.15 };
/** Confidence credit for a query word found only through its synonym group. */
const SYNONYM_CONFIDENCE_CREDIT = 0.8;

/** Builds an index over `docs`. Document ids should be unique; hits report them as given. */
export function buildBm25Index(docs: readonly Bm25Doc[], options: Bm25Options = {}): Bm25Index {
  const { k1 = 1.2, b = 0.75, titleWeight = 2 } = options;
  const building = new Map<string, { docs: number[]; tfs: number[] }>();
  const docLengths = new Float64Array(docs.length);

  docs.forEach((doc, docIndex) => {
    const frequencies = new Map<string, number>();
    let length = 0;
    const add = (terms: string[], weight: number): void => {
      for (const term of terms) {
        frequencies.set(term, (frequencies.get(term) ?? 0) + weight);
        // synonym tokens are duplicates of a word already counted: they must not lengthen the doc
        if (!term.startsWith('~')) length += weight;
      }
    };
    add(tokenize(doc.title), titleWeight);
    add(tokenize(doc.text), 1);
    // headings and FAQ questions inside the chunk say what it is about, as the title does: they
    // count as the title field on top of their place in the body
    add(tokenize(headingLines(doc.text).join('\n')), titleWeight - 1);
    docLengths[docIndex] = length;
    for (const [term, tf] of frequencies) {
      let postings = building.get(term);
      if (postings === undefined) {
        postings = { docs: [], tfs: [] };
        building.set(term, postings);
      }
      postings.docs.push(docIndex);
      postings.tfs.push(tf);
    }
  });

  const postings = new Map<string, Postings>();
  for (const [term, p] of building) postings.set(term, { docs: Uint32Array.from(p.docs), tfs: Float32Array.from(p.tfs) });
  const total = docLengths.reduce((sum, l) => sum + l, 0);
  return {
    docs: [...docs],
    postings,
    docLengths,
    avgDocLength: docs.length === 0 ? 0 : total / docs.length || 1,
    k1,
    b,
  };
}

/**
 * The lines of a chunk that name its subject: markdown headings ("## Vaccine prices"), bold lines
 * ("**Payment**") and FAQ questions ("Q: Do you bag the clippings?", or a line ending in "?").
 */
export function headingLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^#{1,6}\s+\S/.test(l) || /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(l) || /^(?:q|question)\s*\d*\s*[:.)]/i.test(l) || (l.endsWith('?') && l.length <= 200));
}

/** Options for {@link searchBm25}. */
export interface SearchOptions {
  /** Most hits to return. Default 3. */
  limit?: number;
}

/** A word of the query: its stem and, when it has one, its synonym-group token. */
interface QueryWord {
  stem: string;
  group: string | undefined;
  /** Known terms standing in for a stem the index lacks (lemma, WordNet synonyms); see query-expansion.ts. */
  alternatives: Expansion[];
  /** What the word does in the question (see `wordRoles`); weighs it when the index lacks it. */
  role: WordRole;
}

/**
 * Best `limit` documents for `query`, best first: the 20 (or 5 × `limit`) best by BM25 are
 * re-ranked by BM25 score × confidence² × (0.2 + 0.8 × the best sentence's coverage), so among
 * close scores the chunk that covers more of the question, and in one line, wins (ties keep index
 * order). `score` in each hit is the plain BM25 score.
 */
export function searchBm25(index: Bm25Index, query: string, options: SearchOptions = {}): Bm25Hit[] {
  const limit = Math.max(0, options.limit ?? 3);
  const n = index.docs.length;
  const words = queryWords(query, index);
  if (n === 0 || words.length === 0 || limit === 0) return [];

  const scores = new Float64Array(n);
  const touched: number[] = [];
  const scoreTerm = (term: string, weight: number): void => {
    const p = index.postings.get(term);
    if (p === undefined) return;
    const termIdf = idf(n, p.docs.length);
    for (let i = 0; i < p.docs.length; i++) {
      const doc = p.docs[i] ?? 0;
      const tf = p.tfs[i] ?? 0;
      const norm = index.k1 * (1 - index.b + (index.b * (index.docLengths[doc] ?? 0)) / index.avgDocLength);
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] ?? 0) + (weight * termIdf * (tf * (index.k1 + 1))) / (tf + norm);
    }
  };
  const groups = new Set<string>();
  for (const word of words) {
    scoreTerm(word.stem, 1);
    if (word.group !== undefined && !groups.has(word.group)) {
      groups.add(word.group);
      scoreTerm(word.group, SYNONYM_SCORE_WEIGHT);
    }
    for (const alt of word.alternatives) scoreTerm(alt.term, alt.weight);
  }

  // Rank by BM25, then re-rank the head by coverage: a chunk that scores on a couple of
  // frequent words ("house", "pipe") must not beat one holding the rare word the question is about.
  touched.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const clauses = questionClauses(query, index);
  // Coverage counts twice (squared), and once more the coverage of the chunk's best sentence: the
  // answer to "what do you charge for mulch" is the line "Mulch - $85", not a chunk that says
  // "mulch" in one sentence and "$15" in another, nor a short one with the exact word "charge".
  const head = touched.slice(0, Math.max(limit * 5, 20)).map((doc) => {
    const confidence = confidenceFor(index, words, doc, clauses);
    const sentence = bestSentenceCoverage(index, words, doc);
    return { doc, score: scores[doc] ?? 0, confidence, rank: (scores[doc] ?? 0) * confidence * confidence * (0.2 + 0.8 * sentence) };
  });
  head.sort((a, b) => b.rank - a.rank || a.doc - b.doc);
  return head.slice(0, limit).map(({ doc, score, confidence }) => {
    const d = index.docs[doc] as Bm25Doc;
    return { id: d.id, title: d.title, text: d.text, score, confidence };
  });
}

/**
 * How well document `id` covers `query`, in [0, 1]: the idf-weighted share of the query's words
 * found in it (a word found only through a synonym counts 0.8); when the query holds questions
 * among other sentences, the best-covered question counts if it scores higher than the whole.
 * Unlike the raw BM25 score this is comparable across queries, so a caller can set one threshold:
 * a question whose rare words are all in the chunk scores near 1; "do you fix cars?" against a
 * plumber's FAQ scores low, because "car" is unknown to the index and an unknown word weighs as
 * much as the rarest possible one. Returns 0 for an unknown id or a query with no searchable words.
 */
export function normalizedScore(index: Bm25Index, query: string, id: string): number {
  const doc = index.docs.findIndex((d) => d.id === id);
  if (doc < 0) return 0;
  return confidenceFor(index, queryWords(query, index), doc, questionClauses(query, index));
}

/**
 * The questions inside a longer message ("do you do repiping? my house has old galvanized
 * pipes"): people add context around the question, and the context's words, often unknown to
 * the knowledge base, would otherwise drown a question the KB answers exactly.
 */
function questionClauses(query: string, index: Bm25Index): QueryWord[][] {
  const parts = query.split(/(?<=\?)|[.!\n]+/).filter((p) => p.includes('?'));
  if (parts.length === 0 || (parts.length === 1 && parts[0]?.trim() === query.trim())) return [];
  const clauses: QueryWord[][] = [];
  for (const part of parts) {
    const words = queryWords(part, index);
    const previous = clauses[clauses.length - 1];
    // "price?" after "do you set up tubeless tires?" asks the price of that, not of anything priced
    if (previous !== undefined && words.length > 0 && words.every((w) => w.group === PRICE_GROUP)) previous.push(...words);
    else if (words.length > 0) clauses.push(words);
  }
  return clauses;
}

const PRICE_GROUP = synonymGroupOf('price');

/** Coverage of the whole query, or of its best question clause when that is higher. */
function confidenceFor(index: Bm25Index, words: readonly QueryWord[], doc: number, clauses: readonly QueryWord[][]): number {
  let best = coverage(index, words, doc);
  for (const clause of clauses) best = Math.max(best, coverage(index, clause, doc));
  return best;
}

function coverage(index: Bm25Index, words: readonly QueryWord[], doc: number): number {
  const inDoc = (term: string): boolean => {
    const p = index.postings.get(term);
    return p !== undefined && contains(p.docs, doc);
  };
  return shareMatched(index, words, inDoc);
}

/**
 * The idf-weighted share of `words` that `has` holds: a word as written counts fully, through its
 * synonym group 0.8, through an expansion by that expansion's weight.
 */
function shareMatched(index: Bm25Index, words: readonly QueryWord[], has: (term: string) => boolean): number {
  let total = 0;
  let matched = 0;
  for (const word of words) {
    const weight = wordWeight(index, word);
    total += weight;
    if (has(word.stem)) {
      matched += weight;
      continue;
    }
    let credit = word.group !== undefined && has(word.group) ? SYNONYM_CONFIDENCE_CREDIT : 0;
    for (const alt of word.alternatives) if (alt.weight > credit && has(alt.term)) credit = alt.weight;
    matched += weight * credit;
  }
  return total === 0 ? 0 : Math.min(1, matched / total);
}

/** How much a query word counts towards (or against) a match. */
function wordWeight(index: Bm25Index, word: QueryWord): number {
  const p = index.postings.get(word.stem);
  // a word the knowledge never uses is context ("on a two storey house") more often than topic:
  // it still counts against the match, but less than the rarest word the knowledge does use, and
  // less again when it is phrasing rather than a noun (see UNKNOWN_ROLE_WEIGHT)
  const known = p !== undefined || word.alternatives.length > 0 || (word.group !== undefined && index.postings.has(word.group));
  // a word the knowledge only has another form of ("cost" where it says "price") is as rare as
  // that form, not as rare as a word it never uses
  const df = p?.docs.length ?? standInFrequency(index, word);
  return idf(index.docs.length, df) * (known ? 1 : UNKNOWN_WORD_WEIGHT * UNKNOWN_ROLE_WEIGHT[word.role]);
}

/** Documents holding the best stand-in of a word the index lacks (its group, or its best expansion); 0 if none. */
function standInFrequency(index: Bm25Index, word: QueryWord): number {
  const group = word.group === undefined ? undefined : index.postings.get(word.group);
  if (group !== undefined) return group.docs.length;
  const best = word.alternatives[0];
  return best === undefined ? 0 : (index.postings.get(best.term)?.docs.length ?? 0);
}

/**
 * The coverage (as {@link coverage}, idf-weighted over the whole index) of the one unit of document
 * `doc` that holds most of the query — a sentence, list item, table row or FAQ answer, read with
 * its headings, question and columns (see passage-structure.ts); the title counts as part of every
 * unit.
 */
function bestSentenceCoverage(index: Bm25Index, words: readonly QueryWord[], doc: number): number {
  if (words.length === 0) return 0;
  let best = 0;
  for (const terms of unitTerms(index, doc)) best = Math.max(best, shareMatched(index, words, (term) => terms.has(term)));
  return best;
}

/** Per index, what query expansion found for each word, and the index's words listed once. */
const EXPANSIONS = new WeakMap<Bm25Index, ExpansionMemo>();

function expansionMemo(index: Bm25Index): ExpansionMemo {
  let memo = EXPANSIONS.get(index);
  if (memo === undefined) {
    memo = { byWord: new Map() };
    EXPANSIONS.set(index, memo);
  }
  return memo;
}

/** Per index, each document's units as term sets, read once (the index is immutable). */
const UNIT_TERMS = new WeakMap<Bm25Index, Array<ReadonlyArray<ReadonlySet<string>> | undefined>>();

function unitTerms(index: Bm25Index, doc: number): ReadonlyArray<ReadonlySet<string>> {
  let perDoc = UNIT_TERMS.get(index);
  if (perDoc === undefined) {
    perDoc = new Array<ReadonlyArray<ReadonlySet<string>> | undefined>(index.docs.length);
    UNIT_TERMS.set(index, perDoc);
  }
  let sets = perDoc[doc];
  if (sets === undefined) {
    const d = index.docs[doc];
    const title = d === undefined ? [] : tokenize(d.title);
    sets = d === undefined ? [] : readPassage(d.text).map((u) => new Set([...title, ...tokenize(`${u.text}\n${unitContext(u)}`)]));
    perDoc[doc] = sets;
  }
  return sets;
}

/** Unique words of a query, in order, each with its synonym group. */
function queryWords(query: string, index: Bm25Index): QueryWord[] {
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  let last: QueryWord | undefined;
  for (const token of tokenize(query)) {
    if (token.startsWith('~')) {
      if (last !== undefined) last.group = token;
      continue;
    }
    if (seen.has(token)) {
      last = undefined;
      continue;
    }
    seen.add(token);
    last = { stem: token, group: undefined, alternatives: [], role: 'topic' };
    words.push(last);
  }
  const expansions = expandQuery(query, (term) => index.postings.has(term), index.postings.keys(), expansionMemo(index));
  const roles = rolesByTerm(query);
  for (const word of words) {
    word.alternatives = expansions.get(word.stem) ?? [];
    word.role = roles.get(word.stem) ?? 'topic';
  }
  return words;
}

/** The role of each query term (by the first word that makes it); a term no word gives is a topic. */
function rolesByTerm(query: string): Map<string, WordRole> {
  const out = new Map<string, WordRole>();
  for (const [word, role] of wordRoles(query)) {
    const terms = tokenize(word, { synonyms: false });
    if (terms.length === 1 && !out.has(terms[0] as string)) out.set(terms[0] as string, role);
  }
  return out;
}

/** BM25's idf with the +1 inside the log (Lucene's form), so it is never negative. */
function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Binary search in ascending postings. */
function contains(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
