import { describe, expect, it } from 'vitest';
import type { EvalCase } from './cases.js';
import { scoreReply, summarize, type ScoredCase } from './score.js';

const kbCase: EvalCase = {
  id: 'fee',
  text: 'how much to come out',
  expect: { kind: 'answer', passageTitle: 'Pricing', mustInclude: ['$89'], mustNotInclude: ['free'] },
  category: 'kb',
};
const optOutCase: EvalCase = { id: 'stop', text: 'stop texting me', expect: { kind: 'opt_out' }, category: 'opt_out' };
const bookingCase: EvalCase = {
  id: 'book',
  text: 'tomorrow at 3?',
  expect: { kind: 'handoff', reason: 'booking_request' },
  category: 'booking',
};

describe('scoreReply', () => {
  const sources = ['Our diagnostic fee is $89.'];

  it('accepts the right kind, passage and text', () => {
    const score = scoreReply(kbCase, { kind: 'answer', text: 'The fee is $89.', usedPassage: 'Pricing' }, { sources });
    expect(score).toEqual({ correct: true, handedOffCorrectly: true, inventedFacts: [], notes: '' });
  });

  it('explains each way a reply is wrong', () => {
    const score = scoreReply(kbCase, { kind: 'answer', text: 'It is free, or $50.', usedPassage: 'Warranty' }, { sources });
    expect(score.correct).toBe(false);
    expect(score.inventedFacts).toEqual(['free', '$50']);
    expect(score.notes).toContain('answered from "Warranty"');
    expect(score.notes).toContain('missing "$89"');
    expect(score.notes).toContain('contains forbidden "free"');
  });

  it('reads opt_out as a handoff for reason opt_out', () => {
    expect(scoreReply(optOutCase, { kind: 'handoff', reason: 'opt_out', text: 'Ok.' }).correct).toBe(true);
    const wrongReason = scoreReply(optOutCase, { kind: 'handoff', reason: 'asked_for_human', text: 'Ok.' });
    expect(wrongReason).toMatchObject({ correct: false, handedOffCorrectly: false });
  });

  it('checks handoffs as a decision', () => {
    expect(scoreReply(bookingCase, { kind: 'clarify', text: 'When?' }).handedOffCorrectly).toBe(false);
    expect(scoreReply(kbCase, { kind: 'handoff', reason: 'cannot_help', text: 'A person will text you.' }).handedOffCorrectly).toBe(false);
  });

  it('catches an invented time on a booking handoff', () => {
    const score = scoreReply(bookingCase, { kind: 'handoff', reason: 'booking_request', text: 'Booked for 3pm tomorrow!' });
    expect(score.correct).toBe(false);
    expect(score.inventedFacts).toEqual(['3pm', 'tomorrow']);
  });
});

describe('summarize', () => {
  it('aggregates accuracy per category, handoff precision/recall and invented facts', () => {
    const results: ScoredCase[] = [
      { case: kbCase, reply: { kind: 'answer', text: 'The fee is $89.', usedPassage: 'Pricing' } },
      { case: kbCase, reply: { kind: 'handoff', reason: 'cannot_help', text: 'A person will text.' } },
      { case: optOutCase, reply: { kind: 'handoff', reason: 'opt_out', text: 'Ok.' } },
      { case: bookingCase, reply: { kind: 'clarify', text: 'It is $7.' } },
    ].map((r) => ({ ...r, score: scoreReply(r.case, r.reply as ScoredCase['reply']) })) as ScoredCase[];
    const summary = summarize(results);
    expect(summary.total).toBe(4);
    expect(summary.correct).toBe(2);
    expect(summary.accuracy).toBe(0.5);
    expect(summary.byCategory.kb).toEqual({ total: 2, correct: 1, accuracy: 0.5 });
    expect(summary.byCategory.opt_out).toEqual({ total: 1, correct: 1, accuracy: 1 });
    expect(summary.handoff).toEqual({ precision: 0.5, recall: 0.5, truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(summary.inventedFactCount).toBe(1);
    expect(summary.failures.map((f) => f.id)).toEqual(['fee', 'book']);
  });

  it('handles no results', () => {
    expect(summarize([])).toMatchObject({ total: 0, accuracy: 1, handoff: { precision: 1, recall: 1 } });
  });
});
