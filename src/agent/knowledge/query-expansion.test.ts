import { describe, expect, it } from 'vitest';
import { editDistance, expandQuery, isTypoOf, sameRoot } from './query-expansion.js';

const expand = (query: string, vocabulary: string[]) => {
  const known = new Set(vocabulary);
  return Object.fromEntries([...expandQuery(query, (t) => known.has(t), known)].map(([k, v]) => [k, v.map((e) => e.term)]));
};

describe('expandQuery', () => {
  it('finds another form of the same root the knowledge uses', () => {
    expect(expand('do yall deliver', ['delivery', 'mile'])).toEqual({ deliver: ['delivery'] });
    expect(expand('how much for aerating', ['aeration', 'lawn'])).toMatchObject({ aerate: ['aeration'] });
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
