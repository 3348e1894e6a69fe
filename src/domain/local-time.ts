/**
 * Wall-clock arithmetic in IANA time zones, without a date library: read the local calendar
 * fields of an instant, and turn local fields back into an instant. Quiet hours (keyed on the
 * contact's zone) and business hours (keyed on the workspace's zone) are both built on these two
 * conversions, so DST is handled in exactly one place. Pure: no clock reads; `Intl` supplies the
 * zone rules.
 */

/** An instant: a `Date` or epoch milliseconds (what `Clock.now()` returns). */
export type Instant = Date | number;

/** Local calendar fields of an instant in some zone. `month` is 1–12; `weekday` 0 = Sunday … 6 = Saturday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** Local wall-clock fields to convert to an instant. Out-of-range values roll over like `Date.UTC` (day 32 → next month). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a DateTimeFormat is far slower than using one, and these run per message and per
// contact, so keep one per zone. The cache only grows with the set of zones actually in use.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12:false: some ICU versions render midnight as "24" with hour12:false.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function toMs(at: Instant): number {
  return typeof at === 'number' ? at : at.getTime();
}

/**
 * True when `timeZone` is an IANA zone name this runtime knows (e.g. `America/Chicago`, `UTC`).
 * Names are matched case-insensitively, as `Intl` does.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The local calendar fields of `at` in `timeZone`.
 * @throws RangeError when the zone is unknown.
 */
export function zonedParts(at: Instant, timeZone: string): ZonedParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(toMs(at)));
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        out.year = Number(p.value);
        break;
      case 'month':
        out.month = Number(p.value);
        break;
      case 'day':
        out.day = Number(p.value);
        break;
      case 'hour':
        // Defensive: an ICU that still says "24" at midnight means 0.
        out.hour = Number(p.value) % 24;
        break;
      case 'minute':
        out.minute = Number(p.value);
        break;
      case 'second':
        out.second = Number(p.value);
        break;
      case 'weekday':
        out.weekday = WEEKDAYS[p.value] ?? 0;
        break;
      default:
        break;
    }
  }
  return out;
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Chicago in winter: -6 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // Compare whole seconds: the formatter drops milliseconds.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `timeZone` reads `local`.
 *
 * DST follows the usual "compatible" rule (as `Temporal` and most calendars do):
 * - a time that happens twice (fall back, 01:30 in Chicago on 2026-11-01) gives the first one;
 * - a time that never happens (spring forward, 02:30 on 2026-03-08) moves forward by the gap
 *   (03:30 CDT), so "open at 02:30" still opens that day rather than failing.
 * @throws RangeError when the zone is unknown.
 */
export function zonedTimeToUtc(local: LocalDateTime, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Normalised target fields, so rolled-over input (day 32, hour 24) compares correctly.
  const t = new Date(guess);
  const want = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];

  // Zone offsets change at most once around any given day, so the offsets a day either side of
  // the guess are the only two candidates.
  const before = offsetAt(guess - DAY_MS, timeZone);
  const after = offsetAt(guess + DAY_MS, timeZone);
  const matches: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = guess - offset;
    const p = zonedParts(candidate, timeZone);
    const got = [p.year, p.month, p.day, p.hour, p.minute];
    if (got.every((v, i) => v === want[i])) matches.push(candidate);
  }
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: read the wall time with the offset in force before the jump, which lands the same
  // distance past the jump as the wall time was past its start.
  return new Date(guess - before);
}

/**
 * Minutes since local midnight for an "HH:MM" string (00:00–23:59, plus "24:00" = 1440 for
 * "until midnight"), or null when the string is not of that form.
 */
export function parseClockTime(value: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 1440 ? null : minutes;
}

/** Add whole calendar days to a local date (month/year roll over). */
export function addLocalDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
