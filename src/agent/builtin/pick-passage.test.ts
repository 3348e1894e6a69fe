import { describe, expect, it } from 'vitest';
import { bestSentenceShare, pickPassage } from './pick-passage.js';

const passage = (title: string, text: string, confidence: number) => ({ title, text, score: 1, confidence });

describe('pickPassage', () => {
  it('prefers a later passage whose one line holds the whole question', () => {
    const faq = passage('FAQ', 'We mulch clippings back into the lawn. Bagging is $15 extra per visit.', 0.9);
    const prices = passage('Price list', 'Small lawn: $45\nMulch - $85 per cubic yard', 0.9);
    expect(bestSentenceShare('whats mulch cost', prices)).toBeGreaterThan(bestSentenceShare('whats mulch cost', faq));
    expect(pickPassage('whats mulch cost', [faq, prices])).toBe(prices);
  });

  it('keeps the index order when neither is clearly better', () => {
    const a = passage('A', 'Drain cleaning is $149.', 0.8);
    const b = passage('B', 'Drain cleaning starts at $149.', 0.8);
    expect(pickPassage('how much is drain cleaning', [a, b])).toBe(a);
    expect(pickPassage('anything', [])).toBeUndefined();
  });
});
