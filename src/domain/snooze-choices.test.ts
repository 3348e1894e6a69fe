import { describe, expect, it } from 'vitest';
import { snoozeChoices } from './snooze-choices.js';

const at = (choices: ReturnType<typeof snoozeChoices>, label: string) => choices.find((c) => c.label === label)!.at.toISOString();

describe('snoozeChoices', () => {
  it("puts tomorrow 9:00 and Monday 9:00 in the workspace's zone, whatever the browser's", () => {
    // Wednesday 2026-12-02 23:30 in Chicago is already Thursday 05:30 UTC.
    const now = new Date('2026-12-03T05:30:00Z');
    const chicago = snoozeChoices(now, 'America/Chicago');
    expect(at(chicago, 'Until tomorrow 9:00')).toBe('2026-12-03T15:00:00.000Z'); // Thu 09:00 CST
    expect(at(chicago, 'Until Monday 9:00')).toBe('2026-12-07T15:00:00.000Z');
    expect(at(chicago, 'For 1 hour')).toBe('2026-12-03T06:30:00.000Z');
    const berlin = snoozeChoices(now, 'Europe/Berlin');
    expect(at(berlin, 'Until tomorrow 9:00')).toBe('2026-12-04T08:00:00.000Z'); // Fri 09:00 CET
  });

  it('on a Monday, "Monday" is next week; across a DST change the wall time holds', () => {
    const monday = new Date('2026-03-09T14:00:00Z'); // Mon 09:00 CDT
    expect(at(snoozeChoices(monday, 'America/Chicago'), 'Until Monday 9:00')).toBe('2026-03-16T14:00:00.000Z');
    const saturday = new Date('2026-03-07T18:00:00Z'); // Sat 12:00 CST; DST starts Sunday
    expect(at(snoozeChoices(saturday, 'America/Chicago'), 'Until tomorrow 9:00')).toBe('2026-03-08T14:00:00.000Z'); // Sun 09:00 CDT
  });
});
