/**
 * Quiet hours: a daily local-time window (in the *contact's* zone) during which Textback sends no
 * automated text, and holds it until the window ends instead. State telemarketing laws count
 * hours at the recipient (Florida and Oklahoma: 8 a.m.–8 p.m.), and a 3 a.m. "sorry we missed
 * your call" annoys anyone. The window is the quiet part, e.g. `{ start: '20:00', end: '08:00' }`,
 * and may cross midnight.
 */
import { addLocalDays, parseClockTime, zonedParts, zonedTimeToUtc, type Instant } from './local-time.js';

/** The quiet window, local "HH:MM" times: quiet from `start` (inclusive) to `end` (exclusive). */
export interface QuietWindow {
  start: string;
  end: string;
}

function bounds(window: QuietWindow): { start: number; end: number } {
  const start = parseClockTime(window.start);
  const end = parseClockTime(window.end);
  if (start === null || end === null) {
    throw new RangeError(`quiet hours must be "HH:MM" times, got ${JSON.stringify(window)}`);
  }
  // "24:00" is midnight, the same as "00:00", for a window that repeats daily.
  return { start: start % 1440, end: end % 1440 };
}

/**
 * True when `now` falls in the quiet window in `timeZone`. A window whose start equals its end is
 * empty (never quiet): "no quiet hours", not "always quiet", which would hold texts forever.
 * @throws RangeError on a malformed window or an unknown zone.
 */
export function isInQuietHours(now: Instant, window: QuietWindow, timeZone: string): boolean {
  const { start, end } = bounds(window);
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a text may go out: `now` itself outside quiet hours, else the instant the window ends in
 * `timeZone` (today's end, or tomorrow's for a window crossing midnight entered before midnight).
 * DST-correct: the end is computed as a local wall time, so "08:00" stays 08:00 across a change,
 * and an end that falls in a skipped hour moves forward with the clock.
 * @throws RangeError on a malformed window or an unknown zone.
 */
export function nextAllowedSendTime(now: Instant, window: QuietWindow, timeZone: string): Date {
  const nowDate = new Date(typeof now === 'number' ? now : now.getTime());
  if (!isInQuietHours(nowDate, window, timeZone)) return nowDate;
  const { start, end } = bounds(window);
  const p = zonedParts(nowDate, timeZone);
  const minute = p.hour * 60 + p.minute;
  // Crossing midnight and already past the start: the window ends tomorrow.
  const daysAhead = start > end && minute >= start ? 1 : 0;
  const date = addLocalDays(p, daysAhead);
  const endsAt = zonedTimeToUtc({ ...date, hour: Math.floor(end / 60), minute: end % 60 }, timeZone);
  if (endsAt.getTime() > nowDate.getTime()) return endsAt;
  // Only in the repeated hour after a fall-back, on its second pass: zonedTimeToUtc picks the
  // first occurrence of the end time, which has already passed; the second is minutes away.
  const startOfMinute = nowDate.getTime() - p.second * 1000 - (nowDate.getTime() % 1000);
  return new Date(startOfMinute + (end - minute) * 60_000);
}
