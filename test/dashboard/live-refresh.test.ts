/**
 * The dashboard's refetches after live events: the first at once, then at most one more per
 * interval however many events come (web/src/live-refresh.ts). Timers are a manual clock's.
 */
import { describe, expect, it } from 'vitest';
import { throttledRefresh, type RefreshTimers } from '../../web/src/live-refresh.js';

/** Timers that run only when the test moves the clock. */
function manualTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: RefreshTimers = {
    now: () => now,
    setTimeout(run, ms) {
      const id = ++next;
      due.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const first = [...due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!first) break;
      due.delete(first[0]);
      now = first[1].at;
      first[1].run();
    }
    now = until;
  };
  return { timers, advance, pending: () => due.size };
}

describe('refetches after live events', () => {
  it('refetches at once on a first event, and once more at the end of the interval for a burst', () => {
    const { timers, advance } = manualTimers();
    const at: number[] = [];
    const refresh = throttledRefresh(() => at.push(timers.now()), 1_000, timers);
    refresh.request();
    expect(at).toEqual([0]);
    // A missed call's five events, and more, within the second.
    for (let i = 0; i < 20; i++) {
      advance(40);
      refresh.request();
    }
    expect(at).toEqual([0]);
    advance(1_000);
    expect(at).toEqual([0, 1_000]);
  });

  it('a steady stream of events refetches once per interval, never falling further behind', () => {
    const { timers, advance } = manualTimers();
    const at: number[] = [];
    const refresh = throttledRefresh(() => at.push(timers.now()), 1_000, timers);
    for (let i = 0; i < 100; i++) {
      refresh.request();
      advance(100);
    }
    advance(1_000);
    // 10 s of events every 100 ms: one refetch a second, the last one after the last event.
    expect(at).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000]);
  });

  it('an event after a quiet interval refetches at once', () => {
    const { timers, advance } = manualTimers();
    const at: number[] = [];
    const refresh = throttledRefresh(() => at.push(timers.now()), 1_000, timers);
    refresh.request();
    advance(5_000);
    refresh.request();
    expect(at).toEqual([0, 5_000]);
  });

  it('a view that is gone does not refetch', () => {
    const { timers, advance, pending } = manualTimers();
    let refetched = 0;
    const refresh = throttledRefresh(() => refetched++, 1_000, timers);
    refresh.request();
    refresh.request();
    refresh.cancel();
    expect(pending()).toBe(0);
    advance(2_000);
    expect(refetched).toBe(1);
  });
});
