/**
 * Scores the offline builtin responder on one business's customer texts, as production runs it:
 * BM25 over the business's own chunks, each question of a several-question text looked up on its
 * own, every reply checked against the passages it was given. Used by `npm run eval:agent` and by
 * the tuning-set tests, so both measure the same loop.
 */
import { latestContactText, respondBuiltin, type BuiltinMessage } from '../builtin-responder.js';
import { buildBm25Index, searchBm25 } from '../knowledge/bm25.js';
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

export function runBuiltin(business: EvalBusiness): ScoredCase[] {
  const index = buildBm25Index(
    business.knowledge.flatMap((e) => chunkKnowledgeEntry(e).map((c) => ({ id: `${e.title}#${c.ordinal}`, title: e.title, text: c.text }))),
  );
  return business.cases.map((c) => {
    const messages = messagesOf(c);
    const passages = searchBm25(index, latestContactText(messages), { limit: 3 });
    const reply = respondBuiltin({
      businessName: business.businessName,
      businessHoursText: business.businessHoursText,
      isOpenNow: c.isOpenNow ?? true,
      messages,
      passages,
      search: (query) => searchBm25(index, query, { limit: 3 }),
    });
    const used = reply.kind === 'answer' ? (reply.usedPassages ?? []) : [];
    const sources = [...passages.map((p) => p.text), ...used.map((p) => p.text), business.businessHoursText, business.businessName];
    return { case: c, reply, score: scoreReply(c, reply, { sources }) };
  });
}
