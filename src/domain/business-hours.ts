/**
 * A business's weekly opening hours, in the workspace's time zone: whether it is open at an
 * instant, when it next opens, a one-line description the agent and texts can quote, and the
 * schema the API validates them with. Ranges are local "HH:MM" pairs within one day; "24:00" may
 * end a range ("open until midnight"). A business open overnight writes two ranges, one each side
 * of midnight.
 *
 * A schedule is weekly hours (or null: never set) plus closed dates (holidays, local "YYYY-MM-DD",
 * outside hours all day). `scheduleStateAt` says open / closed / unknown; "unknown" (no hours were
 * ever set and today is not a closed date) is never treated as closed, so a workspace that never
 * set hours routes calls as before and no one states hours it does not have.
 */
import { z } from 'zod';
import { addLocalDays, parseClockTime, zonedParts, zonedTimeToUtc, type Instant } from './local-time.js';

/** Day keys, Monday first (the order people read a week in). */
export const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof DAY_KEYS)[number];

/** Opening ranges per day, local "HH:MM" start and end; an empty array means closed. */
export type BusinessHours = Record<DayKey, Array<[string, string]>>;

// JS weekday numbers (0 = Sunday) to day keys.
const BY_WEEKDAY: readonly DayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const weekdays: Array<[string, string]> = [['08:00', '17:00']];

/** Mon–Fri 08:00–17:00, closed at the weekend. Frozen: copy it (structuredClone) before editing. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = deepFreeze({
  mon: weekdays.map((r) => [...r] as [string, string]),
  tue: weekdays.map((r) => [...r] as [string, string]),
  wed: weekdays.map((r) => [...r] as [string, string]),
  thu: weekdays.map((r) => [...r] as [string, string]),
  fri: weekdays.map((r) => [...r] as [string, string]),
  sat: [],
  sun: [],
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const START_TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour "HH:MM", e.g. "08:00".');
const END_TIME = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use 24-hour "HH:MM", e.g. "17:30" (or "24:00").');

const rangeSchema = z
  .tuple([START_TIME, END_TIME])
  .refine(([start, end]) => (parseClockTime(start) ?? 0) < (parseClockTime(end) ?? 0), {
    message: 'A range must start before it ends; split an overnight range at midnight.',
  });

const daySchema = z
  .array(rangeSchema)
  .max(12)
  .superRefine((ranges, ctx) => {
    const sorted = ranges
      .map(([s, e]) => [parseClockTime(s) ?? 0, parseClockTime(e) ?? 0] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (prev && cur && cur[0] < prev[1]) {
        ctx.addIssue({ code: 'custom', message: 'Ranges in one day must not overlap.' });
        return;
      }
    }
  })
  .default([]);

/**
 * Validates BusinessHours: every day key (a missing day defaults to closed, an unknown key is an
 * error so "monday" is not silently ignored), "HH:MM" times, start before end, no overlaps.
 */
export const businessHoursSchema = z.strictObject({
  mon: daySchema,
  tue: daySchema,
  wed: daySchema,
  thu: daySchema,
  fri: daySchema,
  sat: daySchema,
  sun: daySchema,
});

