/** Judging action conditions against facts: each key, the unknown caller, several keys at once. */
import { describe, expect, it } from 'vitest';
import { unmetCondition } from './conditions.js';

const tags = (...t: string[]) => new Set(t);

describe('unmetCondition', () => {
  it('business hours', () => {
    expect(unmetCondition({ businessHours: 'open' }, { businessOpen: true })).toBeNull();
    expect(unmetCondition({ businessHours: 'open' }, { businessOpen: false })).toBe('Condition not met: the business is closed now');
    expect(unmetCondition({ businessHours: 'closed' }, { businessOpen: false })).toBeNull();
    expect(unmetCondition({ businessHours: 'closed' }, { businessOpen: true })).toBe('Condition not met: the business is open now');
    // Hours never set: neither open nor closed can be said.
    expect(unmetCondition({ businessHours: 'open' }, { businessOpen: null })).toBe('Condition not met: the business has not set its hours');
    expect(unmetCondition({ businessHours: 'closed' }, { businessOpen: null })).toBe('Condition not met: the business has not set its hours');
  });

  it('has and lacks a tag', () => {
    expect(unmetCondition({ hasTag: 'vip' }, { tags: tags('vip') })).toBeNull();
    expect(unmetCondition({ hasTag: 'vip' }, { tags: tags() })).toMatch(/does not have the tag "vip"/);
    expect(unmetCondition({ lacksTag: 'vip' }, { tags: tags() })).toBeNull();
    expect(unmetCondition({ lacksTag: 'vip' }, { tags: tags('vip') })).toMatch(/has the tag "vip"/);
  });

  it('first-time caller, and an unknown caller never counts as one', () => {
    expect(unmetCondition({ firstTimeCaller: true }, { firstTimeCaller: true })).toBeNull();
    expect(unmetCondition({ firstTimeCaller: true }, { firstTimeCaller: false })).toMatch(/called before/);
    expect(unmetCondition({ firstTimeCaller: false }, { firstTimeCaller: false })).toBeNull();
    expect(unmetCondition({ firstTimeCaller: false }, { firstTimeCaller: true })).toMatch(/first call/);
    expect(unmetCondition({ firstTimeCaller: true }, { firstTimeCaller: null })).toMatch(/unknown/);
  });

  it('several keys must all hold', () => {
    const both = { hasTag: 'lead', businessHours: 'open' as const };
    expect(unmetCondition(both, { tags: tags('lead'), businessOpen: true })).toBeNull();
    expect(unmetCondition(both, { tags: tags('lead'), businessOpen: false })).toMatch(/closed/);
    expect(unmetCondition(both, { tags: tags(), businessOpen: true })).toMatch(/"lead"/);
  });
});
