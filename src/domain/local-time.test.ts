import { describe, it, expect } from 'vitest';
import { addLocalDays, isValidTimeZone, parseClockTime, zonedParts, zonedTimeToUtc } from './local-time.js';

const CHI = 'America/Chicago';

describe('zonedParts', () => {
  it('reads local fields in winter (CST, UTC-6)', () => {
    expect(zonedParts(new Date('2026-01-15T15:04:05Z'), CHI)).toEqual({
      year: 2026,
      month: 1,
      day: 15,
      hour: 9,
      minute: 4,
      second: 5,
      weekday: 4, // Thursday
    });
  });

  it('reads local fields in summer (CDT, UTC-5) and accepts epoch ms', () => {
    const p = zonedParts(Date.UTC(2026, 6, 4, 5, 0), CHI);
    expect([p.year, p.month, p.day, p.hour, p.minute, p.weekday]).toEqual([2026, 7, 4, 0, 0, 6]);
  });

  it('reports midnight as hour 0, not 24', () => {
    expect(zonedParts(new Date('2026-01-15T06:00:00Z'), CHI).hour).toBe(0);
  });

  it('crosses the date line for far-east zones', () => {
    const p = zonedParts(new Date('2026-01-15T20:00:00Z'), 'Pacific/Auckland');
    expect([p.day, p.hour, p.weekday]).toEqual([16, 9, 5]);
  });

  it('throws on an unknown zone', () => {
    expect(() => zonedParts(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('zonedTimeToUtc', () => {
  it('round-trips an ordinary winter and summer time', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 1, day: 15, hour: 9, minute: 30 }, CHI).toISOString()).toBe(
      '2026-01-15T15:30:00.000Z',
    );
    expect(zonedTimeToUtc({ year: 2026, month: 7, day: 15, hour: 9, minute: 30 }, CHI).toISOString()).toBe(
      '2026-07-15T14:30:00.000Z',
    );
  });

  describe('spring forward, America/Chicago 2026-03-08 (02:00 CST → 03:00 CDT)', () => {
    it('01:59 is still CST', () => {
      expect(zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 1, minute: 59 }, CHI).toISOString()).toBe(
        '2026-03-08T07:59:00.000Z',
      );
    });
    it('02:30 does not exist and moves forward by the gap to 03:30 CDT', () => {
      const d = zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, CHI);
      expect(d.toISOString()).toBe('2026-03-08T08:30:00.000Z');
      const p = zonedParts(d, CHI);
      expect([p.hour, p.minute]).toEqual([3, 30]);
    });
    it('03:00 is CDT', () => {
      expect(zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, CHI).toISOString()).toBe(
        '2026-03-08T08:00:00.000Z',
      );
    });
    it('08:00 that day is CDT (a 23-hour day)', () => {
      const midnight = zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 0, minute: 0 }, CHI);
      const next = zonedTimeToUtc({ year: 2026, month: 3, day: 9, hour: 0, minute: 0 }, CHI);
      expect(next.getTime() - midnight.getTime()).toBe(23 * 3_600_000);
      expect(zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 8, minute: 0 }, CHI).toISOString()).toBe(
        '2026-03-08T13:00:00.000Z',
      );
    });
  });

  describe('fall back, America/Chicago 2026-11-01 (02:00 CDT → 01:00 CST)', () => {
    it('01:30 happens twice; the first (CDT) is chosen', () => {
      expect(zonedTimeToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, CHI).toISOString()).toBe(
        '2026-11-01T06:30:00.000Z',
      );
    });
    it('both 01:30s read back as 01:30 local', () => {
      for (const iso of ['2026-11-01T06:30:00Z', '2026-11-01T07:30:00Z']) {
        const p = zonedParts(new Date(iso), CHI);
        expect([p.hour, p.minute]).toEqual([1, 30]);
      }
    });
    it('02:00 is CST', () => {
      expect(zonedTimeToUtc({ year: 2026, month: 11, day: 1, hour: 2, minute: 0 }, CHI).toISOString()).toBe(
        '2026-11-01T08:00:00.000Z',
      );
    });
    it('the day is 25 hours long', () => {
      const midnight = zonedTimeToUtc({ year: 2026, month: 11, day: 1, hour: 0, minute: 0 }, CHI);
      const next = zonedTimeToUtc({ year: 2026, month: 11, day: 2, hour: 0, minute: 0 }, CHI);
      expect(next.getTime() - midnight.getTime()).toBe(25 * 3_600_000);
    });
  });

  it('handles a zone without DST and a half-hour zone', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 7, day: 1, hour: 8, minute: 0 }, 'America/Phoenix').toISOString()).toBe(
      '2026-07-01T15:00:00.000Z',
    );
    expect(zonedTimeToUtc({ year: 2026, month: 1, day: 1, hour: 8, minute: 0 }, 'Asia/Kolkata').toISOString()).toBe(
      '2026-01-01T02:30:00.000Z',
    );
  });

  it('rolls over out-of-range fields like Date.UTC', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 1, day: 32, hour: 8, minute: 0 }, CHI).toISOString()).toBe(
      '2026-02-01T14:00:00.000Z',
    );
  });

  it('round-trips every hour across both 2026 Chicago transitions', () => {
    for (const start of [Date.UTC(2026, 2, 7), Date.UTC(2026, 9, 31)]) {
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 15 * 60_000) {
        const p = zonedParts(ms, CHI);
        const back = zonedTimeToUtc(p, CHI).getTime();
        // Either the same instant, or (for the repeated hour) the earlier of the two.
        expect(back === ms || back === ms - 3_600_000).toBe(true);
      }
    }
  });
});

describe('isValidTimeZone', () => {
  it.each(['America/Chicago', 'Europe/London', 'UTC', 'Australia/Sydney'])('%s is valid', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });
  it.each(['', '  ', 'Mars/Olympus', 'Central', 'GMT+25'])('%j is not', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});

describe('parseClockTime', () => {
  it('parses HH:MM into minutes', () => {
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('23:59')).toBe(1439);
    expect(parseClockTime('24:00')).toBe(1440);
  });
  it.each(['8:30', '24:01', '25:00', '12:60', '12:5', 'noon', ''])('rejects %j', (s) => {
    expect(parseClockTime(s)).toBeNull();
  });
});

describe('addLocalDays', () => {
  it('rolls over months and years', () => {
    expect(addLocalDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addLocalDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
  });
});
