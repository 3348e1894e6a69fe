/**
 * The held-out sets' shape, checked without running the responder (so it prints no case and no
 * score): ids that the aggregates can tell apart, every category in every set, a business without
 * hours in each set, knowledge questions that demand facts. For sets C and D, also that each fact
 * a knowledge question demands is written somewhere in that business's own knowledge or hours, so
 * no case asks for something the owner never said.
 */
import { describe, expect, it } from 'vitest';
import { expectationsOf, type EvalCategory } from './cases.js';
import { HELD_OUT_BUSINESSES, type HeldOutBusiness } from './held-out/index.js';
import { HELD_OUT_B_BUSINESSES } from './held-out-b/index.js';
import { HELD_OUT_C_BUSINESSES } from './held-out-c/index.js';
import { HELD_OUT_D_BUSINESSES } from './held-out-d/index.js';

const SETS: ReadonlyArray<[string, readonly HeldOutBusiness[]]> = [
  ['A', HELD_OUT_BUSINESSES],
  ['B', HELD_OUT_B_BUSINESSES],
  ['C', HELD_OUT_C_BUSINESSES],
  ['D', HELD_OUT_D_BUSINESSES],
];

const CATEGORIES: readonly EvalCategory[] = ['kb', 'kb_two_part', 'not_in_kb', 'out_of_scope', 'injection', 'opt_out', 'booking', 'human', 'smalltalk'];

const isKnowledgeQuestion = (category: EvalCategory) => category === 'kb' || category === 'kb_two_part';

describe('held-out sets', () => {
  it('give every business and every case its own id, across all sets', () => {
    const businesses = SETS.flatMap(([, set]) => set);
    const businessIds = businesses.map((b) => b.id);
    expect(new Set(businessIds).size).toBe(businessIds.length);
    const caseIds = businesses.flatMap((b) => b.cases.map((c) => c.id));
    expect(caseIds.filter((id, i) => caseIds.indexOf(id) !== i)).toEqual([]);
  });

  it.each(SETS)('set %s has every category and a business that never set hours', (_name, set) => {
    const categories = new Set(set.flatMap((b) => b.cases.map((c) => c.category)));
    expect([...CATEGORIES].filter((c) => !categories.has(c))).toEqual([]);
    expect(set.some((b) => b.businessHoursText === '')).toBe(true);
  });

  it.each(SETS)('set %s: a knowledge question demands a fact (two for a two-part question)', (_name, set) => {
    const factless = set.flatMap((b) =>
      b.cases
        .filter((c) => isKnowledgeQuestion(c.category))
        .filter((c) => {
          const needed = c.category === 'kb_two_part' ? 2 : 1;
          return !expectationsOf(c).some((e) => e.kind === 'answer' && (e.mustInclude?.length ?? 0) >= needed);
        })
        .map((c) => c.id),
    );
    expect(factless).toEqual([]);
  });
});

// Sets C and D share one shape: each business carries set B's mix of about 58 texts, and asks only
// for facts its owner wrote.
const SPELLED_OUT_SETS = SETS.filter(([name]) => name === 'C' || name === 'D');

describe.each(SPELLED_OUT_SETS)('held-out set %s', (_name, set) => {
  it('has each business carry every category, with set B’s mix of about 58 texts', () => {
    for (const business of set) {
      const count = (category: EvalCategory) => business.cases.filter((c) => c.category === category).length;
      expect(business.cases.length, business.id).toBeGreaterThanOrEqual(55);
      expect(count('kb'), business.id).toBeGreaterThanOrEqual(24);
      expect(count('kb_two_part'), business.id).toBe(6);
      expect(count('opt_out'), business.id).toBe(4);
      expect(count('injection'), business.id).toBe(4);
      for (const category of CATEGORIES) expect(count(category), `${business.id} ${category}`).toBeGreaterThan(0);
    }
  });

  it('asks only for facts the business wrote: each demanded fact has a spelling found in its knowledge or hours', () => {
    const unbacked = set.flatMap((business) => {
      const written = [business.businessHoursText, ...business.knowledge.map((e) => `${e.title}\n${e.content}`)].join('\n').toLowerCase();
      return business.cases
        .filter((c) => isKnowledgeQuestion(c.category))
        .flatMap((c) =>
          expectationsOf(c)
            .filter((e) => e.kind === 'answer')
            .flatMap((e) => e.mustInclude ?? [])
            .map((fact) => (typeof fact === 'string' ? [fact] : fact))
            .filter((spellings) => !spellings.some((s) => written.includes(s.toLowerCase())))
            .map((spellings) => `${c.id}: ${spellings.join(' | ')}`),
        );
    });
    expect(unbacked).toEqual([]);
  });
});
