/**
 * Query expansion for words the knowledge base does not use: a customer writes "recognise your
 * guys", "lawyer", "mend"; the owner wrote "recognize", "attorney", "repair". Each query word the
 * index does not know is replaced by its lemma and its WordNet synonyms, keeping only those the
 * index does know. Words the index knows are left alone, so expansion can add recall but never
 * pull a question away from the words it shares with the knowledge.
 */
import { lemmaOf, synonymsOf } from './english.js';
import { STOP_WORDS, tokenize } from './tokenize.js';

/** Score and coverage credit of a lemma match (the same word, another form). */
export const LEMMA_WEIGHT = 0.9;
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
 * For each query term the index does not know (`known(term)` false), the known terms it may
 * stand for, best first. Keys are the terms `tokenize` makes of the query's words.
 */
export function expandQuery(query: string, known: (term: string) => boolean): Map<string, Expansion[]> {
  const out = new Map<string, Expansion[]>();
  for (const match of query.toLowerCase().matchAll(/[a-z]+(?:'[a-z]+)*/g)) {
    const word = match[0].replace(/'s$/, '');
    if (STOP_WORDS.has(word) || word.length < 3) continue;
    const primary = termOf(word);
    if (primary === null || known(primary) || out.has(primary)) continue;
    const found = new Map<string, number>();
    const add = (candidate: string, weight: number): void => {
      const term = termOf(candidate);
      if (term === null || term === primary || !known(term)) return;
      if ((found.get(term) ?? 0) < weight) found.set(term, weight);
    };
    const lemma = lemmaOf(word);
    add(lemma, LEMMA_WEIGHT);
    for (const s of new Set([...synonymsOf(word), ...synonymsOf(lemma)])) add(s, SYNONYM_EXPANSION_WEIGHT);
    if (found.size > 0) out.set(primary, [...found].map(([term, weight]) => ({ term, weight })).sort((a, b) => b.weight - a.weight));
  }
  return out;
}
