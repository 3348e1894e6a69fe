import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('is prefixed, fixed-length and sorts in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId('msg', 1_700_000_000_000));
    expect(ids[0]).toMatch(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  it('sorts by time across milliseconds', () => {
    const a = newId('x', 1_800_000_000_000);
    const b = newId('x', 1_800_000_000_001);
    expect(a < b).toBe(true);
  });
});
