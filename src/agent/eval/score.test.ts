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

describe('scoreReply with alternatives and any-of facts', () => {
  const sources = ['Diagnostic visit $95. After-hours surcharge $125. New systems are quoted on site.'];
  const twoPart: EvalCase = {
    id: 'two',
    text: 'how much for a visit and is saturday more',
    expect: { kind: 'answer', mustInclude: ['$95', ['$125', 'surcharge']] },
    category: 'kb_two_part',
  };
  const outOfScope: EvalCase = {
    id: 'oos',
    text: 'what size ac do i need',
    expect: [
      { kind: 'handoff', mustNotInclude: ['ton'] },
      { kind: 'answer', mustInclude: [['on site', 'in person']] },
    ],
    category: 'out_of_scope',
  };

  it('needs every fact of a two-part question, any one spelling of each', () => {
    expect(scoreReply(twoPart, { kind: 'answer', text: 'A visit is $95 and weekends add a surcharge.', usedPassage: 'Prices' }, { sources }).correct).toBe(true);
    const oneHalf = scoreReply(twoPart, { kind: 'answer', text: 'A visit is $95.', usedPassage: 'Prices' }, { sources });
    expect(oneHalf).toMatchObject({ correct: false, notes: 'missing "$125" or "surcharge"' });
  });

  it('passes a reply that meets any one alternative, and explains by the first when none does', () => {
    expect(scoreReply(outOfScope, { kind: 'handoff', reason: 'cannot_help', text: 'A team member will text you.' }, { sources })).toMatchObject({
      correct: true,
      handedOffCorrectly: true,
    });
    expect(scoreReply(outOfScope, { kind: 'answer', text: 'New systems are quoted on site.', usedPassage: 'Prices' }, { sources })).toMatchObject({
      correct: true,
      handedOffCorrectly: true,
    });
    // Wrong kind for both; not handing off is a decision the "quoted on site" alternative allows.
    const clarify = scoreReply(outOfScope, { kind: 'clarify', text: 'What do you mean?' }, { sources });
    expect(clarify).toMatchObject({ correct: false, handedOffCorrectly: true, notes: 'expected handoff, got clarify' });
    const handoffOnly: EvalCase = { ...outOfScope, expect: [{ kind: 'handoff' }, { kind: 'opt_out' }] };
    expect(scoreReply(handoffOnly, { kind: 'clarify', text: 'What do you mean?' }, { sources }).handedOffCorrectly).toBe(false);
    const forbidden = scoreReply(outOfScope, { kind: 'handoff', reason: 'cannot_help', text: 'You need 3 ton.' }, { sources });
    expect(forbidden.correct).toBe(false);
    expect(forbidden.notes).toContain('contains forbidden "ton"');
  });

  it('counts a handoff as expected only when every alternative is one, and allowed when any is', () => {
    const summary = summarize(
      [
        { case: outOfScope, reply: { kind: 'handoff', reason: 'cannot_help', text: 'A person will text you.' } },
        { case: outOfScope, reply: { kind: 'answer', text: 'Quoted on site.', usedPassage: 'Prices' } },
        { case: twoPart, reply: { kind: 'handoff', reason: 'cannot_help', text: 'A person will text you.' } },
      ].map((r) => ({ ...r, score: scoreReply(r.case, r.reply as ScoredCase['reply'], { sources }) })) as ScoredCase[],
    );
    expect(summary.handoff).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 0 });
    expect(summary.byCategory.out_of_scope).toEqual({ total: 2, correct: 2, accuracy: 1 });
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
