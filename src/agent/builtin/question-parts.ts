/**
 * The questions in one text, in order ("are you open saturday? and how much is the fee" → two):
 * the several-questions reply answers each from its own source, and a reply from one passage picks
 * the unit that answers each.
 */
import { splitSentences } from '../knowledge/split-sentences.js';
import { taggedSentences } from '../knowledge/english.js';
import { synonymGroupOf, tokenize } from '../knowledge/tokenize.js';

/** Words that point back at an earlier question ("how much is it?"): such a follow-up joins it. */
export const BACK_REFERENCE = /\b(?:it|that|this|these|those|them|they|one)\b/i;

/** How a question starts when it has no question mark ("how much is the fee"). */
export const QUESTION_OPENER =
  "(?:how|what|what'?s|whats|when|where|which|who|why|do|does|did|are|is|can|could|will|would|should|any|r)";

/** A question's topic words (stems, no synonym tokens). */
export function topicStems(question: string): string[] {
  return tokenize(question, { synonyms: false });
}

/**
 * The questions in a text, in order: its sentences and lines, split again where a new question
 * starts after a comma, "and" or "also" ("do you serve oak park and how much is drain cleaning").
 * Only questions count (a question mark, or a question word first); statements and greetings
 * around them are left out, and a follow-up that points back ("how much is it?") joins the
 * question before it.
 */
export function questionParts(raw: string): string[] {
  const splitter = new RegExp(`(?:\\s*(?:,|;|\\band\\b|\\balso\\b|\\bplus\\b))+\\s+(?=(?:and\\s+|also\\s+)*${QUESTION_OPENER}\\s)`, 'i');
  const leadIn = new RegExp(`^[^:?]{0,40}:\\s*(?=${QUESTION_OPENER}\\s)`, 'i');
  const pieces = splitSentences(raw)
    .flatMap((sentence) => sentence.split(splitter))
    // "Two questions: do you groom cats" — the lead-in is not part of the question
    .map((p) => p.trim().replace(leadIn, ''))
    .filter((p) => p !== '');
  const questions: string[] = [];
  let lastWasQuestion = false;
  for (const piece of pieces) {
    const isQuestion =
      /\?\s*$/.test(piece) ||
      new RegExp(`^(?:(?:and|also|plus|so|oh|ok|okay|hi|hey|hello)\\b[\\s,!.]*)*${QUESTION_OPENER}\\b`, 'i').test(piece);
    const stems = topicStems(piece);
    if (!isQuestion || stems.length === 0) {
      lastWasQuestion = false;
      continue;
    }
    // "how much is it?" follows up the question before; "what if it rains" asks something new:
    // a follow-up's one topic word is a generic attribute (a price, a time), not a subject
    if (lastWasQuestion && (followsUpByReference(piece, stems) || asksNoNewTopic(piece))) {
      questions[questions.length - 1] += ` ${piece}`;
      continue;
    }
    questions.push(piece);
    lastWasQuestion = true;
  }
  return questions;
}

/** "how much is it?": one generic attribute (a price, a time) and a word pointing back. */
function followsUpByReference(piece: string, stems: readonly string[]): boolean {
  return stems.length <= 1 && BACK_REFERENCE.test(piece) && stems.every((stem) => synonymGroupOf(stem) !== undefined);
}

/**
 * "how much extra?", "and how soon?", "price?": nothing of its own to ask about, so it asks about
 * the question before. By wink-nlp's tagger: no noun, verb or number, or only price words ("price?",
 * "cost?": a bare price is the price of something said before); "how much is your diagnostic fee?"
 * (a thing of its own), "are you insured?" and "do you groom?" are questions of their own.
 */
function asksNoNewTopic(piece: string): boolean {
  const words = taggedSentences(piece).flat();
  if (words.every((w) => !['NOUN', 'PROPN', 'NUM', 'VERB'].includes(w.pos))) return true;
  return words.every((w) => !['NOUN', 'PROPN', 'NUM', 'VERB', 'ADJ'].includes(w.pos) || isPriceWord(w.value));
}

/** A word of the price synonym group ("price", "cost", "fee"). */
function isPriceWord(word: string): boolean {
  const terms = tokenize(word, { synonyms: false });
  return terms.length > 0 && terms.every((t) => synonymGroupOf(t) === PRICE_GROUP);
}

const PRICE_GROUP = synonymGroupOf('price');
