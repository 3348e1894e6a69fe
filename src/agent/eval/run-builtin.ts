/**
 * Scores the offline builtin responder on one business's customer texts, as production runs it:
 * BM25 over the business's own chunks, each question of a several-question text looked up on its
 * own, every reply checked against the passages it was given. Used by `npm run eval:agent` and by
 * the tuning-set tests, so both measure the same loop.
 */
import { latestContactText, respondBuiltin, type BuiltinMessage, type BuiltinPassage } from '../builtin-responder.js';
import { buildBm25Index, searchBm25, type Bm25Doc } from '../knowledge/bm25.js';
import { chunkKnowledgeEntry } from '../knowledge/chunk-text.js';
import type { EvalCase } from './cases.js';
import type { SampleKnowledgeEntry } from './sample-business.js';
import { scoreReply, type ScoredCase } from './score.js';

/** What the builtin is scored against: a business's profile, knowledge and customer texts. */
export interface EvalBusiness {
  businessName: string;
  /** Empty when the business never set its hours. */
  businessHoursText: string;
  knowledge: readonly SampleKnowledgeEntry[];
  cases: readonly EvalCase[];
}

/** A case's conversation: its history, then each line of its text as one customer message. */
export const messagesOf = (c: EvalCase): BuiltinMessage[] => [
  ...(c.history ?? []),
  ...c.text.split('\n').map((text) => ({ role: 'contact' as const, text })),
];

/** The business's knowledge as the product chunks it. */
export const chunksOf = (business: EvalBusiness): Bm25Doc[] =>
  business.knowledge.flatMap((e) => chunkKnowledgeEntry(e).map((c) => ({ id: `${e.title}#${c.ordinal}`, title: e.title, text: c.text })));

export function runBuiltin(business: EvalBusiness): ScoredCase[] {
  const index = buildBm25Index(chunksOf(business));
  return runBuiltinWith(business, (query) => searchBm25(index, query, { limit: 3 }));
}

/** Scores the builtin with `search` as its retrieval (BM25 alone, or fused with another ranking). */
export function runBuiltinWith(business: EvalBusiness, search: (query: string) => BuiltinPassage[]): ScoredCase[] {
  return business.cases.map((c) => {
    const messages = messagesOf(c);
    const passages = search(latestContactText(messages));
    const reply = respondBuiltin({
      businessName: business.businessName,
      businessHoursText: business.businessHoursText,
      isOpenNow: c.isOpenNow ?? true,
      messages,
      passages,
      search,
    });
    const used = reply.kind === 'answer' ? (reply.usedPassages ?? []) : [];
    const sources = [...passages.map((p) => p.text), ...used.map((p) => p.text), business.businessHoursText, business.businessName];
    return { case: c, reply, score: scoreReply(c, reply, { sources }) };
  });
}
