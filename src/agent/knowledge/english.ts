/**
 * English from real libraries, loaded once: wink-nlp with its small English model (sentence
 * boundaries, lemmas: "recognising" → "recognize", "fees" → "fee") and WordNet synonym sets
 * (the `synonyms` package: "attorney" ↔ "lawyer", "repair" ↔ "mend", "fix"). Both run offline
 * from data shipped in their npm packages.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import synonyms from 'synonyms';
import { boundedMemo } from './bounded-memo.js';

const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

const cachedLemma = boundedMemo(50_000, (w) => String((nlp.readDoc(w).tokens().out(its.lemma as never) as unknown as string[])[0] ?? w));

/** The dictionary form of one word ("colouring" → "colour", "attorneys" → "attorney"). */
export function lemmaOf(word: string): string {
  return cachedLemma(word.toLowerCase());
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

/**
 * The first id wink-nlp gives a word outside its model's lexicon: it numbers unknown words after
 * the lexicon's own (read once, at load, from a string no lexicon holds).
 */
const FIRST_UNKNOWN_ID = Number((nlp.readDoc('qzxjvwkq').tokens().out(its.uniqueId as never) as unknown as number[])[0] ?? Infinity);

/** Whether wink-nlp's English lexicon holds the word ("cat", "celiac", "meds"; not "cinamon"). */
function inWinkLexicon(word: string): boolean {
  const id = Number((nlp.readDoc(word).tokens().out(its.uniqueId as never) as unknown as number[])[0] ?? Infinity);
  return id < FIRST_UNKNOWN_ID;
}

/** Whether WordNet or wink-nlp's lexicon knows the word (or its lemma): tells English words from typos and gibberish. */
export function isEnglishWord(word: string): boolean {
  const w = word.toLowerCase();
  return (
    Object.prototype.hasOwnProperty.call(synonyms.dictionary, w) ||
    Object.prototype.hasOwnProperty.call(synonyms.dictionary, lemmaOf(w)) ||
    (/^[a-z]+$/.test(w) && inWinkLexicon(w))
  );
}

/**
 * What a word does in its sentence, by wink-nlp's part-of-speech tagger: `topic` for nouns,
 * proper nouns and numbers (what a question is about), `action` for verbs and adjectives,
 * `modifier` for adverbs, `function` for pronouns, determiners, prepositions, auxiliaries and
 * wink's own stop words ("somewhere", "yall"). A question word the knowledge never uses weighs
 * by its role: an unknown noun ("candles") is the topic the knowledge lacks, an unknown adverb
 * ("far" in "how far in advance") is phrasing.
 */
export type WordRole = 'topic' | 'action' | 'modifier' | 'function';

const cachedRoles = boundedMemo<ReadonlyMap<string, WordRole>>(10_000, (text) => readRoles(text));

/**
 * The role of each word of `text`, keyed by the lowercased word; a word seen twice keeps its first
 * role. Remembered per text (bounded): one reply searches with the same question several times
 * (the whole text, each question, each question clause).
 */
export function wordRoles(text: string): Map<string, WordRole> {
  // a copy: callers may change it, the remembered one is shared
  return new Map(cachedRoles(text));
}

function readRoles(text: string): Map<string, WordRole> {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as unknown as string[];
  const tags = doc.tokens().out(its.pos) as unknown as string[];
  const stops = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  const roles = new Map<string, WordRole>();
  // in "how do I stop my cake drying out" the verb asked about is the topic, not phrasing
  const howTo = /^\s*how\s+(?:do|can|could|should|would|to)\b/i.test(text);
  let sawVerb = false;
  values.forEach((value, i) => {
    const word = value.toLowerCase();
    const tag = tags[i] ?? '';
    const isFirstVerb = howTo && !sawVerb && tag === 'VERB';
    if (tag === 'VERB') sawVerb = true;
    if (roles.has(word)) return;
    roles.set(word, isFirstVerb ? 'topic' : stops[i] === true ? 'function' : roleOfTag(tag));
  });
  return roles;
}

function roleOfTag(tag: string): WordRole {
  switch (tag) {
    case 'NOUN':
    case 'PROPN':
    case 'NUM':
    case 'X':
      return 'topic';
    case 'VERB':
    case 'ADJ':
      return 'action';
    case 'ADV':
      return 'modifier';
    default:
      return 'function';
  }
}


/**
 * Whether a sentence has a finite verb (wink-nlp's tagger; an -ing form tagged as a verb, as in
 * "retaining walls" or "Mowing prices", does not count): "Tree removal, sprinkler repair and
 * patios." has none, so it only makes sense under the heading it was written below ("What we
 * don't do").
 */
export const hasVerb = boundedMemo(10_000, (sentence): boolean => {
  const tokens = nlp.readDoc(sentence).tokens();
  const tags = tokens.out(its.pos) as unknown as string[];
  const values = tokens.out(its.value) as unknown as string[];
  return tags.some((t, i) => t === 'AUX' || (t === 'VERB' && !/ing$/i.test(values[i] ?? '')));
});

/** A word of a sentence as wink-nlp reads it. */
export interface TaggedWord {
  /** As written, lowercased. */
  value: string;
  /** Dictionary form ("getting" → "get", "contacted" → "contact", "n't" → "not"). */
  lemma: string;
  /** Universal part-of-speech tag (NOUN, VERB, PART, …). */
  pos: string;
}

/** The sentences of a text, each as its tagged words. */
export function taggedSentences(text: string): TaggedWord[][] {
  const out: TaggedWord[][] = [];
  nlp.readDoc(text).sentences().each((sentence: { tokens: () => { out: (f: unknown) => unknown } }) => {
    const tokens = sentence.tokens();
    const values = tokens.out(its.value) as string[];
    const lemmas = tokens.out(its.lemma) as string[];
    const tags = tokens.out(its.pos) as string[];
    out.push(values.map((v, i) => ({ value: v.toLowerCase(), lemma: String(lemmas[i] ?? v).toLowerCase(), pos: tags[i] ?? '' })));
  });
  return out;
}
