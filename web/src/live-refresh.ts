/**
 * Refetches that follow live events, at most one per interval. A missed call makes about five
 * events (the call, its contact, its conversation, its text and the text's status), and a busy
 * business makes them all day; a view that refetched on each one asked the server five times per
 * call, in every open tab, for the same page. On a large business some of those reads are not
 * cheap (the overview of 100,000 missed calls takes most of a second: docs/performance.md, round
 * 23), and on SQLite the server answers nothing else meanwhile.
 *
 * The first event refetches at once; events within the interval after it make one more refetch at
 * its end, never more. So a view is never more than one interval behind, and a burst of any size
 * costs two reads per interval at most.
 *
 * No DOM here: the timers are given (the dashboard's window timers; a test's own).
 */

export interface RefreshTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ThrottledRefresh {
  /** Something changed: refetch now, or once at the end of the current interval. */
  request(): void;
  /** The view is gone: a refetch still due is dropped. */
  cancel(): void;
}

export function throttledRefresh(refresh: () => void, everyMs: number, timers: RefreshTimers): ThrottledRefresh {
  let lastAt = -Infinity;
  let due: unknown = null;
  const run = () => {
    due = null;
    lastAt = timers.now();
    refresh();
  };
  return {
    request() {
      if (due !== null) return;
      const wait = lastAt + everyMs - timers.now();
      if (wait <= 0) run();
      else due = timers.setTimeout(run, wait);
    },
    cancel() {
      if (due !== null) timers.clearTimeout(due);
      due = null;
    },
  };
}
