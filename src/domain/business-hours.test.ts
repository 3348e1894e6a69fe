import { describe, it, expect } from 'vitest';
import {
  DEFAULT_BUSINESS_HOURS,
  businessHoursSchema,
  describeBusinessHours,
  isOpenAt,
  nextOpening,
  closedDatesSchema,
  describeSchedule,
  isOutsideHours,
  scheduleStateAt,
  type BusinessHours,
} from './business-hours.js';

const CHI = 'America/Chicago';
const closed: BusinessHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const acme: BusinessHours = {
  mon: [['08:00', '17:30']],
  tue: [['08:00', '17:30']],
  wed: [['08:00', '17:30']],
  thu: [['08:00', '17:30']],
  fri: [['08:00', '17:30']],
  sat: [['09:00', '13:00']],
  sun: [],
};
const at = (iso: string) => new Date(iso);

describe('isOpenAt', () => {
  it.each([
    ['2026-01-15T13:59:00Z', false], // Thu 07:59 CST
    ['2026-01-15T14:00:00Z', true], // Thu 08:00
    ['2026-01-15T23:29:00Z', true], // Thu 17:29
    ['2026-01-15T23:30:00Z', false], // Thu 17:30: the end is exclusive
    ['2026-01-17T16:00:00Z', true], // Sat 10:00
    ['2026-01-17T19:00:00Z', false], // Sat 13:00
    ['2026-01-18T16:00:00Z', false], // Sun 10:00
  ])('%s → %s', (iso, open) => {
    expect(isOpenAt(acme, CHI, at(iso))).toBe(open);
  });

  it('reads the day in the business’s zone, not UTC', () => {
    // Fri 23:30 in Chicago is already Saturday in UTC.
    const late: BusinessHours = { ...closed, fri: [['20:00', '24:00']] };
    expect(isOpenAt(late, CHI, at('2026-01-17T05:30:00Z'))).toBe(true);
    expect(isOpenAt(late, CHI, at('2026-01-17T06:00:00Z'))).toBe(false); // Sat 00:00
  });

  it('handles split days and epoch ms', () => {
    const split: BusinessHours = { ...closed, mon: [['13:00', '17:00'], ['08:00', '12:00']] };
    expect(isOpenAt(split, CHI, Date.parse('2026-01-12T17:30:00Z'))).toBe(true); // Mon 11:30 CST
    expect(isOpenAt(split, CHI, Date.parse('2026-01-12T18:30:00Z'))).toBe(false); // Mon 12:30
    expect(isOpenAt(split, CHI, Date.parse('2026-01-12T19:00:00Z'))).toBe(true); // Mon 13:00
  });
});

