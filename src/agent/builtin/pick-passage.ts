/**
 * Which retrieved passage answers a question: the index's order, unless a later passage clearly
 * covers more of it — as a whole (its confidence) and in one sentence or line. The second part
 * matters for price lists and FAQs: "what's mulch cost" is answered by the line "Mulch - $85 per
 * cubic yard" in a long price list, not by a short FAQ answer that says "mulch" in one sentence and
 * "$15" in the next, though the index ranks the short chunk first (BM25 favours short documents).
 */
import { readPassage, unitContext } from '../knowledge/passage-structure.js';
import { tokenize } from '../knowledge/tokenize.js';
import type { BuiltinPassage } from './types.js';

/** How much better (confidence + sentence share) a later passage must be to be preferred. */
export const PICK_MARGIN = 0.05;
/** Weight of the best sentence's coverage next to the passage's confidence. */
export const SENTENCE_WEIGHT = 0.5;

/** The passage to answer `question` from, or undefined for no passages. */
export function pickPassage(question: string, passages: readonly BuiltinPassage[]): BuiltinPassage | undefined {
  let best: { passage: BuiltinPassage; key: number } | undefined;
  for (const passage of passages) {
    const key = passage.confidence + SENTENCE_WEIGHT * bestSentenceShare(question, passage);
    if (best === undefined || key > best.key + PICK_MARGIN) best = { passage, key };
  }
  return best?.passage;
}

/**
 * The share of the question's words (see `localCoverage`) the passage's best unit holds, read with
 * its context as the structure reader gives it: its title, headings, FAQ question and table
 * columns ("## Crowns" over "Same-day, one appointment" holds all of "how long does a crown take").
 */
export function bestSentenceShare(question: string, passage: BuiltinPassage): number {
  let best = 0;
  for (const unit of readPassage(passage.text)) {
    best = Math.max(best, localCoverage(question, { ...passage, text: `${unitContext(unit)}\n${unit.text}` }).coverage);
  }
  return best;
}

/**
 * The share of a question's words a passage holds, a word found only through its synonym group
 * counting 0.8. `exact` says whether some word matched as written, not only through its group
 * (every payment word is one group, so a financing answer "covers" "can I pay by credit card").
 */
export function localCoverage(question: string, passage: BuiltinPassage): { coverage: number; exact: boolean } {
  const terms = new Set(tokenize(`${passage.title}\n${passage.text}`));
  let total = 0;
  let matched = 0;
  let exact = false;
  const tokens = tokenize(question);
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.startsWith('~') || seen.has(token)) return;
    seen.add(token);
    const next = tokens[i + 1];
    total += 1;
    if (terms.has(token)) {
      matched += 1;
      exact = true;
    } else if (next !== undefined && next.startsWith('~') && terms.has(next)) {
      matched += 0.8;
    }
  });
  return { coverage: total === 0 ? 0 : matched / total, exact };
}

