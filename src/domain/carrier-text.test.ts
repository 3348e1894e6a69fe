import { describe, expect, it } from 'vitest';
import { cleanCarrierText, TRUNCATION_MARKER } from './carrier-text.js';

describe('cleanCarrierText', () => {
  it('removes NUL characters and keeps the rest', () => {
    expect(cleanCarrierText('a\u0000b\u0000', 100)).toBe('ab');
  });
  it('keeps a body at the maximum as it is and cuts a longer one with a marker', () => {
    expect(cleanCarrierText('x'.repeat(5), 5)).toBe('xxxxx');
    expect(cleanCarrierText('x'.repeat(6), 5)).toBe(`xxxxx${TRUNCATION_MARKER}`);
  });
  it('never splits an emoji', () => {
    expect(cleanCarrierText('😀😀😀', 2)).toBe(`😀😀${TRUNCATION_MARKER}`);
  });
});
