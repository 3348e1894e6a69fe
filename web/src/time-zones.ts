/**
 * IANA time zones for pickers: the browser's own list where it has one, with the common North
 * American zones first-class either way.
 */
const COMMON = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Toronto',
  'America/Vancouver',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Sydney',
  'UTC',
];

export function timeZones(current?: string): string[] {
  let all: string[] = [];
  try {
    all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    all = [];
  }
  const set = new Set([...all, ...COMMON]);
  if (current) set.add(current);
  return [...set].sort((a, b) => a.localeCompare(b));
}
