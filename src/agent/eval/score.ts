/**
 * Scores agent replies against the eval cases: was the decision right (answer / clarify /
 * handoff and why / greeting), does the text say what it must and nothing it must not, and did it
 * invent a fact (a price, time, date… no source backs). Works for any provider whose reply can be
 * put in the builtin's shape, so the builtin and the LLM providers are compared on one scale.
 */
import type { BuiltinReply } from '../builtin-responder.js';
import { unsupportedFacts } from '../guardrails/unsupported-facts.js';
import { expectationsOf, type EvalCase, type EvalCategory, type EvalExpectation } from './cases.js';
import { SAMPLE_BUSINESS, SAMPLE_BUSINESS_HOURS_TEXT, SAMPLE_KNOWLEDGE } from './sample-business.js';

/** The verdict on one reply. */
export interface CaseScore {
  /** Right kind (and handoff reason, passage), required text present, forbidden text absent, nothing invented. */
  correct: boolean;
  /** Handed off exactly when the case expects a handoff (opt-outs included), for the right reason if one is expected. */
  handedOffCorrectly: boolean;
  /** Facts in the reply no source supports (see `unsupportedFacts`). */
  inventedFacts: string[];
  /** Why it is not correct, in words; empty when correct. */
  notes: string;
}

/** Options for {@link scoreReply}. */
export interface ScoreOptions {
  /**
   * What the reply may draw facts from. Default: the whole sample knowledge base, its hours text
   * and business name. Pass the passages actually given to the agent for a stricter check.
   */
  sources?: readonly string[];
}

/** The default sources: everything the sample business says about itself. */
export const SAMPLE_SOURCES: readonly string[] = [
  SAMPLE_BUSINESS.businessName,
  SAMPLE_BUSINESS_HOURS_TEXT,
  ...SAMPLE_KNOWLEDGE.map((e) => `${e.title}\n${e.content}`),
];

/** Scores one reply against its case: it passes when it meets any one of the case's expectations. */
export function scoreReply(evalCase: EvalCase, reply: BuiltinReply, options: ScoreOptions = {}): CaseScore {
  const inventedFacts = unsupportedFacts(reply.text, options.sources ?? SAMPLE_SOURCES);
  const verdicts = expectationsOf(evalCase).map((expect) => scoreAgainst(expect, reply, inventedFacts));
  const best = verdicts.find((v) => v.correct) ?? verdicts[0]!;
  // A handoff is right when some alternative expects one (for its reason); no handoff is right
  // when some alternative expects none.
  const handedOffCorrectly = verdicts.some((v) => v.handedOffCorrectly);
  return { ...best, handedOffCorrectly, inventedFacts };
}

function scoreAgainst(expect: EvalExpectation, reply: BuiltinReply, inventedFacts: string[]): CaseScore {
  const notes: string[] = [];
  const lower = reply.text.toLowerCase();

  const expectsHandoff = expect.kind === 'handoff' || expect.kind === 'opt_out';
  const expectedReason = expect.kind === 'opt_out' ? 'opt_out' : expect.reason;
  const isHandoff = reply.kind === 'handoff';
  const reasonOk = !isHandoff || expectedReason === undefined || reply.reason === expectedReason;
  const handedOffCorrectly = expectsHandoff === isHandoff && (!expectsHandoff || reasonOk);

  const wantedKind = expect.kind === 'opt_out' ? 'handoff' : expect.kind;
  if (reply.kind !== wantedKind) notes.push(`expected ${expect.kind}, got ${reply.kind}`);
  else if (isHandoff && !reasonOk) notes.push(`expected handoff reason ${expectedReason ?? '?'}, got ${reply.reason}`);

  if (expect.passageTitle !== undefined && reply.kind === 'answer' && reply.usedPassage !== expect.passageTitle) {
    notes.push(`answered from "${reply.usedPassage}", expected "${expect.passageTitle}"`);
  }
  for (const wanted of expect.mustInclude ?? []) {
    const anyOf = typeof wanted === 'string' ? [wanted] : wanted;
    if (!anyOf.some((s) => lower.includes(s.toLowerCase()))) notes.push(`missing "${anyOf.join('" or "')}"`);
  }
  for (const s of expect.mustNotInclude ?? []) if (lower.includes(s.toLowerCase())) notes.push(`contains forbidden "${s}"`);

  if (inventedFacts.length > 0) notes.push(`invented: ${inventedFacts.join(', ')}`);

  return { correct: notes.length === 0, handedOffCorrectly, inventedFacts, notes: notes.join('; ') };
}

/** One scored case, as {@link summarize} takes it. */
export interface ScoredCase {
  case: EvalCase;
  reply: BuiltinReply;
  score: CaseScore;
}

/** Per-category and overall results. */
export interface EvalSummary {
  total: number;
  correct: number;
  accuracy: number;
  byCategory: Partial<Record<EvalCategory, { total: number; correct: number; accuracy: number }>>;
  /**
   * Handoff as a binary decision: precision = handoffs that were expected / all handoffs made;
   * recall = expected handoffs made / all expected. 1 when there is nothing to divide.
   */
  handoff: { precision: number; recall: number; truePositives: number; falsePositives: number; falseNegatives: number };
  inventedFactCount: number;
  /** Ids and notes of the cases that failed. */
  failures: Array<{ id: string; notes: string; reply: string }>;
}

/** Aggregates scored cases. */
export function summarize(results: readonly ScoredCase[]): EvalSummary {
  const byCategory: EvalSummary['byCategory'] = {};
  let correct = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let invented = 0;
  const failures: EvalSummary['failures'] = [];
  for (const r of results) {
    const bucket = (byCategory[r.case.category] ??= { total: 0, correct: 0, accuracy: 0 });
    bucket.total++;
    if (r.score.correct) {
      bucket.correct++;
      correct++;
    } else {
      failures.push({ id: r.case.id, notes: r.score.notes, reply: r.reply.text });
    }
    // With alternatives, a handoff is expected when every alternative is one, and allowed when any is.
    const wantsHandoff = expectationsOf(r.case).map((e) => e.kind === 'handoff' || e.kind === 'opt_out');
    const expected = wantsHandoff.every(Boolean);
    const allowed = wantsHandoff.some(Boolean);
    const made = r.reply.kind === 'handoff';
    if (allowed && made) tp++;
    else if (made) fp++;
    else if (expected) fn++;
    invented += r.score.inventedFacts.length;
  }
  for (const bucket of Object.values(byCategory)) bucket.accuracy = bucket.total === 0 ? 1 : bucket.correct / bucket.total;
  return {
    total: results.length,
    correct,
    accuracy: results.length === 0 ? 1 : correct / results.length,
    byCategory,
    handoff: {
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
    },
    inventedFactCount: invented,
    failures,
  };
}
