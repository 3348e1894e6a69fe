import { describe, expect, it } from 'vitest';
import { decideTextBack, type TextBackInput } from './textback-policy.js';

const now = Date.UTC(2026, 0, 15, 15, 0, 0);
const base: TextBackInput = {
  settings: { enabled: true, delaySeconds: 0, cooldownMinutes: 1440 },
  caller: '+15550101234',
  businessNumber: '+15550100001',
  forwardTo: ['+15550109999'],
  contact: { optedOut: false, textable: true },
  lastTextBackAt: null,
  callStartedAt: now - 30_000,
  now,
};

describe('decideTextBack', () => {
  it('sends now, or after the configured delay', () => {
    expect(decideTextBack(base)).toEqual({ action: 'send', sendAt: now });
    expect(decideTextBack({ ...base, settings: { ...base.settings, delaySeconds: 90 } })).toEqual({ action: 'send', sendAt: now + 90_000 });
  });

  it.each([
    ['disabled', { settings: { ...base.settings, enabled: false } }, 'turned off'],
    ['anonymous_caller', { caller: null }, 'withheld'],
    ['own_number', { caller: '+15550100001' }, 'business number itself'],
    ['forward_target', { caller: '+15550109999' }, 'forwards to'],
    ['opted_out', { contact: { optedOut: true, textable: true } }, 'opted out'],
    ['not_textable', { contact: { optedOut: false, textable: false } }, 'cannot take texts'],
    ['cooldown', { lastTextBackAt: now - 10 * 60_000 }, '10 minutes ago'],
    ['too_late', { callStartedAt: now - 20 * 60_000 }, 'Reported 20 minutes after the call: too late for a text-back (more than 15 minutes)'],
  ] as const)('skips: %s', (code, change, words) => {
    const d = decideTextBack({ ...base, ...change } as TextBackInput);
    expect(d).toMatchObject({ action: 'skip', code });
    expect(d.action === 'skip' && d.reason).toContain(words);
  });

  it('sends again once the cooldown has passed, and every time with cooldown 0', () => {
    expect(decideTextBack({ ...base, lastTextBackAt: now - 1441 * 60_000 }).action).toBe('send');
    expect(decideTextBack({ ...base, settings: { ...base.settings, cooldownMinutes: 0 }, lastTextBackAt: now - 1000 }).action).toBe('send');
  });

  it('too late is strictly more than 15 minutes after the call began, and outranks every other reason', () => {
    expect(decideTextBack({ ...base, callStartedAt: now - 15 * 60_000 }).action).toBe('send');
    expect(decideTextBack({ ...base, callStartedAt: now - 15 * 60_000 - 1 })).toMatchObject({ action: 'skip', code: 'too_late' });
    // A clock a little behind the phone system's (a start "in the future") is not late.
    expect(decideTextBack({ ...base, callStartedAt: now + 60_000 }).action).toBe('send');
    expect(decideTextBack({ ...base, callStartedAt: now - 40 * 60_000, contact: { optedOut: true, textable: true } })).toMatchObject({ code: 'too_late' });
  });

  it('a new caller with no contact yet is texted', () => {
    expect(decideTextBack({ ...base, contact: null }).action).toBe('send');
  });
});

describe('own numbers', () => {
  const input = {
    settings: { enabled: true, delaySeconds: 0, cooldownMinutes: 0 },
    caller: '+15550107777',
    businessNumber: '+15550100001',
    forwardTo: [],
    contact: null,
    lastTextBackAt: null,
    callStartedAt: 0,
    now: 0,
  };
  it('never texts one of the business’s own numbers, with the reason in words', () => {
    expect(decideTextBack({ ...input, ownNumbers: ['+15550107777'] })).toMatchObject({ action: 'skip', code: 'own_number', reason: expect.stringMatching(/own numbers/) });
  });
  it('never texts the line that forwarded the call when caller ID was rewritten to it', () => {
    expect(decideTextBack({ ...input, forwardedFrom: '+15550107777' })).toMatchObject({ action: 'skip', code: 'own_number' });
    expect(decideTextBack({ ...input, forwardedFrom: '+15550108888' })).toMatchObject({ action: 'send' });
  });
});
