import { describe, expect, it } from 'vitest';
import { answersTheQuestion, asksForAmount, asksForJudgement, JUDGEMENT_COVERAGE, speaksToAmount, unitCoverage } from './answer-fit.js';
import type { BuiltinPassage } from './types.js';

const passage = (title: string, text: string): BuiltinPassage => ({ title, text, score: 1, confidence: 0.8 });

const PRICES = passage('Price list', '| Repair | Price |\n|---|---|\n| Charging port | $89 |\n| Phone battery | $79 |');
const SERVICES = passage('Repairs we do', '- Cracked screen replacement for iPhone, Samsung Galaxy and Google Pixel\n- Charging port repair');
const TIPS = passage('FAQ', 'Should I tip the cleaners? Tips are never expected, but always appreciated by the team.');

describe('asksForJudgement', () => {
  it('reads diagnosis, opinion, a choice and what is allowed from the shape of the question', () => {
    for (const text of [
      'why does my phone get so hot when its charging',
      "my laptop makes a clicking noise, what's wrong with it",
      'do you think the screen is worth replacing',
      'should i fix my iphone 11 or just buy a new one',
      'which laptop should i buy for college',
      'is it legal to jailbreak my phone',
      'whats the best phone plan for a family of 4',
      'who makes the most reliable laptops',
      'would you recommend a metal roof',
    ]) {
      expect(asksForJudgement(text), text).toBe(true);
    }
  });

  it('leaves questions about the business’s own facts alone', () => {
    for (const text of [
      'should I tip the cleaners?',
      'what should I bring to my appointment',
      'how much for a new battery',
      "what's your best price on a battery",
      'do you fix charging ports',
      'is it free to look at my laptop',
      'should I be home while you clean or can I leave a key',
    ]) {
      expect(asksForJudgement(text), text).toBe(false);
    }
  });
});

describe('asksForAmount and speaksToAmount', () => {
  it('knows a price question, and that a line naming the service without a price does not answer it', () => {
    expect(asksForAmount('how much for a pixel 8 screen')).toBe(true);
    expect(asksForAmount('price of a half sheet cake pls')).toBe(true);
    expect(asksForAmount('what would you give me for my old phone')).toBe(true);
    expect(asksForAmount('what would a dozen cupcakes cost')).toBe(true);
    expect(asksForAmount('do you fix pixel screens')).toBe(false);
    expect(speaksToAmount('Cracked screen replacement for iPhone, Samsung Galaxy and Google Pixel.')).toBe(false);
    expect(speaksToAmount('Charging port repair.')).toBe(false);
  });

  it('takes an amount, "free" or how the business prices as speaking to it ("we quote on site" stays an answer)', () => {
    for (const answer of [
      'Charging port: $89.',
      'Small unit (25 sq ft): £45 every 4 weeks.',
      'Group lessons AUD 40 a term.',
      'Flash designs from 120 EUR.',
      'Phone diagnostics are free.',
      'Water damage repairs are quoted after a free diagnostic.',
      "We don't quote repair prices by text because every job is different.",
      'Tear-off of one layer is included in the price.',
      'The price depends on condition.',
    ]) {
      expect(speaksToAmount(answer), answer).toBe(true);
    }
  });
});

describe('unitCoverage', () => {
  it('weighs the question’s words by role against the best unit with its context', () => {
    // "phone", "hot", "charging": the charging-port row holds only "charging"
    expect(unitCoverage('why does my phone get so hot when its charging', PRICES)).toBeLessThan(JUDGEMENT_COVERAGE);
    // the FAQ pair holds all of it, its question read as context
    expect(unitCoverage('should I tip the cleaners?', TIPS)).toBeGreaterThanOrEqual(JUDGEMENT_COVERAGE);
  });
});

describe('answersTheQuestion', () => {
  it('refuses a price line without a price and a judgement the unit barely holds; keeps the rest', () => {
    expect(answersTheQuestion('how much for a pixel 8 screen', SERVICES, 'Cracked screen replacement for iPhone, Samsung Galaxy and Google Pixel.')).toBe(false);
    expect(answersTheQuestion('why does my phone get so hot when its charging', PRICES, 'Charging port: $89.')).toBe(false);
    expect(answersTheQuestion('how much to fix the charging port', PRICES, 'Charging port: $89.')).toBe(true);
    expect(answersTheQuestion('should I tip the cleaners?', TIPS, 'Tips are never expected, but always appreciated by the team.')).toBe(true);
    expect(answersTheQuestion('do you fix pixel screens', SERVICES, 'Cracked screen replacement for iPhone, Samsung Galaxy and Google Pixel.')).toBe(true);
  });
});
