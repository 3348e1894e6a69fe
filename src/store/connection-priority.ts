/**
 * Who gets the next database connection when every one is busy: the job worker before webhooks.
 *
 * A `ROLE=all` process answers webhooks and runs jobs over one pool. Handed out first come, first
 * served, both got about an equal share of it, and a missed call's jobs (decide, then send) take
 * more statements than its two webhooks: on PostgreSQL the worker fell behind the webhooks, the
 * queue of unsent text-backs grew for as long as calls came, and the p99 from a missed call to
 * its text reached 2.8 s (round 3). Work the process already accepted — a text waiting to go out —
 * now goes first; a webhook waits for a connection the worker does not need. The caller on the
 * phone line is not kept waiting for long: the worker runs at most WORKER_CONCURRENCY jobs at once
 * (and, for a moment, those whose carrier just answered a send they waited on off their slots: at
 * most 256 more, jobs/job-worker.ts), each needing one connection at a time, so its demand is
 * bounded; and while both wait, every JOB_TURNS grants to jobs are followed by one to a webhook,
 * so a worker with a deep backlog never starves the webhooks (which then slow down to the pace
 * the worker keeps, instead of outrunning it).
 *
 * Which kind of work asks is said by the handle it asks through: the store opens the database twice
 * over the same pool, `db` for everything else and `jobDb` for the worker (database.ts), and each
 * handle's driver asks in its own line (a third handle, `reportDb`, asks in a third: below). It used to be an AsyncLocalStorage set around the worker's
 * loop, but on Node 20 any AsyncLocalStorage in use turns on async_hooks' promise hooks for every
 * promise the process makes, which cost ~4% of its CPU (docs/performance.md).
 *
 * The dashboard's long reads (`reportDb`: the overview, inbox searches and counts, exports) hold a
 * connection for up to a second at a large business, and open dashboards ask together (one live
 * event refreshes them all): with ten overviews open they held every connection of the pool, and
 * webhooks waited for one (p99 0.5 s, docs/performance.md, round 24). So reports hold at most
 * `reportSlots` connections at once (a quarter of the pool by default); more wait in a line of
 * their own, after jobs and webhooks, and a bounded one (report-backlog.ts). The rest of the pool
 * is always left to the calls.
 */
import { MAX_WAITING_REPORT_STATEMENTS, reportsBusy } from './report-backlog.js';

/** Which line a connection request waits in when the pool is saturated (or, for reports, their share is). */
export type ConnectionLane = 'jobs' | 'others' | 'reports';

/** The share of the pool the dashboard's long reads may hold at once: a quarter, at least one. */
export const reportSlotsOf = (slots: number): number => Math.max(1, Math.floor(slots / 4));

/** Grants to waiting jobs before one goes to a waiting webhook (jobs get 4/5 of a saturated pool). */
export const JOB_TURNS = 4;

/**
 * Counts the connections handed out, up to `slots` (the pool's size), and queues the rest in two
 * lines. Purely in-process bookkeeping: it only decides the order in which waiters reach the pool.
 */
export class ConnectionPriority {
  private inUse = 0;
  private reportsInUse = 0;
  private readonly waitingJobs: (() => void)[] = [];
  private readonly waitingOthers: (() => void)[] = [];
  private readonly waitingReports: (() => void)[] = [];
  /** Grants in a row to jobs while a webhook was waiting. */
  private jobStreak = 0;

  constructor(
    private readonly slots: number,
    private readonly reportSlots = reportSlotsOf(slots),
    /** Reports that may wait at once (report-backlog.ts); more are refused with a 503. */
    private readonly maxWaitingReports = MAX_WAITING_REPORT_STATEMENTS,
  ) {}

  /**
   * Resolves when the caller may take a connection; pair every resolved call with one release(lane).
   * A report finding the reports' line full is refused (rejects, takes nothing).
   */
  acquire(lane: ConnectionLane): Promise<void> {
    if (this.inUse < this.slots && (lane !== 'reports' || this.reportsInUse < this.reportSlots)) {
      this.inUse++;
      if (lane === 'reports') this.reportsInUse++;
      return Promise.resolve();
    }
    if (lane === 'reports' && this.waitingReports.length >= this.maxWaitingReports) return Promise.reject(reportsBusy());
    const line = lane === 'jobs' ? this.waitingJobs : lane === 'reports' ? this.waitingReports : this.waitingOthers;
    return new Promise((resolve) => line.push(resolve));
  }

  /** A connection of `lane`'s came back: hand its slot to the next waiter, or free it. */
  release(lane: ConnectionLane): void {
    if (lane === 'reports') this.reportsInUse--;
    const next = this.nextWaiter();
    if (next) next();
    else this.inUse--;
  }

  private nextWaiter(): (() => void) | undefined {
    if (this.waitingJobs.length > 0 && (this.waitingOthers.length === 0 || this.jobStreak < JOB_TURNS)) {
      if (this.waitingOthers.length > 0) this.jobStreak++;
      return this.waitingJobs.shift();
    }
    this.jobStreak = 0;
    const other = this.waitingOthers.shift();
    if (other) return other;
    if (this.waitingReports.length > 0 && this.reportsInUse < this.reportSlots) {
      this.reportsInUse++;
      return this.waitingReports.shift();
    }
    return undefined;
  }

  /** Waiters in each line (for tests and diagnostics). */
  get waiting(): { jobs: number; others: number; reports: number } {
    return { jobs: this.waitingJobs.length, others: this.waitingOthers.length, reports: this.waitingReports.length };
  }
}
