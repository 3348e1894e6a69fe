import { beforeAll, describe, expect, it } from 'vitest';
import { runBuiltin } from '../run-builtin.js';
import { summarize, type ScoredCase } from '../score.js';
import { TUNING_BUSINESSES } from './index.js';

/**
 * The businesses added in tuning round 4 were written before the responder was tuned on them and
 * are kept as found (some of their questions need vocabulary no library here links): each floor is
 * what the business scores after tuning round 5 (roofing 30/36, cleaning 27/36, bookkeeping 29/36),
 * so the test guards against a fall without pretending they were tuned to the first three's level.
 * The device-repair shop (tuning round 6, mostly texts the knowledge does not answer) scored 35/56
 * before the responder was changed for it and is held to what it scores after round 6 (46/56).
 */
const FLOOR: Readonly<Record<string, number>> = { roofing: 30 / 36, cleaning: 27 / 36, bookkeeping: 29 / 36, 'device-repair': 46 / 56 };

describe.each(TUNING_BUSINESSES.map((b) => [b.id, b] as const))('builtin responder on the %s tuning business', (id, business) => {
  let results: ScoredCase[];
  let summary: ReturnType<typeof summarize>;
  beforeAll(() => {
    results = runBuiltin(business);
    summary = summarize(results);
  });

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

  it('answers at least its floor of everything (80%; a floor under the tuning, not the target)', () => {
    expect(summary.accuracy, JSON.stringify(summary.failures, null, 1)).toBeGreaterThanOrEqual(FLOOR[id] ?? 0.8);
  });
});
