import { describe, expect, it } from 'vitest';
import { editDistance, expandQuery, isTypoOf, sameRoot, type ExpansionMemo } from './query-expansion.js';

const expand = (query: string, vocabulary: string[]) => {
  const known = new Set(vocabulary);
  return Object.fromEntries([...expandQuery(query, (t) => known.has(t), known)].map(([k, v]) => [k, v.map((e) => e.term)]));
};

describe('expandQuery', () => {
  it('finds another form of the same root the knowledge uses', () => {
    expect(expand('do yall deliver', ['delivery', 'mile'])).toEqual({ deliver: ['delivery'] });
    expect(expand('how much for aerating', ['aeration', 'lawn'])).toMatchObject({ aerate: ['aeration'] });
  });

  it('with a memo, lists the index\'s words once and answers a word seen before the same way', () => {
    const known = new Set(['delivery', 'cinnamon', 'roll']);
    let listed = 0;
    const vocabulary = { *[Symbol.iterator]() { listed++; yield* known; } };
    const memo: ExpansionMemo = { byWord: new Map() };
    const terms = (m: Map<string, Array<{ term: string }>>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((e) => e.term)]));
    const first = expandQuery('do yall deliver cinamon rolls', (t) => known.has(t), vocabulary, memo);
    const again = expandQuery('deliver the cinamon please', (t) => known.has(t), vocabulary, memo);
    expect(terms(first)).toEqual({ deliver: ['delivery'], cinamon: ['cinnamon'] });
    expect(terms(again)).toEqual(terms(first));
    expect(terms(expandQuery('deliver the cinamon please', (t) => known.has(t), known))).toEqual(terms(again));
    expect(listed).toBe(1);
  });

  it('fixes a typo only for a word no dictionary knows', () => {
    expect(expand('how much is a cinamon roll', ['cinnamon', 'roll'])).toEqual({ cinamon: ['cinnamon'] });
    // "dental" is a word: it is not a slip for "rental"
    expect(expand('do you do dental cleanings', ['rental', 'clean'])).toEqual({});
  });

  it('leaves words the knowledge knows alone', () => {
    expect(expand('price of mulch', ['price', 'mulch'])).toEqual({});
  });
});

describe('sameRoot, isTypoOf, editDistance', () => {
  it('tells a shared root from a shared beginning', () => {
    expect(sameRoot('insure', 'insurance')).toBe(true);
    expect(sameRoot('cater', 'catering')).toBe(true);
    expect(sameRoot('carpet', 'carpool')).toBe(false);
    expect(sameRoot('trainer', 'training')).toBe(false);
  });

  it('counts a swap of neighbours as one edit and allows two in long words', () => {
    expect(editDistance('recieve', 'receive')).toBe(1);
    expect(isTypoOf('neutr', 'neuter')).toBe(true);
    expect(isTypoOf('apointmnt', 'appointment')).toBe(true);
    expect(isTypoOf('mulch', 'munch')).toBe(true);
    expect(isTypoOf('mulch', 'gulch')).toBe(false); // a different first letter is a different word
    expect(isTypoOf('plumbr', 'plumbing')).toBe(false);
  });
});
