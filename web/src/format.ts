/**
 * Display formatting: phone numbers, times, durations. Times show in the viewer's own locale and
 * time zone, as a person reads a clock; the API's ISO strings stay the truth.
 */

/** "+15550100001" → "+1 555-010-0001" for North American numbers; others as given. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (m) return `+1 ${m[1]}-${m[2]}-${m[3]}`;
  return e164;
}

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateTime.format(d);
}

export function formatFull(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : fullDate.format(d);
}

export function formatTime(date: Date): string {
  return timeOnly.format(date);
}

/** A "YYYY-MM-DD" calendar date as "Jan 15" (no time zone shift: it is a date, not an instant). */
export function formatDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  if (!y || !m || !d) return ymd;
  return dateOnly.format(new Date(y, m - 1, d));
}

/** 75 → "1 min 15 s"; 3600 → "1 h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? `${m} min ${rest} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** 1440 → "1 day", 90 → "1 h 30 min", 0 → "no cooldown". */
export function formatMinutes(minutes: number): string {
  if (minutes <= 0) return 'no wait';
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  return formatDuration(minutes * 60);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A contact's name, or its phone number when it has none. */
export function contactLabel(c: { name: string | null; phone: string } | null | undefined): string {
  if (!c) return 'Unknown';
  return c.name?.trim() || formatPhone(c.phone);
}
