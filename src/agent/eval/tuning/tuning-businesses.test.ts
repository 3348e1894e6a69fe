import { describe, expect, it } from 'vitest';
import { runBuiltin } from '../run-builtin.js';
import { summarize } from '../score.js';
import { TUNING_BUSINESSES } from './index.js';

describe.each(TUNING_BUSINESSES.map((b) => [b.id, b] as const))('builtin responder on the %s tuning business', (_id, business) => {
  const results = runBuiltin(business);
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
