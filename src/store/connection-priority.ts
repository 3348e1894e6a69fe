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
 * handle's driver asks in its own line. It used to be an AsyncLocalStorage set around the worker's
 * loop, but on Node 20 any AsyncLocalStorage in use turns on async_hooks' promise hooks for every
 * promise the process makes, which cost ~4% of its CPU (docs/performance.md).
 */

/** Which line a connection request waits in when the pool is saturated. */
export type ConnectionLane = 'jobs' | 'others';

/** Grants to waiting jobs before one goes to a waiting webhook (jobs get 4/5 of a saturated pool). */
export const JOB_TURNS = 4;

/**
 * Counts the connections handed out, up to `slots` (the pool's size), and queues the rest in two
 * lines. Purely in-process bookkeeping: it only decides the order in which waiters reach the pool.
 */
export class ConnectionPriority {
  private inUse = 0;
  private readonly waitingJobs: (() => void)[] = [];
  private readonly waitingOthers: (() => void)[] = [];
  /** Grants in a row to jobs while a webhook was waiting. */
  private jobStreak = 0;

  constructor(private readonly slots: number) {}

  /** Resolves when the caller may take a connection; pair every call with one release(). */
  acquire(lane: ConnectionLane): Promise<void> {
    if (this.inUse < this.slots) {
      this.inUse++;
      return Promise.resolve();
    }
    const line = lane === 'jobs' ? this.waitingJobs : this.waitingOthers;
    return new Promise((resolve) => line.push(resolve));
  }

  /** A connection came back: hand its slot to the next waiter, or free it. */
  release(): void {
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
    return this.waitingOthers.shift();
  }

  /** Waiters in each line (for tests and diagnostics). */
  get waiting(): { jobs: number; others: number } {
    return { jobs: this.waitingJobs.length, others: this.waitingOthers.length };
  }
}
