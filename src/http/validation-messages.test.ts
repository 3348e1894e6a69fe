import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { e164Schema } from '../services/phone-schema.js';
import { describeIssue } from './validation-messages.js';

/** The first issue of parsing `value` with `schema`, in words. */
function words(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a validation error');
  return describeIssue(r.error.issues[0]!);
}

describe('validation messages for people', () => {
  const number = z.object({
    name: z.string().trim().min(1).max(10),
    missedCallTextBack: z.object({ message: z.string().max(5), cooldownMinutes: z.number().int().min(0).max(100) }).strict(),
    screening: z.enum(['none', 'press-1']),
    forwardTo: z.array(e164Schema),
    email: z.email(),
  }).strict();
  const good = { name: 'Sales', missedCallTextBack: { message: 'Hi', cooldownMinutes: 5 }, screening: 'none', forwardTo: [], email: 'a@b.co' };

  it('an empty name: the label, what is wrong, how to fix it', () => {
    expect(words(number, { ...good, name: '  ' })).toEqual({ field: 'name', message: 'Name is required: fill it in.' });
  });
  it('a missing field', () => {
    const { name: _n, ...rest } = good;
    expect(words(number, rest)).toEqual({ field: 'name', message: 'Name is required: fill it in.' });
  });
  it('a nested field too long, by its label not its path', () => {
    expect(words(number, { ...good, missedCallTextBack: { message: 'Hello there', cooldownMinutes: 5 } })).toEqual({
      field: 'missedCallTextBack.message',
      message: 'Message is too long: use at most 5 characters.',
    });
  });
  it('a number out of range', () => {
    expect(words(number, { ...good, missedCallTextBack: { message: 'Hi', cooldownMinutes: 500 } }).message).toBe('Cooldown is too high: use 100 or less.');
    expect(words(number, { ...good, missedCallTextBack: { message: 'Hi', cooldownMinutes: -1 } }).message).toBe('Cooldown is too low: use 0 or more.');
  });
  it('a choice outside the list names the choices', () => {
    expect(words(number, { ...good, screening: 'maybe' }).message).toBe('Screening must be one of "none", "press-1".');
  });
  it('a bad phone in a list says which item and gives an example', () => {
    const r = words(number, { ...good, forwardTo: ['+15125550199', 'call me'] });
    expect(r.field).toBe('forwardTo.1');
    expect(r.message).toBe('Forward calls to (item 2) is not a phone number we can use: include the area code, e.g. (512) 555-0199, or the country code, e.g. +44 20 7946 0958.');
  });
  it('a wrong type and a bad format', () => {
    expect(words(number, { ...good, name: 5 }).message).toBe('Name must be text.');
    expect(words(number, { ...good, email: 'nope' }).message).toBe('Email must be an email address, like name@example.com.');
  });
  it('an unknown setting is named so it can be removed', () => {
    expect(words(number, { ...good, colour: 'red' })).toEqual({ field: 'colour', message: '"colour" is not a setting: remove it.' });
  });
});
