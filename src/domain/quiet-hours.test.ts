import { describe, it, expect } from 'vitest';
import { isInQuietHours, nextAllowedSendTime } from './quiet-hours.js';

const CHI = 'America/Chicago';
const NIGHT = { start: '20:00', end: '08:00' }; // crosses midnight
const LUNCH = { start: '12:00', end: '13:30' }; // does not

const at = (iso: string) => new Date(iso);

describe('isInQuietHours', () => {
  it.each([
    ['2026-01-15T13:59:00Z', true], // 07:59 CST
    ['2026-01-15T14:00:00Z', false], // 08:00 CST: the end is exclusive
    ['2026-01-15T20:00:00Z', false], // 14:00 CST
    ['2026-01-16T01:59:00Z', false], // 19:59 CST
    ['2026-01-16T02:00:00Z', true], // 20:00 CST: the start is inclusive
    ['2026-01-16T06:00:00Z', true], // 00:00 CST
  ])('night window at %s → %s', (iso, quiet) => {
    expect(isInQuietHours(at(iso), NIGHT, CHI)).toBe(quiet);
  });

  it.each([
    ['2026-01-15T17:59:00Z', false], // 11:59
    ['2026-01-15T18:00:00Z', true], // 12:00
    ['2026-01-15T19:29:00Z', true], // 13:29
    ['2026-01-15T19:30:00Z', false], // 13:30
  ])('daytime window at %s → %s', (iso, quiet) => {
    expect(isInQuietHours(at(iso), LUNCH, CHI)).toBe(quiet);
  });

  it('uses the given zone, not the server’s', () => {
    const t = at('2026-01-15T15:00:00Z'); // 10:00 New York, 07:00 Los Angeles
    expect(isInQuietHours(t, NIGHT, 'America/New_York')).toBe(false);
    expect(isInQuietHours(t, NIGHT, 'America/Los_Angeles')).toBe(true);
  });

  it('accepts epoch ms, treats start = end as no quiet hours, and 24:00 as midnight', () => {
    expect(isInQuietHours(Date.parse('2026-01-16T06:00:00Z'), NIGHT, CHI)).toBe(true);
    expect(isInQuietHours(at('2026-01-16T06:00:00Z'), { start: '08:00', end: '08:00' }, CHI)).toBe(false);
    expect(isInQuietHours(at('2026-01-16T04:00:00Z'), { start: '21:00', end: '24:00' }, CHI)).toBe(true); // 22:00
    expect(isInQuietHours(at('2026-01-16T06:30:00Z'), { start: '21:00', end: '24:00' }, CHI)).toBe(false); // 00:30
  });

  it('rejects malformed windows and zones', () => {
    expect(() => isInQuietHours(new Date(), { start: '8pm', end: '08:00' }, CHI)).toThrow(RangeError);
    expect(() => isInQuietHours(new Date(), NIGHT, 'Nowhere/Town')).toThrow(RangeError);
  });
});

describe('nextAllowedSendTime', () => {
  it('returns now outside quiet hours', () => {
    const now = at('2026-01-15T18:00:00Z');
    expect(nextAllowedSendTime(now, NIGHT, CHI).getTime()).toBe(now.getTime());
  });

  it('holds an evening text until 08:00 the next morning', () => {
    expect(nextAllowedSendTime(at('2026-01-16T03:30:00Z'), NIGHT, CHI).toISOString()).toBe(
      '2026-01-16T14:00:00.000Z', // 21:30 CST → 08:00 CST next day
    );
  });

  it('holds an early-morning text until 08:00 the same day', () => {
    expect(nextAllowedSendTime(at('2026-01-16T09:00:00Z'), NIGHT, CHI).toISOString()).toBe(
      '2026-01-16T14:00:00.000Z', // 03:00 CST
    );
  });

  it('handles a window that does not cross midnight', () => {
    expect(nextAllowedSendTime(at('2026-01-15T18:45:00Z'), LUNCH, CHI).toISOString()).toBe(
      '2026-01-15T19:30:00.000Z',
    );
  });

  it('rolls over month and year ends', () => {
    expect(nextAllowedSendTime(at('2027-01-01T03:00:00Z'), NIGHT, CHI).toISOString()).toBe(
      '2027-01-01T14:00:00.000Z', // 21:00 CST on 31 Dec → 08:00 CST on 1 Jan
    );
  });

  it('ends at 08:00 local across spring forward (America/Chicago 2026-03-08)', () => {
    // 21:00 CST on Saturday 7 March; quiet ends 08:00 CDT on Sunday = 13:00Z, only 10 hours later.
    expect(nextAllowedSendTime(at('2026-03-08T03:00:00Z'), NIGHT, CHI).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
  });

  it('ends at 08:00 local across fall back (America/Chicago 2026-11-01)', () => {
    // 21:00 CDT on Saturday 31 October; quiet ends 08:00 CST on Sunday = 14:00Z, 12 hours later.
    expect(nextAllowedSendTime(at('2026-11-01T02:00:00Z'), NIGHT, CHI).toISOString()).toBe(
      '2026-11-01T14:00:00.000Z',
    );
  });

  it('moves an end inside the skipped hour forward with the clock', () => {
    const window = { start: '00:00', end: '02:30' };
    // 01:30 CST on 2026-03-08; 02:30 does not exist that night, so sending resumes at 03:30 CDT.
    expect(nextAllowedSendTime(at('2026-03-08T07:30:00Z'), window, CHI).toISOString()).toBe(
      '2026-03-08T08:30:00.000Z',
    );
  });

  it('ends at the second 01:30 when already in the repeated hour (fall back)', () => {
    const window = { start: '00:00', end: '01:30' };
    // 01:15 CDT (first pass) → 01:30 CDT; 01:15 CST (second pass) → 01:30 CST.
    expect(nextAllowedSendTime(at('2026-11-01T06:15:00Z'), window, CHI).toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(nextAllowedSendTime(at('2026-11-01T07:15:20Z'), window, CHI).toISOString()).toBe('2026-11-01T07:30:00.000Z');
  });

  it('works in a zone ahead of UTC', () => {
    // 23:00 in Sydney (AEDT, UTC+11) on 15 Jan → 08:00 on 16 Jan = 21:00Z on 15 Jan.
    expect(nextAllowedSendTime(at('2026-01-15T12:00:00Z'), NIGHT, 'Australia/Sydney').toISOString()).toBe(
      '2026-01-15T21:00:00.000Z',
    );
  });
});
