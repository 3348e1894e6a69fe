/**
 * Whether a quoted answer really answers the question, or the knowledge simply does not say.
 * Retrieval always finds *something*; a passage that shares a word or two with a question the
 * business never wrote about ("why does my phone get so hot when it's charging" → "Charging port:
 * $89") is a wrong answer, and the issue's rule is that such a question goes to a person. Three
 * readings, each general English rather than a trade's words:
 *
 * - **How much of the question the answering unit holds** ({@link unitCoverage}): the question's
 *   words weighed by their role in the sentence (wink-nlp's tagger, as retrieval weighs them: a
 *   noun is the topic, a verb or adjective counts less, an adverb little, function words nothing),
 *   found in the best unit of the passage read with its context (heading, FAQ question, columns),
 *   as written or through the same lemma/root/synonym expansions retrieval uses.
 * - **Questions that ask for judgement** ({@link asksForJudgement}): a diagnosis ("why does my …",
 *   "what's wrong with …"), an opinion or recommendation ("do you think", "is it worth",
 *   "which … should I", "the best …"), or advice on what is allowed or safe ("is it legal to …").
 *   A business's knowledge rarely holds these; it may ("Should I tip the cleaners?" → "Tips are
 *   never expected"), so such a question is answered only when one unit holds nearly all of it.
 * - **The kind of answer asked for** ({@link asksForAmount}): "how much …" is answered by an amount,
 *   "free", or the business saying how it prices ("quoted after a free diagnostic", "we don't quote
 *   by text"); a line that names the service without a price does not answer it.
 */
import { wordRoles, type WordRole } from '../knowledge/english.js';
import { readPassage, unitContext } from '../knowledge/passage-structure.js';
import { expandQuery } from '../knowledge/query-expansion.js';
import { AMOUNT_WITH_CURRENCY } from '../knowledge/amounts.js';
import { tokenize } from '../knowledge/tokenize.js';
import type { BuiltinPassage } from './types.js';

/** Weight of a question word by its role, as retrieval weighs unknown words (bm25.ts). */
const ROLE_WEIGHT: Readonly<Record<WordRole, number>> = { topic: 1, action: 0.6, modifier: 0.3, function: 0 };

/**
 * Share of the question's words, weighed by role, that the passage's best unit holds with its
 * context (1 when the question has no content word: nothing to miss).
 */
export function unitCoverage(question: string, passage: BuiltinPassage): number {
  const words = contentWords(question);
  const total = words.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) return 1;
  let best = 0;
  for (const unit of readPassage(passage.text)) {
    const terms = new Set(tokenize(`${passage.title}\n${unitContext(unit)}\n${unit.text}`, { synonyms: false }));
    const held = words.reduce((sum, w) => sum + (holds(terms, w.word) ? w.weight : 0), 0);
    best = Math.max(best, held / total);
    if (best === 1) break;
  }
  return best;
}

/** The question's words that carry meaning, each with its role's weight (stop words skipped). */
function contentWords(question: string): Array<{ word: string; weight: number }> {
  const out: Array<{ word: string; weight: number }> = [];
  for (const [word, role] of wordRoles(question)) {
    if (!/[a-z0-9]/.test(word) || tokenize(word, { synonyms: false }).length === 0) continue;
    // "price", "cost", "much": what kind of answer is asked for, not what it is about
    if (GENERIC.has(word)) continue;
    out.push({ word, weight: ROLE_WEIGHT[role] });
  }
  return out.filter((w) => w.weight > 0);
}

/** Words that ask for a kind of answer (an amount, a time) rather than name a topic. */
const GENERIC = new Set(['much', 'many', 'long', 'price', 'prices', 'cost', 'costs', 'charge', 'fee', 'fees', 'rate', 'rates', 'pricing', 'roughly', 'usually', 'typically']);

function holds(terms: ReadonlySet<string>, word: string): boolean {
  if (tokenize(word, { synonyms: false }).some((t) => terms.has(t))) return true;
  return expandQuery(word, (t) => terms.has(t), terms).size > 0;
}

/**
 * Whether the text asks for judgement — a diagnosis, an opinion, a recommendation, or advice on
 * what is allowed or wise — rather than for a fact the business may have written down. Read from
 * the shape of the question, not from its topic.
 */
