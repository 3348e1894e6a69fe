import { describe, expect, it } from 'vitest';
import { isSynonymToken, stem, synonymGroupOf, tokenize } from './tokenize.js';

describe('stem', () => {
  it('strips plurals, -ing and -ed to a readable word', () => {
    expect(stem('prices')).toBe('price');
    expect(stem('leaking')).toBe('leak');
    expect(stem('booked')).toBe('book');
    expect(stem('heaters')).toBe('heater');
    expect(stem('boxes')).toBe('box');
    expect(stem('replies')).toBe('reply');
  });

  it('gives every form of a word the same stem', () => {
    const same = (...words: string[]): void => expect(new Set(words.map(stem)).size).toBe(1);
    same('price', 'prices', 'pricing', 'priced');
    same('schedule', 'schedules', 'scheduling', 'scheduled');
    same('charge', 'charges', 'charging', 'charged');
    same('close', 'closes', 'closing', 'closed');
    same('locate', 'locating', 'located');
    same('heat', 'heating', 'heated');
    same('stop', 'stopped', 'stopping', 'stops');
    same('serve', 'serving', 'served');
    same('guarantee', 'guaranteed', 'guarantees');
  });

  it('leaves short words, numbers and words whose ending is not a suffix alone', () => {
    expect(stem('gas')).toBe('gas');
    expect(stem('thing')).toBe('thing');
    expect(stem('need')).toBe('need');
    expect(stem('business')).toBe('business');
    expect(stem('60614')).toBe('60614');
  });
});

describe('tokenize', () => {
  it('lowercases, drops stop words and texting filler, stems', () => {
    expect(tokenize('Hey guys, are you LEAKING pipes?', { synonyms: false })).toEqual(['leak', 'pipe']);
  });

  it('splits unicode words and folds accents', () => {
    expect(tokenize('Café Zürich naïve', { synonyms: false })).toEqual(['cafe', 'zurich', 'naive']);
    expect(tokenize('Водопровод течёт', { synonyms: false })).toEqual(['водопровод', 'течет']);
  });

  it('handles apostrophes, curly or straight', () => {
    expect(tokenize("plumber's don’t", { synonyms: false })).toEqual(['plumber']);
  });

  it('adds a synonym-group token after each member word', () => {
    expect(tokenize('cost')).toEqual(['cost', '~price']);
    expect(tokenize('fee')).toEqual(['fee', '~price']);
    expect(tokenize('quote')).toEqual(['quote', '~price']);
    expect(tokenize('estimates')).toEqual(['estimate', '~price']);
    expect(tokenize('scheduling')).toEqual(['schedule', '~book']);
    expect(tokenize('appointment')).toEqual(['appointment', '~book']);
    expect(tokenize('urgent')).toEqual(['urgent', '~emergency']);
    expect(tokenize('zip')).toEqual(['zip', '~area']);
    expect(tokenize('open')).toEqual(['open', '~hours']);
  });

  it('understands the phrases a word split would lose', () => {
    expect(tokenize('how much?')).toEqual(['cost', '~price']);
    expect(tokenize('24/7')).toEqual(['twentyfourseven', '~emergency']);
    expect(tokenize('smell gas')).toContain('gassmell');
    expect(tokenize('drain cleaning is $149')).toContain('~price');
    // a price in any currency: a symbol or an ISO code, before or after the amount
    for (const line of ['a small unit is £45 every 4 weeks', 'half-day hire €80', 'lessons are AUD 40', 'lessons are 40 aud each', '¥3,000 per hour']) {
      expect(tokenize(line)).toContain('~price');
    }
    expect(tokenize('a 10 foot unit')).not.toContain('~price');
    expect(tokenize('how long')).toEqual(['duration']);
    expect(tokenize('takes 3 to 4 hours')).toContain('duration');
  });

  it('lets a zip code find the "606xx" written for a whole city', () => {
    expect(tokenize('60614')).toEqual(['60614', '~606xx']);
    expect(tokenize('all 606xx zip codes')).toContain('~606xx');
  });

  it('returns nothing for empty or filler-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('hi, thanks so much!')).toEqual([]);
  });

  it('exposes the group helpers', () => {
    expect(isSynonymToken('~price')).toBe(true);
    expect(isSynonymToken('price')).toBe(false);
    expect(synonymGroupOf('rate')).toBe('~price');
    expect(synonymGroupOf('pipe')).toBeUndefined();
  });

  it('indexes a hyphenated compound joined as well ("wifi" finds "Wi-Fi")', () => {
    expect(tokenize('Free Wi-Fi')).toEqual(expect.arrayContaining(['wi', 'fi', 'wifi']));
    expect(tokenize('gluten-free cake')).toEqual(expect.arrayContaining(['gluten', 'free', 'glutenfree']));
  });

  it('reads one number as one term: thousands, fractions, and a form\'s name with its plural', () => {
    expect(tokenize('average 2,000 sq ft home')).toContain('2000');
    expect(tokenize('house is about 2000 sq ft')).toContain('2000');
    // an amount keeps its pieces, so "$14,000" never joins the "140xx" zip group
    expect(tokenize('$14,000')).not.toContain('14000');
    expect(tokenize('£14,000')).not.toContain('14000');
    expect(tokenize('Medium lawn (1/4 to 1/2 acre)')).not.toContain('2');
    expect(tokenize('my yard is 2 acres')).toContain('2');
    expect(tokenize('bring your W-2s')).toContain('w2');
    expect(tokenize('just have a w2')).toEqual(['w2']);
    expect(stem('1099s')).toBe('1099');
  });

  it('drops contractions of stop words and stems plural -ing nouns like their singular', () => {
    expect(tokenize("you're supposed to")).not.toContain('youre');
    expect(stem('meetings')).toBe(stem('meeting'));
  });
});
