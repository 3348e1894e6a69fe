/**
 * English from real libraries, loaded once: wink-nlp with its small English model (sentence
 * boundaries, lemmas: "recognising" → "recognize", "fees" → "fee") and WordNet synonym sets
 * (the `synonyms` package: "attorney" ↔ "lawyer", "repair" ↔ "mend", "fix"). Both run offline
 * from data shipped in their npm packages.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import synonyms from 'synonyms';

const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

const LEMMA_CACHE = new Map<string, string>();

/** The dictionary form of one word ("colouring" → "colour", "attorneys" → "attorney"). */
export function lemmaOf(word: string): string {
  const w = word.toLowerCase();
  let lemma = LEMMA_CACHE.get(w);
  if (lemma === undefined) {
    lemma = String((nlp.readDoc(w).tokens().out(its.lemma as never) as unknown as string[])[0] ?? w);
    if (LEMMA_CACHE.size >= 50_000) LEMMA_CACHE.clear();
    LEMMA_CACHE.set(w, lemma);
  }
  return lemma;
}

/** WordNet synonyms of a word (all parts of speech, single words only); [] for unknown words. */
export function synonymsOf(word: string): string[] {
  // the dictionary is read directly: the package's fallback scans all 27k entries for unknown words
  const entry = Object.prototype.hasOwnProperty.call(synonyms.dictionary, word) ? synonyms.dictionary[word] : undefined;
  if (entry === undefined) return [];
  const out = new Set<string>();
  for (const list of Object.values(entry)) for (const s of list ?? []) if (s.length > 1 && s !== word && /^[a-z]+$/.test(s)) out.add(s);
  return [...out];
}

/** Whether WordNet knows the word (or its lemma): tells English words from gibberish. */
export function isEnglishWord(word: string): boolean {
  const w = word.toLowerCase();
  return Object.prototype.hasOwnProperty.call(synonyms.dictionary, w) || Object.prototype.hasOwnProperty.call(synonyms.dictionary, lemmaOf(w));
}

/** Sentences of a text by wink-nlp's sentence boundary detection. */
export function englishSentences(text: string): string[] {
  return nlp.readDoc(text).sentences().out().map((s: string) => s.trim()).filter((s: string) => s !== '');
}
