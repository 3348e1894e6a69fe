/**
 * Query expansion for words the knowledge never uses: each such query word is tried as its
 * dictionary form (wink-nlp lemma), its WordNet synonyms, another form of the same root
 * ("deliver" → "delivery", "insure" → "insurance") and, for a word no dictionary knows, the
 * knowledge's words one or two typing slips away ("cinamon" → "cinnamon"), keeping only terms the
 * index does know. Words the index knows are left alone, so expansion can add recall but never
 * pull a question away from the words it shares with the knowledge.
 */
import { isEnglishWord, lemmaOf, synonymsOf } from './english.js';
import { STOP_WORDS, tokenize } from './tokenize.js';

/** Score and coverage credit of a lemma match (the same word, another form). */
export const LEMMA_WEIGHT = 0.9;
/** Score and coverage credit of another word of the same root (shared prefix). */
export const SAME_ROOT_WEIGHT = 0.8;
/** Score and coverage credit of a typo correction. */
export const TYPO_WEIGHT = 0.75;
/** Score and coverage credit of a synonym match. */
export const SYNONYM_EXPANSION_WEIGHT = 0.6;

export interface Expansion {
  term: string;
  weight: number;
}

/** The single search term of one word, or null for stop words. */
function termOf(word: string): string | null {
  const terms = tokenize(word, { synonyms: false });
  return terms.length === 1 ? (terms[0] ?? null) : null;
}

/**
 * What {@link expandQuery} may remember between calls against one unchanging index (bm25.ts keeps
 * one per index): a word's expansions depend only on the word and the index, and listing the
 * index's words for roots and typos is the costly part of a search.
 */
export interface ExpansionMemo {
  /** The index's plain-word terms (no group tokens, no figures), listed once. */
  terms?: readonly string[];
  /** Per query word: its term and expansions (none: an empty list). */
  readonly byWord: Map<string, { primary: string | null; expansions: readonly Expansion[] }>;
}

/**
 * For each query term the index does not know (`known(term)` false), the known terms it may
 * stand for, best first. Keys are the terms `tokenize` makes of the query's words. With
 * `vocabulary` (the index's terms), roots and typos are looked for among them as well. With
 * `memo`, answers for words seen before against the same index are reused.
 */
export function expandQuery(
  query: string,
  known: (term: string) => boolean,
  vocabulary?: Iterable<string>,
  memo?: ExpansionMemo,
): Map<string, Expansion[]> {
  const out = new Map<string, Expansion[]>();
  let listed: readonly string[] | undefined = memo?.terms;
  const terms = (): readonly string[] => {
    listed ??= [...(vocabulary ?? [])].filter((t) => !t.startsWith('~') && !/\d/.test(t));
    if (memo !== undefined) memo.terms = listed;
    return listed;
  };
  for (const match of query.toLowerCase().matchAll(/[a-z]+(?:'[a-z]+)*/g)) {
    const word = match[0].replace(/'s$/, '');
    if (STOP_WORDS.has(word) || word.length < 3) continue;
    let expanded = memo?.byWord.get(word);
    if (expanded === undefined) {
      expanded = expandWord(word, known, vocabulary === undefined ? undefined : terms);
      if (memo !== undefined) {
        if (memo.byWord.size >= 20_000) memo.byWord.clear();
        memo.byWord.set(word, expanded);
      }
    }
    const { primary, expansions } = expanded;
    if (primary !== null && expansions.length > 0 && !out.has(primary)) out.set(primary, expansions.map((e) => ({ ...e })));
  }
  return out;
}

/** One word's term and the known terms it may stand for (see {@link expandQuery}). */
function expandWord(
  word: string,
  known: (term: string) => boolean,
  terms: (() => readonly string[]) | undefined,
): { primary: string | null; expansions: readonly Expansion[] } {
  const primary = termOf(word);
  if (primary === null || known(primary)) return { primary, expansions: [] };
  const found = new Map<string, number>();
  const add = (candidate: string, weight: number, asTerm = false): void => {
    const term = asTerm ? candidate : termOf(candidate);
    if (term === null || term === primary || !known(term)) return;
    if ((found.get(term) ?? 0) < weight) found.set(term, weight);
  };
  const lemma = lemmaOf(word);
  add(lemma, LEMMA_WEIGHT);
  for (const s of new Set([...synonymsOf(word), ...synonymsOf(lemma)])) add(s, SYNONYM_EXPANSION_WEIGHT);
  if (terms !== undefined && primary.length >= 5 && !/\d/.test(primary)) {
    // only a word no dictionary knows is read as a typing slip: "dental" is not "rental"
    const unknownWord = !isEnglishWord(word);
    for (const term of terms()) {
      if (sameRoot(primary, term)) add(term, SAME_ROOT_WEIGHT, true);
      else if (unknownWord && isTypoOf(primary, term)) add(term, TYPO_WEIGHT, true);
    }
  }
  return { primary, expansions: [...found].map(([term, weight]) => ({ term, weight })).sort((a, b) => b.weight - a.weight) };
}

/**
 * Two words of one root: they share a prefix of at least five letters that is at least three
 * quarters of the shorter one ("deliver"/"delivery", "insure"/"insurance", "cater"/"catering"),
 * while "carpet"/"carpool" and "trainer"/"training" stay apart.
 */
export function sameRoot(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= 5 && common >= 0.75 * shorter;
}

/**
 * A likely misspelling of `target`: same first letter, within one edit (two for words of eight
 * letters or more), counting a swap of neighbours as one edit (optimal string alignment).
 */
export function isTypoOf(word: string, target: string): boolean {
  if (word[0] !== target[0]) return false;
  const limit = Math.min(word.length, target.length) >= 8 ? 2 : 1;
  if (Math.abs(word.length - target.length) > limit) return false;
  return editDistance(word, target, limit) <= limit;
}

/** Optimal string alignment distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]?.[b.length] ?? 0;
}
