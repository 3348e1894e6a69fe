import { describe, it, expect } from 'vitest';
import { countSegments } from './sms-segments.js';

describe('countSegments', () => {
  it('fits 160 GSM-7 characters in one segment', () => {
    expect(countSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      characters: 160,
      unicodeCharacters: [],
    });
  });

  it('needs two segments for 161, and 153 per segment once concatenated', () => {
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('switches to UCS-2 for an emoji, with 70 UTF-16 units per single segment (an emoji takes 2)', () => {
    const r = countSegments('Thanks! 🙏');
    expect(r.encoding).toBe('UCS-2');
    expect(r.unicodeCharacters).toEqual(['🙏']);
    expect(countSegments('🙂' + 'a'.repeat(68)).segments).toBe(1);
    expect(countSegments('🙂' + 'a'.repeat(69)).segments).toBe(2);
    expect(countSegments('🙂' + 'a'.repeat(69)).characters).toBe(70);
  });

  it('keeps a curly apostrophe in GSM-7 with Smart Encoding, not without', () => {
    expect(countSegments('We’ll call you back')).toMatchObject({ encoding: 'GSM-7', unicodeCharacters: [] });
    expect(countSegments('We’ll call you back', { smartEncoding: false })).toMatchObject({
      encoding: 'UCS-2',
      unicodeCharacters: ['’'],
    });
  });

  it('counts GSM extension characters twice', () => {
    expect(countSegments('€5 [ok]').characters).toBe(10);
    expect(countSegments('€'.repeat(80)).segments).toBe(1);
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
  });

  it('treats an empty body as one GSM-7 segment', () => {
    expect(countSegments('')).toMatchObject({ encoding: 'GSM-7', segments: 1, characters: 0 });
  });
});
