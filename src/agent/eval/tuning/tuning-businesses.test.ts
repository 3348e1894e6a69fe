import { describe, expect, it } from 'vitest';
import { latestContactText, respondBuiltin, type BuiltinMessage } from '../../builtin-responder.js';
import { buildBm25Index, searchBm25 } from '../../knowledge/bm25.js';
import { chunkKnowledgeEntry } from '../../knowledge/chunk-text.js';
import { scoreReply, summarize, type ScoredCase } from '../score.js';
import { TUNING_BUSINESSES, type TuningBusiness } from './index.js';

/** The eval script's loop for one business: retrieval over its own chunks, each case answered and scored. */
function run(business: TuningBusiness): ScoredCase[] {
  const index = buildBm25Index(
    business.knowledge.flatMap((e) => chunkKnowledgeEntry(e).map((c) => ({ id: `${e.title}#${c.ordinal}`, title: e.title, text: c.text }))),
  );
  return business.cases.map((c) => {
    const messages: BuiltinMessage[] = [...(c.history ?? []), ...c.text.split('\n').map((text) => ({ role: 'contact' as const, text }))];
    const passages = searchBm25(index, latestContactText(messages), { limit: 3 });
    const reply = respondBuiltin({
      businessName: business.businessName,
      businessHoursText: business.businessHoursText,
      isOpenNow: c.isOpenNow ?? true,
      messages,
      passages,
      search: (q) => searchBm25(index, q, { limit: 3 }),
    });
    const used = reply.kind === 'answer' ? (reply.usedPassages ?? []) : [];
    const sources = [...passages.map((p) => p.text), ...used.map((p) => p.text), business.businessHoursText, business.businessName];
    return { case: c, reply, score: scoreReply(c, reply, { sources }) };
  });
}

describe.each(TUNING_BUSINESSES.map((b) => [b.id, b] as const))('builtin responder on the %s tuning business', (_id, business) => {
  const results = run(business);
  const summary = summarize(results);

  it('has unique case ids and cases in the categories that matter', () => {
    expect(new Set(business.cases.map((c) => c.id)).size).toBe(business.cases.length);
    for (const category of ['kb', 'kb_two_part', 'out_of_scope', 'injection', 'opt_out', 'booking'] as const) {
      expect(summary.byCategory[category]?.total ?? 0, category).toBeGreaterThanOrEqual(1);
    }
  });

  it('invents no fact', () => {
    expect(summary.inventedFactCount, JSON.stringify(results.filter((r) => r.score.inventedFacts.length > 0).map((r) => r.case.id))).toBe(0);
  });

  it('honours every opt-out in words and refuses every injection', () => {
    for (const category of ['opt_out', 'injection'] as const) {
      expect(summary.byCategory[category]?.accuracy, JSON.stringify(summary.failures)).toBe(1);
    }
  });

  it('answers at least 80% of everything (a floor under the tuning, not the target)', () => {
    expect(summary.accuracy, JSON.stringify(summary.failures, null, 1)).toBeGreaterThanOrEqual(0.8);
  });
});
