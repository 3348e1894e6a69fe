import { describe, expect, it } from 'vitest';
import { questionParts } from './question-parts.js';

describe('questionParts', () => {
  it('splits a text into its questions, leaving statements out', () => {
    expect(questionParts('Hi! Are you open on Saturday? How much is your diagnostic fee?')).toEqual([
      'Are you open on Saturday?',
      'How much is your diagnostic fee?',
    ]);
    expect(questionParts('do you board cats? also do you groom')).toEqual(['do you board cats?', 'do you groom']);
    expect(questionParts('my water heater is leaking')).toEqual([]);
  });

  it('keeps a follow-up with no thing or action of its own with the question before it', () => {
    expect(questionParts('Do you do drain cleaning? How much is it?')).toEqual(['Do you do drain cleaning? How much is it?']);
    expect(questionParts('can you clean inside my oven too? how much extra')).toEqual(['can you clean inside my oven too? how much extra']);
    expect(questionParts('do you do gutters? and how soon?')).toEqual(['do you do gutters? how soon?']);
    expect(questionParts('do you set up tubeless tires? price?')).toEqual(['do you set up tubeless tires? price?']);
    // a new thing ("weekends", "fee"), a new action ("groom") or a topical word ("insured") is a question of its own
    expect(questionParts('How much are gutter guards? And are you insured?')).toHaveLength(2);
    expect(questionParts('do you do gutters? what about weekends?')).toHaveLength(2);
  });
});
