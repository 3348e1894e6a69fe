import { describe, expect, it } from 'vitest';
import { localDateOf } from './business-hours.js';
import { QUARTER_HOUR_MS, localDatesIn } from './local-dates.js';

const MINUTE = 60_000;

/** Every minute (and the millisecond either side of it) from `from` for `hours` hours. */
function instants(from: string, hours: number): number[] {
  const start = Date.parse(from);
  const out: number[] = [];
  for (let m = 0; m < hours * 60; m++) out.push(start + m * MINUTE - 1, start + m * MINUTE, start + m * MINUTE + 1);
  return out;
}

describe('local dates of many instants', () => {
  it.each([
    // Cuba changes its clocks at local midnight: 00:00 → 01:00 in March, 01:00 → 00:00 in November.
    ['America/Havana', '2026-03-07T00:00:00Z', 72],
    ['America/Havana', '2026-10-31T00:00:00Z', 72],
    // Chile's change happens at 24:00.
    ['America/Santiago', '2026-04-03T00:00:00Z', 72],
    ['America/Santiago', '2026-09-04T00:00:00Z', 72],
    // Offsets of 45 minutes.
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z', 48],
    ['Pacific/Chatham', '2026-04-04T00:00:00Z', 48],
    ['America/New_York', '2026-03-07T00:00:00Z', 72],
    ['UTC', '2026-12-31T00:00:00Z', 48],
    // Calcutta's offset was +5:21:10 in 1900: its midnight fell inside a quarter hour.
    ['Asia/Kolkata', '1900-01-10T00:00:00Z', 48],
  ])('%s from %s: the same dates as converting each instant', (zone, from, hours) => {
    const dateOf = localDatesIn(zone);
    const all = instants(from, hours);
    // Read in both orders, so a quarter hour is first seen from either end.
    for (const at of [...all, ...all.slice().reverse()]) expect([at, dateOf.of(at)]).toEqual([at, localDateOf(at, zone)]);
    // A quarter hour's one date is every instant's in it, or there is none.
    for (const at of all) {
      const quarter = Math.floor(at / QUARTER_HOUR_MS);
      const dates = new Set([quarter * QUARTER_HOUR_MS, at, (quarter + 1) * QUARTER_HOUR_MS - 1].map((t) => localDateOf(t, zone)));
      expect([at, dateOf.ofQuarter(quarter)]).toEqual([at, dates.size === 1 ? localDateOf(at, zone) : null]);
    }
  });
});
