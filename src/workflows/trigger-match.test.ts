/** Trigger matching: the event type, then each filter (number, tag, stage moved to). */
import { describe, expect, it } from 'vitest';
import { triggerMatches } from './trigger-match.js';

describe('triggerMatches', () => {
  it('matches the event type', () => {
    expect(triggerMatches({ type: 'call.missed' }, { type: 'call.missed', data: {} })).toBe(true);
    expect(triggerMatches({ type: 'call.missed' }, { type: 'call.answered', data: {} })).toBe(false);
  });

  it('filters on the business number', () => {
    const trigger = { type: 'message.received' as const, phoneNumberId: 'pn_1' };
    expect(triggerMatches(trigger, { type: 'message.received', data: { phoneNumberId: 'pn_1' } })).toBe(true);
    expect(triggerMatches(trigger, { type: 'message.received', data: { phoneNumberId: 'pn_2' } })).toBe(false);
    expect(triggerMatches(trigger, { type: 'message.received', data: {} })).toBe(false);
  });

  it('filters on the tag, exactly as stored', () => {
    const trigger = { type: 'contact.tag_added' as const, tag: 'smschat_ai' };
    expect(triggerMatches(trigger, { type: 'contact.tag_added', data: { tag: 'smschat_ai' } })).toBe(true);
    expect(triggerMatches(trigger, { type: 'contact.tag_added', data: { tag: 'vip' } })).toBe(false);
    expect(triggerMatches(trigger, { type: 'contact.tag_added', data: { tag: 'SMSCHAT_AI' } })).toBe(false);
  });

  it('filters on the stage moved to, not from', () => {
    const trigger = { type: 'contact.stage_changed' as const, stage: 'New Lead' };
    expect(triggerMatches(trigger, { type: 'contact.stage_changed', data: { from: null, to: 'New Lead' } })).toBe(true);
    expect(triggerMatches(trigger, { type: 'contact.stage_changed', data: { from: 'New Lead', to: 'Quoted' } })).toBe(false);
  });
});