/** Ranges of one day as sorted [startMinute, endMinute) pairs; malformed ranges are dropped. */
function minutesOf(ranges: ReadonlyArray<readonly [string, string]> | undefined): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, e] of ranges ?? []) {
    const start = parseClockTime(s);
    const end = parseClockTime(e);
    if (start !== null && end !== null && start < end) out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * True when the business is open at `now` in `timeZone`: some range of that local day has
 * start ≤ now < end.
 */
export function isOpenAt(hours: BusinessHours, timeZone: string, now: Instant): boolean {
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  return minutesOf(hours[BY_WEEKDAY[p.weekday] ?? 'sun']).some(([s, e]) => minute >= s && minute < e);
}

/**
 * When the business next opens: `now` itself if it is open, else the start of the next range
 * within the next 8 days (a full week plus today), or null if it has no hours at all.
 */
export function nextOpening(hours: BusinessHours, timeZone: string, now: Instant): Date | null {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (isOpenAt(hours, timeZone, nowMs)) return new Date(nowMs);
  const p = zonedParts(nowMs, timeZone);
  for (let d = 0; d <= 8; d++) {
    const date = addLocalDays(p, d);
    const day = BY_WEEKDAY[(p.weekday + d) % 7] ?? 'sun';
    for (const [start] of minutesOf(hours[day])) {
      const at = zonedTimeToUtc({ ...date, hour: Math.floor(start / 60), minute: start % 60 }, timeZone);
      // Today's earlier ranges have passed; DST can also put a start a little behind now.
      if (at.getTime() > nowMs) return at;
    }
  }
  return null;
}

function formatTime(minutes: number): string {
  const h24 = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const suffix = h24 < 12 ? 'am' : 'pm';
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

const DAY_LABEL: Record<DayKey, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/**
 * The week in one line for a text or the agent's prompt, grouping consecutive days with the same
 * hours: "Mon–Fri 8:00 am–5:30 pm, Sat 9:00 am–1:00 pm, closed Sun". Open days come first, then
 * closed ones; several ranges in a day are joined with " & ". Every day the same reads "Daily …".
 *
 * The dash defaults to the en dash the dashboard shows; it is not a GSM-7 character, so a text
 * sent without Twilio Smart Encoding should pass `{ dash: '-' }` to stay in GSM-7.
 */
export function describeBusinessHours(hours: BusinessHours, options: { dash?: string } = {}): string {
  const dash = options.dash ?? '\u2013';
  const describeDay = (day: DayKey): string =>
    minutesOf(hours[day])
      .map(([s, e]) => `${formatTime(s)}${dash}${formatTime(e)}`)
      .join(' & ');

  // Runs of consecutive days (Mon → Sun) with identical hours.
  const groups: Array<{ first: DayKey; last: DayKey; text: string }> = [];
  for (const day of DAY_KEYS) {
    const text = describeDay(day);
    const last = groups[groups.length - 1];
    if (last && last.text === text) last.last = day;
    else groups.push({ first: day, last: day, text });
  }
  const label = (g: { first: DayKey; last: DayKey }): string =>
    g.first === g.last ? DAY_LABEL[g.first] : `${DAY_LABEL[g.first]}${dash}${DAY_LABEL[g.last]}`;

  const only = groups.length === 1 ? groups[0] : undefined;
  if (only) return only.text === '' ? 'Closed' : `Daily ${only.text}`;

  const open = groups.filter((g) => g.text !== '').map((g) => `${label(g)} ${g.text}`);
  const closed = groups.filter((g) => g.text === '').map(label);
  if (closed.length > 0) open.push(`closed ${closed.join(', ')}`);
  return open.join(', ');
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written "YYYY-MM-DD" (2026-02-30 is not one). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Closed dates (holidays): unique real dates, stored sorted so the list reads in order. */
export const closedDatesSchema = z
  .array(z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD, e.g. "2026-12-25"'))
  .max(366)
  .superRefine((dates, ctx) => {
    const seen = new Set<string>();
    dates.forEach((d, i) => {
      if (seen.has(d)) ctx.addIssue({ code: 'custom', message: `${d} is listed twice`, path: [i] });
      seen.add(d);
    });
  })
  .transform((dates) => [...dates].sort());

/** The local calendar date of an instant, "YYYY-MM-DD". */
export function localDateOf(now: Instant, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** What a caller's or customer's "are you open?" is answered from. */
export interface Schedule {
  /** Weekly hours, or null when nobody ever set them. */
  hours: BusinessHours | null;
  /** Local dates the business is closed all day. */
  closedDates: readonly string[];
  timeZone: string;
}

/**
 * `open` / `closed` at `now`, or `unknown` when no hours were ever set (a closed date is still
 * closed: the owner said so).
 */
export function scheduleStateAt(schedule: Schedule, now: Instant): 'open' | 'closed' | 'unknown' {
  if (schedule.closedDates.length > 0 && schedule.closedDates.includes(localDateOf(now, schedule.timeZone))) return 'closed';
  if (schedule.hours === null) return 'unknown';
  return isOpenAt(schedule.hours, schedule.timeZone, now) ? 'open' : 'closed';
}

/** Whether `now` is outside the schedule's hours: only known hours or a closed date make it so. */
export function isOutsideHours(schedule: Schedule, now: Instant): boolean {
  return scheduleStateAt(schedule, now) === 'closed';
}

const MONTH_LABEL = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * What may be said to a customer about the schedule: the week in one line plus closed dates in
 * the next 14 days ("…, closed Sun; also closed Thu Dec 25"), or null when no hours were ever set —
 * then nothing about hours may be said at all.
 */
export function describeSchedule(schedule: Schedule, now: Instant, options: { dash?: string } = {}): string | null {
  if (schedule.hours === null) return null;
  const week = describeBusinessHours(schedule.hours, options);
  const today = zonedParts(now, schedule.timeZone);
  const soon: string[] = [];
  for (let d = 0; d < 14; d++) {
    const date = addLocalDays(today, d);
    const key = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
    if (!schedule.closedDates.includes(key)) continue;
    const weekday = DAY_LABEL[BY_WEEKDAY[(today.weekday + d) % 7] ?? 'sun'];
    soon.push(`${weekday} ${MONTH_LABEL[date.month - 1]} ${date.day}`);
  }
  return soon.length > 0 ? `${week}; also closed ${soon.join(', ')}` : week;
}
