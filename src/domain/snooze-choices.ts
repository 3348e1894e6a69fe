/**
 * The inbox's snooze presets: an hour, three hours, tomorrow 9:00 and next Monday 9:00. "Tomorrow
 * 9:00" means 9:00 where the business is (the workspace's time zone), not where the browser is: a
 * member on a trip, or a server-rendered test in UTC, must snooze to the same morning as the team.
 * Pure: the instant and the zone come in, the choices go out.
 */
import { addLocalDays, zonedParts, zonedTimeToUtc } from './local-time.js';

export interface SnoozeChoice {
  label: string;
  at: Date;
}

const HOUR_MS = 3_600_000;
const MORNING_HOUR = 9;

export function snoozeChoices(now: Date, timeZone: string): SnoozeChoice[] {
  const today = zonedParts(now, timeZone);
  const morning = (days: number) => zonedTimeToUtc({ ...addLocalDays(today, days), hour: MORNING_HOUR, minute: 0 }, timeZone);
  // Days until the next Monday, 1–7 (on a Monday, a week later).
  const toMonday = (8 - today.weekday) % 7 || 7;
  return [
    { label: 'For 1 hour', at: new Date(now.getTime() + HOUR_MS) },
    { label: 'For 3 hours', at: new Date(now.getTime() + 3 * HOUR_MS) },
    { label: 'Until tomorrow 9:00', at: morning(1) },
    { label: 'Until Monday 9:00', at: morning(toMonday) },
  ];
}