export function asksForJudgement(raw: string): boolean {
  const t = raw.toLowerCase().replace(/[’‘]/g, "'");
  return (
    // diagnosis: "why does my phone get hot", "why is our drain slow", "what's wrong with it", "what causes …"
    /\bwhy\b[^.?!]{0,30}\b(?:my|our|it|this|mine)\b/.test(t) ||
    /\bwhat'?s?\s+(?:is\s+)?(?:wrong|the (?:problem|issue)) with\b|\bwhat (?:could|would|might)?\s*(?:cause|be causing)\b|\bwhat causes\b/.test(t) ||
    // opinion: "do you think", "in your opinion", "is it worth", "worth fixing", "would you recommend"
    /\b(?:do|would) you think\b|\bin your (?:opinion|experience)\b|\bworth (?:it|fixing|repairing|replacing|the money|doing|getting)\b|\bis (?:it|that|this) worth\b/.test(t) ||
    /\b(?:would|could|can|do) you (?:recommend|suggest|advise)\b|\bwhat (?:do|would) you (?:recommend|suggest|advise)\b/.test(t) ||
    // a choice for the customer to make: "should I fix it or buy a new one", "which laptop should I buy"
    // ("should I be home or can I leave a key" asks how the business works: a new question after "or")
    /\bshould (?:i|we)\b[^.?!]*\bor\b(?!\s+(?:can|could|do|does|will|would|should|is|are|must)\b)/.test(t) ||
    /\bwhich\b[^.?!]{0,30}\bshould (?:i|we)\b|\bwhat [a-z]+ should (?:i|we) (?:buy|get|choose|pick|use)\b/.test(t) ||
    // what is allowed, safe or normal: "is it legal to …", "is it safe to …", "is that normal"
    /\b(?:is|are) (?:it|that|this|they) (?:legal|illegal|allowed|safe|dangerous|normal|bad|ok|okay) (?:to|for|if)\b|\b(?:is|are) (?:it|that|this) (?:normal|legal|safe)\s*\??$/.test(t) ||
    // the best of a kind, asked of the world rather than of this business ("your best price" is ours)
    /\b(?:what'?s|what is|what are|who makes|who has|which is|which are)\s+(?:the )?(?:best|most [a-z]+|top)\b/.test(t)
  );
}

/** Coverage the answering unit needs for a question that asks for judgement. */
export const JUDGEMENT_COVERAGE = 0.8;

/** Whether the question asks what something costs. */
export function asksForAmount(question: string): boolean {
  const t = question.toLowerCase();
  return /\bhow much\b|\bwhat(?:'?s| is| are| does| do)? (?:the |your |a |an )?(?:price|cost|rate|charge|fee)s?\b|\b(?:price|cost|rate)s? (?:of|for|on)\b|\bwhat (?:would|will|do|does) (?:it|that|this|you) (?:cost|charge|run|pay|give)\b|\bwhat (?:would|will|does|do)\b[^.?!]{0,40}\bcost\b|\bprice\s*\?/.test(
    t,
  );
}

/** An amount with a currency symbol ($, £, €, ¥ …) or an ISO code before or after it. */
const AMOUNT_IN_ANY_CURRENCY = new RegExp(AMOUNT_WITH_CURRENCY, 'iu');

/**
 * Whether an answer speaks to a price: an amount, "free" / "no charge", or how the business prices
 * ("quoted after a diagnostic", "we don't quote by text", "depends on condition", "included").
 */
export function speaksToAmount(answer: string): boolean {
  return AMOUNT_IN_ANY_CURRENCY.test(answer) || /\b\d+(?:\.\d+)?\s?(?:%|dollars?|euros?|percent)\b|\bfree\b|\bno (?:charge|cost|fee)\b|\bincluded\b|\bquot\w*|\bestimate\w*|\bdepends? on\b|\bvar(?:y|ies)\b|\bpric(?:e|es|ed|ing)\b|\bcharge[ds]?\b|\bcosts?\b|\bfees?\b/i.test(
    answer,
  );
}

/**
 * Whether `answer`, quoted from `passage`, answers `question`: a price question gets something
 * about price, and a question asking for judgement is answered only by a unit that holds nearly
 * all of it. Otherwise the knowledge does not say, and a person should.
 */
export function answersTheQuestion(question: string, passage: BuiltinPassage, answer: string): boolean {
  if (asksForAmount(question) && !speaksToAmount(answer)) return false;
  if (asksForJudgement(question) && unitCoverage(question, passage) < JUDGEMENT_COVERAGE) return false;
  return true;
}