describe('nextOpening', () => {
  it('is now when open', () => {
    const now = at('2026-01-15T16:00:00Z');
    expect(nextOpening(acme, CHI, now)?.toISOString()).toBe(now.toISOString());
  });

  it('is later today before opening', () => {
    expect(nextOpening(acme, CHI, at('2026-01-15T12:00:00Z'))?.toISOString()).toBe('2026-01-15T14:00:00.000Z');
  });

  it('skips the closed Sunday to Monday morning', () => {
    // Sat 14:00 CST → Mon 08:00 CST
    expect(nextOpening(acme, CHI, at('2026-01-17T20:00:00Z'))?.toISOString()).toBe('2026-01-19T14:00:00.000Z');
  });

  it('finds the next range later the same day', () => {
    const split: BusinessHours = { ...closed, mon: [['08:00', '12:00'], ['13:00', '17:00']] };
    // Mon 12:15 CST → 13:00 CST
    expect(nextOpening(split, CHI, at('2026-01-12T18:15:00Z'))?.toISOString()).toBe('2026-01-12T19:00:00.000Z');
  });

  it('finds an opening a full week away', () => {
    const mondays: BusinessHours = { ...closed, mon: [['08:00', '09:00']] };
    // Mon 10:00 CST → next Mon 08:00 CST
    expect(nextOpening(mondays, CHI, at('2026-01-12T16:00:00Z'))?.toISOString()).toBe('2026-01-19T14:00:00.000Z');
  });

  it('opens at 08:00 local across spring forward (America/Chicago 2026-03-08)', () => {
    const daily: BusinessHours = { ...acme, sun: [['08:00', '12:00']] };
    // Sat 7 Mar 20:00 CST → Sun 8 Mar 08:00 CDT = 13:00Z
    expect(nextOpening(daily, CHI, at('2026-03-08T02:00:00Z'))?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('opens at 08:00 local across fall back (America/Chicago 2026-11-01)', () => {
    const daily: BusinessHours = { ...acme, sun: [['08:00', '12:00']] };
    // Sat 31 Oct 20:00 CDT → Sun 1 Nov 08:00 CST = 14:00Z
    expect(nextOpening(daily, CHI, at('2026-11-01T01:00:00Z'))?.toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('is null when never open', () => {
    expect(nextOpening(closed, CHI, at('2026-01-15T12:00:00Z'))).toBeNull();
  });
});

describe('describeBusinessHours', () => {
  it('groups consecutive days and lists closed days last', () => {
    expect(describeBusinessHours(acme)).toBe('Mon–Fri 8:00 am–5:30 pm, Sat 9:00 am–1:00 pm, closed Sun');
  });

  it('describes the default hours', () => {
    expect(describeBusinessHours(DEFAULT_BUSINESS_HOURS)).toBe('Mon–Fri 8:00 am–5:00 pm, closed Sat–Sun');
  });

  it('handles split days, noon, midnight and gaps in the week', () => {
    const odd: BusinessHours = {
      ...closed,
      mon: [['08:00', '12:00'], ['13:00', '17:00']],
      tue: [['08:00', '12:00'], ['13:00', '17:00']],
      thu: [['12:00', '24:00']],
      sat: [['00:00', '06:00']],
    };
    expect(describeBusinessHours(odd)).toBe(
      'Mon–Tue 8:00 am–12:00 pm & 1:00 pm–5:00 pm, Thu 12:00 pm–12:00 am, Sat 12:00 am–6:00 am, closed Wed, Fri, Sun',
    );
  });

  it('says Daily and Closed for uniform weeks, and takes an ASCII dash', () => {
    const r: Array<[string, string]> = [['07:00', '19:00']];
    const daily: BusinessHours = { mon: r, tue: r, wed: r, thu: r, fri: r, sat: r, sun: r };
    expect(describeBusinessHours(daily)).toBe('Daily 7:00 am–7:00 pm');
    expect(describeBusinessHours(closed)).toBe('Closed');
    expect(describeBusinessHours(acme, { dash: '-' })).toBe('Mon-Fri 8:00 am-5:30 pm, Sat 9:00 am-1:00 pm, closed Sun');
  });
});

describe('businessHoursSchema', () => {
  it('accepts good hours and fills missing days as closed', () => {
    const parsed = businessHoursSchema.parse({ mon: [['08:00', '17:30']], sat: [['09:00', '13:00']] });
    const typed: BusinessHours = parsed; // the output type is BusinessHours
    expect(typed.mon).toEqual([['08:00', '17:30']]);
    expect(typed.sun).toEqual([]);
    expect(businessHoursSchema.parse(acme)).toEqual(acme);
    expect(businessHoursSchema.parse({ fri: [['18:00', '24:00']] }).fri).toEqual([['18:00', '24:00']]);
  });

  it.each<[unknown, string]>([
    [{ mon: [['8:00', '17:00']] }, 'not HH:MM'],
    [{ mon: [['08:00', '25:00']] }, 'bad hour'],
    [{ mon: [['17:00', '08:00']] }, 'start after end'],
    [{ mon: [['08:00', '08:00']] }, 'empty range'],
    [{ mon: [['24:00', '24:00']] }, '24:00 as a start'],
    [{ mon: [['08:00', '12:00'], ['11:00', '15:00']] }, 'overlap'],
    [{ monday: [['08:00', '17:00']] }, 'unknown key'],
    [{ mon: [['08:00']] }, 'half a range'],
  ])('rejects %j (%s)', (input) => {
    expect(businessHoursSchema.safeParse(input).success).toBe(false);
  });

  it('the default is valid and frozen', () => {
    expect(businessHoursSchema.parse(DEFAULT_BUSINESS_HOURS)).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(() => DEFAULT_BUSINESS_HOURS.mon.push(['18:00', '19:00'])).toThrow(TypeError);
  });
});

describe('schedules: closed dates and hours never set', () => {
  const thursdayNoon = at('2026-01-15T18:00:00Z'); // Thu 12:00 in Chicago
  it('is unknown without hours, and closed on a closed date even so', () => {
    expect(scheduleStateAt({ hours: null, closedDates: [], timeZone: CHI }, thursdayNoon)).toBe('unknown');
    expect(isOutsideHours({ hours: null, closedDates: [], timeZone: CHI }, thursdayNoon)).toBe(false);
    expect(scheduleStateAt({ hours: null, closedDates: ['2026-01-15'], timeZone: CHI }, thursdayNoon)).toBe('closed');
  });
  it('a closed date is closed all day in the business’s zone, not UTC', () => {
    const s = { hours: acme, closedDates: ['2026-01-15'], timeZone: CHI };
    expect(scheduleStateAt(s, thursdayNoon)).toBe('closed');
    // Fri 05:30 UTC is still Thu 23:30 in Chicago: the closed date; Fri 12:00 Chicago is open.
    expect(scheduleStateAt(s, at('2026-01-16T05:30:00Z'))).toBe('closed');
    expect(scheduleStateAt(s, at('2026-01-16T18:00:00Z'))).toBe('open');
  });
  it('validates closed dates: real dates, no repeats, kept sorted', () => {
    expect(closedDatesSchema.parse(['2026-12-25', '2026-01-01'])).toEqual(['2026-01-01', '2026-12-25']);
    expect(closedDatesSchema.safeParse(['2026-02-30']).success).toBe(false);
    expect(closedDatesSchema.safeParse(['12/25/2026']).success).toBe(false);
    const twice = closedDatesSchema.safeParse(['2026-12-25', '2026-12-25']);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.path).toEqual([1]);
  });
});

describe('describeSchedule', () => {
  const thursday = at('2026-01-15T18:00:00Z');
  it('says nothing about hours never set, even with closed dates', () => {
    expect(describeSchedule({ hours: null, closedDates: ['2026-01-16'], timeZone: CHI }, thursday)).toBeNull();
  });
  it('adds closed dates of the next 14 days (today and 13 more), in the business’s zone', () => {
    const s = { hours: acme, closedDates: ['2026-01-16', '2026-01-28', '2026-01-29'], timeZone: CHI };
    expect(describeSchedule(s, thursday, { dash: '-' })).toBe('Mon-Fri 8:00 am-5:30 pm, Sat 9:00 am-1:00 pm, closed Sun; also closed Fri Jan 16, Wed Jan 28');
  });
});
