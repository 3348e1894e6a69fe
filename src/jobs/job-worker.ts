/**
 * The worker: claims due jobs with a lease, runs their handlers, and records the result.
 *
 * - Claim: one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) on PostgreSQL, so any number of
 *   worker processes share the table and no job is handed to two of them; SQLite runs the same
 *   statement without the lock clause (it has a single writer).
 * - Lease: a running job whose lease expired (its worker died) is claimable again; a heartbeat
 *   extends the lease while a handler runs, so a slow job is not stolen from a live worker.
 * - Every write after the claim is fenced by the claim token, so a worker that lost its lease cannot
 *   overwrite the new owner's result.
 * - Failure: retry with exponential backoff and jitter; dead after max_attempts with the last error.
 * - Follow-ups: a job that enqueues work due at once (the text-back's send) has it run right after,
 *   in the same slot: the chain does not queue behind a backlog of older jobs, and costs no extra
 *   poll. The follow-up is inserted already leased to this worker (no claim statement; handed to
 *   the chain only once its transaction committed), or, where that cannot be, claimed by id.
 * - Handoff: a due job a webhook of this process enqueues is inserted already leased to this worker
 *   while a slot is free (jobs/job-handoff.ts), and run in that slot once committed: no claim.
 * - A handler may mark its job done in its own last transaction (finishJobInTransaction); the
 *   worker then records nothing more.
 * - Claims only when there may be work: after a claim that came back short, finishing a job does
 *   not trigger another claim; an enqueue (wake) or the poll does.
 * - Waits on other servers: a job gives its slot back while a carrier, a model vendor, a mail
 *   server or a workflow's receiver answers its request (waitOffSlot, follow-up-scope.ts), so a
 *   process sends as many texts a second as its CPU allows, not as many as its slots ÷ the
 *   carrier's answer time, and agent turns waiting seconds on a model do not hold the slots
 *   text-backs need. Bulk work still counts against its share of the slots while it waits
 *   (bulkInFlight), so the slots it gives back go to urgent work only.
 * - Retention: finished jobs, and domain events nothing still needs, are deleted on a schedule.
 * - Priority: in a process that also answers webhooks, the worker's statements get database
 *   connections first (store/connection-priority.ts), so it keeps pace with the calls coming in:
 *   it works through the store's jobDb, and hands its handlers that handle (with the job's
 *   follow-up scope, follow-up-scope.ts) as their ctx.db.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Store } from '../store/database.js';
import type { Database, JobsTable } from '../store/schema.js';
import { retryDelayMs } from './backoff.js';
import { DeferJob, PermanentJobError, RetryJobAfter } from './job-errors.js';
import { finishJobDone } from './job-queue.js';
import { withFollowUps, type FollowUps } from './follow-up-scope.js';
import { realTimeHeartbeats, startLeaseHeartbeat, type HeartbeatSchedule } from './lease-heartbeat.js';
import { FINISHED, NOT_URGENT, PENDING, RUNNING, URGENT } from './job-status-sql.js';
import type { ReservesSlots, SlotReservation } from './job-handoff.js';
import { preparedQuery } from '../store/prepared-query.js';
import { randomPool } from '../store/random-pool.js';
import { JOB_COLUMNS, prefixedColumns, rowFrom } from '../store/row-columns.js';
import { CLAIMED_JOBS, claimedJob, type ReadAtClaim } from './read-at-claim.js';

export interface ClaimedJob {
  id: string;
  kind: string;
  workspaceId: string | null;
  uniqueKey: string | null;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /**
   * What the write that handed this job to this worker (jobs/job-handoff.ts), or the claim statement
   * that took it (jobs/read-at-claim.ts), already read for it, for the handler to use in place of
   * its own first read; only on that run, never stored.
   */
  prefetched?: unknown;
}

/** What a handler gets besides its job: the handle to work through, and how to ask for a wake-up. */
export interface JobRun {
  /**
   * The store's jobDb carrying this job's follow-up scope (follow-up-scope.ts): its connections
   * come before webhooks', and a due job enqueued through it, or a transaction of it, is this
   * job's follow-up. Handlers get it as ctx.db (registry.ts).
   */
  db: Kysely<Database>;
  /**
   * ctx.wakeWorker inside the job: deferred to the worker, which runs the job's follow-ups itself
   * and wakes everyone only if something else may be due (more follow-ups than it chains, a job
   * moved earlier). Saves a claim, and on PostgreSQL a NOTIFY, per follow-up.
   */
  wakeWorker(): void;
}

export type JobHandler = (job: ClaimedJob, run: JobRun) => Promise<void>;

export interface JobWorkerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  concurrency?: number;
  leaseMs?: number;
  /** How often an idle worker looks for due jobs (wake() cuts it short). */
  pollMs?: number;
  workerId?: string;
  random?: () => number;
  /** Done and dead jobs are deleted this long after they finished (default 7 days). */
  jobRetentionMs?: number;
  /** Domain events are deleted this long after they happened, once no job or run needs them (default 30 days). */
  eventRetentionMs?: number;
  /** How often the worker prunes (default every 10 s: small passes, not a minute's rows at once). */
  maintenanceEveryMs?: number;
  /** Rows per pruning statement and statements per pass (tests make them small). */
  pruneBatch?: number;
  pruneMaxBatches?: number;
  /** True while another mechanism (PostgreSQL LISTEN) wakes this worker when jobs are enqueued. */
  listening?: () => boolean;
  /** Longest idle sleep when listening (default 10 s): bounds a wake-up lost with the connection. */
  maxIdleMs?: number;
  /** Wakes every worker (this one and, on PostgreSQL, other processes): ctx.wakeWorker. */
  wakeAll?: () => void;
  /** When a running job's lease heartbeats come (lease-heartbeat.ts): real time unless a test beats by hand. */
  heartbeats?: HeartbeatSchedule;
  /** Jobs that may wait on another server off their slots at once (default 256); past it they wait in their slots. */
  waitsOffSlot?: number;
  /** PostgreSQL: the one job kind whose handler's first read the claim statement makes (jobs/read-at-claim.ts). */
  readAtClaim?: ReadAtClaim;
}

/**
 * Jobs waiting on another server off their slots at once, by default. Each is one request open to
 * a carrier or a model vendor (each Twilio account's client caps its own:
 * CARRIER_REQUESTS_PER_ACCOUNT), and a job whose answer came back takes its slot again at once,
 * even past the worker's concurrency, for the few statements that record it. 256 waits of ~200 ms
 * are ~1,300 texts a second, more than a process's CPU sends (docs/performance.md, round 18).
 */
const DEFAULT_WAITS_OFF_SLOT = 256;
/** Follow-ups one job may run in its own slot; more (a broadcast) go through the ordinary claim. */
const MAX_FOLLOW_UPS = 4;
/** Jobs one slot runs back to back before the rest go through the ordinary claim. */
const MAX_CHAIN_DEPTH = 16;
/** Rows deleted per statement when pruning, so a large backlog never holds the write lock long. */
const DEFAULT_PRUNE_BATCH = 1_000;
/**
 * Batches per maintenance pass; the rest waits for the next pass. Passes come every 10 s and take
 * at most 5,000 rows: at 1,000 missed calls a second, passes once a minute deleted ~60,000 rows in
 * three back-to-back passes, and the hot path lost a third of its pace for those seconds
 * (docs/performance.md, round 13). Still 5,000 rows a second when behind, far above any intake.
 */
const DEFAULT_PRUNE_MAX_BATCHES = 5;
const DEFAULT_MAINTENANCE_EVERY_MS = 10_000;
/** After a pass that left rows behind, the next one comes this soon (not a whole interval later). */
const PRUNE_AGAIN_MS = 1_000;

/** The stored payload as an object, or null when it is not a JSON object. */
function parseStoredPayload(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Due jobs (pending and due, or running with an expired lease), marked running under a new claim
 * token: one statement. Due urgent jobs (queued so: a text-back, an inbound text, a reply to a
 * lead…; job-status-sql.ts) come first, then the rest oldest first: a backlog of bulk work waits,
 * a missed call's text or a staff member's reply does not wait behind it. An urgent job whose
 * worker died is urgent still: it comes back before the backlog, not after it. At most
 * `bulkLimit` of the jobs are not urgent, whether queued or taken over from a dead worker, so the
 * slots a worker keeps for urgent work stay free (urgentSlotsKept). On PostgreSQL the rows another
 * worker is claiming are skipped.
 *
 * The four sets (urgent or not, pending or with an expired lease) are looked up separately, each in
 * its own index's order and limited there, and only those few are merged: an OR of them (as before
 * round 3) cannot use any index's order, so every claim sorted the whole backlog of due jobs to take
 * a few (42 ms per claim at 14,000 waiting, in the round 3 PostgreSQL soak), and a backlog made
 * itself worse. Running jobs are few (a lease each), so the expired ones are read from the lease
 * index and told apart by their row.
 */
type ClaimParams = { now: number; limit: number; bulkLimit: number; token: string; lockedUntil: number };

function claimQuery(skipLocked: boolean, readAtClaim?: ReadAtClaim) {
  return preparedQuery((db, p: ClaimParams) => {
    const rank = (urgent: boolean) => sql.lit(urgent ? 0 : 1).as('rank');
    const limitOf = (urgent: boolean) => (urgent ? p.limit : p.bulkLimit);
    const pendingDue = (urgent: boolean) => {
      const q = db
        .selectFrom('jobs')
        .select(['id', 'run_at', rank(urgent)])
        .where('status', '=', PENDING)
        .where(urgent ? URGENT : NOT_URGENT)
        .where('run_at', '<=', p.now)
        .orderBy('run_at')
        .limit(limitOf(urgent));
      return skipLocked ? q.forUpdate().skipLocked() : q;
    };
    const leaseExpired = (urgent: boolean) => {
      const q = db
        .selectFrom('jobs')
        .select(['id', 'run_at', rank(urgent)])
        .where('status', '=', RUNNING)
        .where('locked_until', '<', p.now)
        .where(urgent ? URGENT : NOT_URGENT)
        // Jobs a worker claimed together share their lease's end: the oldest of them first, as the
        // merge below expects, not whichever the index hands out.
        .orderBy('locked_until')
        .orderBy('run_at')
        .limit(limitOf(urgent));
      return skipLocked ? q.forUpdate().skipLocked() : q;
    };
    // The bulk jobs, queued or taken over, oldest first up to the bulk limit together.
    const bulk = db
      .selectFrom(
        db
          .selectFrom(pendingDue(false).as('p'))
          .select(['p.id', 'p.run_at', 'p.rank'])
          .unionAll(db.selectFrom(leaseExpired(false).as('e')).select(['e.id', 'e.run_at', 'e.rank']))
          .as('b'),
      )
      .select(['b.id', 'b.run_at', 'b.rank'])
      .orderBy('b.run_at')
      .limit(p.bulkLimit);
    const due = db
      .selectFrom(
        db
          .selectFrom(pendingDue(true).as('u'))
          .select(['u.id', 'u.run_at', 'u.rank'])
          .unionAll(db.selectFrom(leaseExpired(true).as('ue')).select(['ue.id', 'ue.run_at', 'ue.rank']))
          .unionAll(db.selectFrom(bulk.as('bulk')).select(['bulk.id', 'bulk.run_at', 'bulk.rank']))
          .as('due'),
      )
      .select('due.id')
      .orderBy('due.rank')
      .orderBy('due.run_at')
      .limit(p.limit);
    const claim = db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: p.token,
        locked_until: p.lockedUntil,
        attempts: sql<number>`attempts + 1`,
        nudged_run_at: null,
        updated_at: p.now,
      })
      .where('id', 'in', due)
      .returningAll();
    if (!readAtClaim) return claim;
    // The claimed rows, each with what its kind's handler reads first (jobs/read-at-claim.ts); the
    // filter on the kind inside the lateral select spares every other kind's row the read.
    const claimedRows = sql.id(CLAIMED_JOBS);
    const query = sql<Record<string, unknown>>`with ${claimedRows} as (${claim})
      select ${sql.join(prefixedColumns(CLAIMED_JOBS, CLAIMED_JOB_PREFIX, JOB_COLUMNS))}, ${sql.id(READ_AT_CLAIM)}.*
      from ${claimedRows}
      left join lateral (
        select * from (${readAtClaim.read(db)}) as ${sql.id(`${READ_AT_CLAIM}_rows`)} where ${claimedJob('kind')} = ${sql.lit(readAtClaim.kind)}
      ) as ${sql.id(READ_AT_CLAIM)} on true`;
    return { compile: () => query.compile(db) };
  });
}
/** SQLite's claim: one writer, so nothing to skip, and no read at the claim (read-at-claim.ts). */
const claimDueOnSqlite = claimQuery(false);

/** The prefix of the claimed job's own columns when its claim reads for it (jobs/read-at-claim.ts). */
const CLAIMED_JOB_PREFIX = 'job';
const READ_AT_CLAIM = 'read_at_claim';

/** A claimed job, with what its claim read for its handler, if anything. */
interface Claimed {
  row: JobsTable;
  prefetched?: unknown;
}

/**
 * Slots the loop keeps for urgent jobs: pending bulk work is claimed into the others only. With every
 * slot busy on bulk sends (another business's import, each send waiting ~200 ms on the carrier), a
 * text-back or a reply would otherwise wait for one of them to finish (docs/performance.md, round
 * 13). One in eight, at least one from four slots up; none below, where one slot less for bulk work
 * would cost it a third or more.
 */
export function urgentSlotsKept(concurrency: number): number {
  return concurrency >= 4 ? Math.max(1, Math.floor(concurrency / 8)) : 0;
}

/** A claimed row is urgent (someone waits on it: jobs.urgent). */
function isUrgent(row: Pick<JobsTable, 'urgent'>): boolean {
  return row.urgent === 1;
}

export class JobWorker implements ReservesSlots {
  readonly workerId: string;
  private readonly concurrency: number;
  /** The slots bulk work may fill: all but those kept for urgent work (urgentSlotsKept). */
  private readonly bulkSlots: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private running = false;
  /** drain() is running: follow-ups chain as in the loop. */
  private draining = false;
  private inFlight = new Set<Promise<void>>();
  /** Slots running a job that is not urgent (and the follow-ups it chains). */
  private bulkInFlight = 0;
  /** Slots held for jobs being written elsewhere in this process (reserveSlot): busy until used or given back. */
  private reserved = 0;
  /** Jobs in inFlight that gave their slot back while another server answers (runOffSlot). */
  private waitingOffSlot = 0;
  private readonly maxOffSlot: number;
  private loopPromise: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** A wake that came while the loop was busy claiming: the next wait returns at once. */
  private wakePending = false;
  private lastMaintenance = 0;
  /** The last claim filled every free slot: more may be due, so a finished job claims again. */
  private backlog = true;
  /** The claim statement: on PostgreSQL it skips the rows other workers are claiming, and may read at the claim. */
  private readonly claimStatement: ReturnType<typeof claimQuery>;
  /** The read the PostgreSQL claim makes for one kind's handler, if any. */
  private readonly readAtClaim: ReadAtClaim | undefined;

  constructor(private readonly opts: JobWorkerOptions) {
    this.workerId = opts.workerId ?? `w-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.concurrency = opts.concurrency ?? 4;
    this.bulkSlots = this.concurrency - urgentSlotsKept(this.concurrency);
    this.maxOffSlot = opts.waitsOffSlot ?? DEFAULT_WAITS_OFF_SLOT;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 500;
    this.lastMaintenance = opts.clock.now();
    const postgres = opts.store.dialect === 'postgres';
    this.readAtClaim = postgres ? opts.readAtClaim : undefined;
    this.claimStatement = postgres ? claimQuery(true, this.readAtClaim) : claimDueOnSqlite;
  }

  /** Starts the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // Everything the loop starts (claims, handlers, finishes) goes through store.jobDb, so it takes
    // database connections before webhooks do: a text already decided goes out before new calls
    // pile up behind it.
    this.loopPromise = this.loop();
  }

  /** Stops claiming, then waits for the jobs already running to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopPromise;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Cuts the idle wait short: call after committing a transaction that enqueued work. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  /**
   * Runs due jobs until none is due (for tests and the CLI): deterministic with a manual clock.
   * Returns how many jobs ran.
   */
  async drain(maxJobs = 10_000): Promise<number> {
    let ran = 0;
    this.draining = true;
    try {
      while (ran < maxJobs) {
        const jobs = await this.claimWithReads(this.concurrency, this.concurrency);
        if (jobs.length === 0) break;
        const counts = await Promise.all(jobs.map((j) => this.execute(j.row, 0, j.prefetched)));
        ran += counts.reduce((a, b) => a + b, 0);
      }
    } finally {
      this.draining = false;
    }
    return ran;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const free = this.freeSlots();
      let claimed: Claimed[] = [];
      let idleMs = this.pollMs;
      // Woken with every slot busy: whatever woke us waits for a slot, so finishing must claim.
      if (free <= 0) this.backlog = true;
      if (free > 0) {
        try {
          await this.maintain();
          // Bulk work never takes the slots kept for urgent work.
          const bulkRoom = Math.max(0, Math.min(free, this.bulkSlots - this.bulkInFlight));
          claimed = await this.claimWithReads(free, bulkRoom);
          // The claim took all the bulk work it was allowed to: more may be waiting, so a slot coming
          // free claims again, as after a full claim.
          const heldBack = bulkRoom < free && claimed.filter(({ row }) => !isUrgent(row)).length >= bulkRoom;
          this.backlog = claimed.length === free || heldBack;
          if (claimed.length === 0 && !heldBack && this.opts.listening?.()) idleMs = await this.idleWait();
        } catch (err) {
          this.opts.logger.error({ err }, 'job claim failed');
        }
      }
      // Stopped while the claim was on its way: what it took goes back to the queue for whoever runs
      // next, rather than starting on a worker that is shutting down (or waiting for its lease).
      if (!this.running && claimed.length > 0) await this.release(claimed.map(({ row }) => row));
      else for (const { row, prefetched } of claimed) this.runInSlot(row, prefetched);
      // Then wait: a full claim left no slot free (a finishing job wakes us, as it may have left work
      // behind), and a short one took every job due then (an enqueue wakes us, or the poll), so a
      // second look right away would only find nothing.
      if (this.wakePending) {
        this.wakePending = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** A claim token of this worker: fences every later write of the jobs it leases (claims, handoffs). */
  private newClaimToken(): string {
    return `${this.workerId}:${randomPool.hex(6)}`;
  }

  /** Slots neither running a job (other than one waiting on another server off its slot) nor held for one about to be handed over. */
  private freeSlots(): number {
    return this.concurrency - (this.inFlight.size - this.waitingOffSlot) - this.reserved;
  }

  /**
   * A job's request to another server (waitOffSlot): its slot is free for another job until
   * the answer comes, when the loop runs (not in drain(), where a test steps the jobs itself) and
   * fewer than maxOffSlot jobs wait so. The job still holds its lease (its heartbeat runs) and stays
   * in inFlight, so stop() waits for it. When the answer comes it takes its slot back at once,
   * even if another job took it meanwhile: the slots are briefly over-full, and the loop claims
   * nothing more until they are not.
   */
  private async runOffSlot<T>(request: () => Promise<T>): Promise<T> {
    if (!this.running || this.waitingOffSlot >= this.maxOffSlot) return request();
    this.waitingOffSlot++;
    this.slotFreed();
    try {
      return await request();
    } finally {
      this.waitingOffSlot--;
    }
  }

  /** Runs a job this worker holds the lease of in a slot of its own (counted in inFlight). */
  private runInSlot(row: JobsTable, prefetched?: unknown): void {
    // A bulk job's slot stays a bulk slot while its follow-ups run in it.
    const bulk = !isUrgent(row);
    if (bulk) this.bulkInFlight++;
    // execute() never rejects: a rejection here, unhandled, would end the process and every webhook it serves.
    const p = this.execute(row, 0, prefetched)
      .then(() => undefined)
      .finally(() => {
        if (bulk) this.bulkInFlight--;
        this.inFlight.delete(p);
        this.slotFreed();
      });
    this.inFlight.add(p);
  }

  /**
   * A slot came free (a job ended, a job began waiting on another server, a reservation was given
   * back): worth a claim only if the last one left work behind.
   */
  private slotFreed(): void {
    if (this.backlog) this.wake();
  }

  /**
   * Holds a free slot for a due job a write in this process is about to insert leased to this
   * worker (jobs/job-handoff.ts); null when every slot is busy or held, or the loop is not running
   * (stopping, or a test driving drain()). The token is a claim token like claim()'s.
   */
  reserveSlot(): SlotReservation | null {
    if (!this.running || this.freeSlots() <= 0) return null;
    this.reserved++;
    let open = true;
    const end = () => {
      if (!open) return false;
      open = false;
      this.reserved--;
      return true;
    };
    return {
      token: this.newClaimToken(),
      lockedUntil: this.opts.clock.now() + this.leaseMs,
      run: (row, prefetched) => {
        if (!end()) return;
        if (this.running) {
          this.runInSlot(row, prefetched);
          return;
        }
        // Stopped between the reservation and the commit: back to the queue for whoever runs next,
        // rather than after the lease.
        void this.release([row]).then(() => this.wakeAll());
      },
      giveBack: () => {
        if (end()) this.slotFreed();
      },
    };
  }

  /**
   * With NOTIFY wake-ups live, an idle worker need not poll: it sleeps until the next job falls due
   * (a delayed job, an expired lease), at most maxIdleMs, so an idle worker costs a query every few
   * seconds instead of two a second.
   */
  private async idleWait(): Promise<number> {
    const now = this.opts.clock.now();
    // Three minimums, each read from the end of its partial index (migrations 016 and 019).
    const row = await sql<{ urgent: number | null; other: number | null; running: number | null }>`select
        (select min(run_at) from jobs where status = ${PENDING} and ${URGENT}) as urgent,
        (select min(run_at) from jobs where status = ${PENDING} and ${NOT_URGENT}) as other,
        (select min(locked_until) from jobs where status = ${RUNNING}) as running`.execute(this.opts.store.jobDb);
    const found = Object.values(row.rows[0] ?? {}).filter((t) => t != null);
    const next = Math.min(Infinity, ...found.map(Number));
    return Math.min(this.opts.maxIdleMs ?? 10_000, Math.max(this.pollMs, next - now));
  }

  /**
   * Claims up to `limit` due jobs (pending and due, or running with an expired lease), of which at
   * most `bulkLimit` pending ones that are not urgent.
   */
  async claim(limit: number, bulkLimit = limit): Promise<JobsTable[]> {
    return (await this.claimWithReads(limit, bulkLimit)).map((c) => c.row);
  }

  /** claim(), with what the claim read for each job's handler (jobs/read-at-claim.ts). */
  private async claimWithReads(limit: number, bulkLimit: number): Promise<Claimed[]> {
    const now = this.opts.clock.now();
    const token = this.newClaimToken();
    const { rows } = await this.claimStatement(this.opts.store.jobDb, { now, limit, bulkLimit, token, lockedUntil: now + this.leaseMs });
    const reading = this.readAtClaim;
    // Without a read the statement returns the jobs' own rows.
    if (!reading) return rows.map((row) => ({ row: row as unknown as JobsTable }));
    return rows.map((joined) => {
      const row = rowFrom<JobsTable>(joined, CLAIMED_JOB_PREFIX, JOB_COLUMNS)!;
      // The whole joined row: the handler's parser takes its own columns and ignores the job's.
      return row.kind === reading.kind ? { row, prefetched: joined } : { row };
    });
  }

  /** Claims the given jobs if they are still pending and due (a follow-up nobody took yet). */
  private async claimByIds(ids: string[]): Promise<JobsTable[]> {
    if (ids.length === 0) return [];
    const now = this.opts.clock.now();
    const token = this.newClaimToken();
    // The row lock of the UPDATE plus its status check make this race-free against other
    // claimers: whoever updates first flips the status, the other's WHERE no longer matches.
    return this.opts.store.jobDb
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: token,
        locked_until: now + this.leaseMs,
        attempts: sql<number>`attempts + 1`,
        nudged_run_at: null,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .where('run_at', '<=', now)
      .returningAll()
      .execute();
  }

  /**
   * Runs a claimed job, then the follow-ups it enqueued; returns how many jobs ran. Never rejects: a
   * job whose outcome could not be written is logged (outcomeLost) and its follow-ups still run.
   */
  private async execute(row: JobsTable, depth = 0, prefetched?: unknown): Promise<number> {
    const token = row.locked_by as string;
    const willChain = (this.running || this.draining) && depth < MAX_CHAIN_DEPTH;
    const scope: FollowUps = {
      ids: [],
      claimed: [],
      wake: false,
      advanced: false,
      job: { id: row.id, token, urgent: isUrgent(row) },
      lease: { until: row.locked_until === null ? this.opts.clock.now() + this.leaseMs : Number(row.locked_until), ms: this.leaseMs },
      finished: false,
      offSlot: (request) => this.runOffSlot(request),
      ...(willChain ? { preclaim: { token, lockedUntil: this.opts.clock.now() + this.leaseMs, left: MAX_FOLLOW_UPS } } : {}),
    };
    try {
      // The job's own handle: what it enqueues through it (or its transactions) is this scope's.
      await this.executeOne(row, scope, withFollowUps(this.opts.store.jobDb, scope), prefetched);
    } catch (err) {
      // Only this job's row is lost: what it queued was committed, and what it took for this worker
      // would otherwise wait for its lease too.
      this.outcomeLost(row, err);
    }
    const followUps = scope.claimed.length + scope.ids.length;
    // A chain that never ends (a job that always enqueues another) gives its slot back in time.
    const chaining = followUps > 0 && (this.running || this.draining) && depth < MAX_CHAIN_DEPTH;
    // A wake-up the chain does not cover: more follow-ups than it takes, a job moved earlier, or
    // no chain at all (stopping). Deferred until now, outside the job's scope, so it is real.
    if ((scope.wake || followUps > 0) && (!chaining || scope.advanced || followUps > MAX_FOLLOW_UPS)) this.wakeAll();
    if (!chaining) {
      // Stopped while the job ran: what it took for this worker goes back to the queue now
      // rather than when the lease runs out.
      if (scope.claimed.length > 0) await this.release(scope.claimed);
      return 1;
    }
    let ran = 1;
    const chained = [...scope.claimed];
    try {
      chained.push(...(await this.claimByIds(scope.ids.slice(0, MAX_FOLLOW_UPS - scope.claimed.length))));
    } catch (err) {
      // Not lost: the follow-ups are still pending; wake so the next claim takes them now.
      this.opts.logger.warn({ err }, 'follow-up claim failed');
      this.wakeAll();
    }
    for (const next of chained) ran += await this.execute(next, depth + 1);
    return ran;
  }

  /**
   * A job ran, but neither its outcome nor its failure could be written (the database stayed locked
   * past busy_timeout, or went away mid-job). The row keeps this run's lease, so the job runs again
   * once the lease runs out, as after a worker killed mid-job; a send in it is reconciled, not
   * repeated.
   */
  private outcomeLost(row: JobsTable, err: unknown): void {
    this.opts.logger.error({ err, jobId: row.id, kind: row.kind }, 'could not record a job’s outcome; it runs again when its lease runs out');
  }

  /** Hands follow-ups this worker took but will not run back to the queue, as if never claimed. */
  private async release(rows: JobsTable[]): Promise<void> {
    for (const row of rows) {
      await this.opts.store.jobDb
        .updateTable('jobs')
        .set({ status: 'pending', attempts: row.attempts - 1, locked_by: null, locked_until: null, updated_at: this.opts.clock.now() })
        .where('id', '=', row.id)
        .where('locked_by', '=', row.locked_by)
        .execute()
        .catch((err: unknown) => this.opts.logger.warn({ err, jobId: row.id }, 'could not release a follow-up; it runs when its lease expires'));
    }
  }

  private wakeAll(): void {
    if (this.opts.wakeAll) this.opts.wakeAll();
    else this.wake();
  }

  private async executeOne(row: JobsTable, scope: FollowUps, db: Kysely<Database>, prefetched?: unknown): Promise<void> {
    const { logger } = this.opts;
    const log = logger.child({ jobId: row.id, kind: row.kind, workspaceId: row.workspace_id, attempt: row.attempts });
    const token = row.locked_by as string;
    const payload = parseStoredPayload(row.payload);
    if (!payload) {
      // Not JSON (a hand-edited row): no attempt can fix it, so dead with a readable error.
      await this.finish(row.id, token, { status: 'dead', last_error: `job "${row.kind}": payload is not a JSON object` });
      log.error('job dead: payload is not a JSON object');
      return;
    }
    const job: ClaimedJob = {
      id: row.id,
      kind: row.kind,
      workspaceId: row.workspace_id,
      uniqueKey: row.unique_key,
      payload,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      ...(prefetched === undefined ? {} : { prefetched }),
    };
    const handler = this.opts.handlers[job.kind];
    if (!handler) {
      await this.finish(row.id, token, { status: 'dead', last_error: `no handler for job kind "${job.kind}"` });
      log.error('no handler for job kind');
      return;
    }
    if (job.attempt > job.maxAttempts) {
      // Its last worker died mid-run after the final attempt was already spent.
      await this.finish(row.id, token, { status: 'dead', last_error: row.last_error ?? 'lease expired on the last attempt' });
      log.error('job dead: lease expired on its last attempt');
      return;
    }
    const stopHeartbeat = startLeaseHeartbeat({
      db: this.opts.store.jobDb,
      clock: this.opts.clock,
      leaseMs: this.leaseMs,
      id: row.id,
      token,
      scope,
      log,
      schedule: this.opts.heartbeats ?? realTimeHeartbeats,
    });
    try {
      await handler(job, {
        db,
        wakeWorker: () => {
          scope.wake = true;
        },
      });
      // Unless the handler's own transaction already recorded it (finishJobInTransaction).
      if (!scope.finished) await finishJobDone(this.opts.store.jobDb, { id: row.id, token, now: this.opts.clock.now() });
      log.debug('job done');
    } catch (err) {
      await this.handleFailure(row, token, job, err, log);
    } finally {
      stopHeartbeat();
    }
  }

  private async handleFailure(
    row: JobsTable,
    token: string,
    job: ClaimedJob,
    err: unknown,
    log: Logger,
  ): Promise<void> {
    const now = this.opts.clock.now();
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof DeferJob) {
      // Waiting is not failing: give the attempt back. A nudge (advanceJob) that landed while the
      // handler ran wins if it is earlier; read and written in one statement, so none is lost.
      await this.opts.store.jobDb
        .updateTable('jobs')
        .set({
          status: 'pending',
          run_at: sql<number>`case when nudged_run_at is not null and nudged_run_at < ${err.runAt} then nudged_run_at else ${err.runAt} end`,
          attempts: Math.max(0, job.attempt - 1),
          last_error: null,
          locked_by: null,
          locked_until: null,
          nudged_run_at: null,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .where('locked_by', '=', token)
        .execute();
      log.debug({ deferredTo: err.runAt, why: err.why }, 'job deferred');
      return;
    }
    if (err instanceof PermanentJobError || job.attempt >= job.maxAttempts) {
      await this.finish(row.id, token, { status: 'dead', last_error: message.slice(0, 2000) });
      log.error({ err: message }, 'job dead');
      return;
    }
    const delay = err instanceof RetryJobAfter ? err.delayMs : retryDelayMs(job.attempt, this.opts.random);
    await this.finish(row.id, token, { status: 'pending', run_at: now + delay, last_error: message.slice(0, 2000) });
    log.warn({ err: message, retryInMs: delay }, 'job failed; will retry');
  }

  private async finish(
    id: string,
    token: string,
    changes: Partial<Pick<JobsTable, 'status' | 'run_at' | 'attempts' | 'last_error'>>,
  ): Promise<void> {
    await this.opts.store.jobDb
      .updateTable('jobs')
      .set({ ...changes, locked_by: null, locked_until: null, nudged_run_at: null, updated_at: this.opts.clock.now() })
      .where('id', '=', id)
      .where('locked_by', '=', token)
      .execute();
  }

  /**
   * Housekeeping on a schedule: pruning (errors are logged; the next pass retries). A pass that
   * stopped at its batch limit with rows left over is followed by another a second later, so
   * pruning keeps up with any rate of jobs (at 200 calls/s a one-minute pass capped at 20,000 rows
   * fell behind the 24,000 jobs a minute made) while no single pass holds the database for long.
   */
  private async maintain(): Promise<void> {
    const now = this.opts.clock.now();
    const every = this.opts.maintenanceEveryMs ?? DEFAULT_MAINTENANCE_EVERY_MS;
    if (now - this.lastMaintenance < every) return;
    this.lastMaintenance = now;
    try {
      const { more } = await this.prune();
      if (more) this.lastMaintenance = now - every + PRUNE_AGAIN_MS;
    } catch (err) {
      this.opts.logger.warn({ err }, 'pruning failed');
    }
  }

  /**
   * Deletes finished jobs older than the job retention, and domain events older than the event
   * retention that nothing still needs: no unfinished dispatch job for them and no unfinished
   * workflow run reading them. In batches, so the write lock is never held long. Returns what it
   * deleted (for tests and logs), and whether it stopped at its batch limit with more to delete.
   */
  async prune(): Promise<{ jobs: number; events: number; more: boolean }> {
    const { jobDb: db } = this.opts.store;
    const now = this.opts.clock.now();
    const jobCutoff = now - (this.opts.jobRetentionMs ?? 7 * 24 * 3_600_000);
    const eventCutoff = now - (this.opts.eventRetentionMs ?? 30 * 24 * 3_600_000);
    const jobs = await this.deleteInBatches((limit) =>
      db
        .deleteFrom('jobs')
        .where('id', 'in', db.selectFrom('jobs').select('id').where(FINISHED).where('updated_at', '<', jobCutoff).limit(limit))
        .executeTakeFirst(),
    );
    const events = await this.deleteInBatches((limit) =>
      db
        .deleteFrom('events')
        .where(
          'id',
          'in',
          db
            .selectFrom('events as e')
            .select('e.id')
            .where('e.created_at', '<', eventCutoff)
            .where(({ not, exists, selectFrom, ref }) =>
              not(
                exists(
                  selectFrom('jobs as j')
                    .select('j.id')
                    .where('j.unique_key', '=', sql<string>`${'event:'} || ${ref('e.id')}`)
                    .where('j.status', 'in', ['pending', 'running']),
                ),
              ),
            )
            .where(({ not, exists, selectFrom, ref }) =>
              not(exists(selectFrom('workflow_runs as r').select('r.id').where('r.event_id', '=', ref('e.id')).where('r.finished_at', 'is', null))),
            )
            .limit(limit),
        )
        .executeTakeFirst(),
    );
    const more = jobs.more || events.more;
    if (jobs.deleted + events.deleted > 0) this.opts.logger.debug({ jobs: jobs.deleted, events: events.deleted, more }, 'pruned finished jobs and old events');
    return { jobs: jobs.deleted, events: events.deleted, more };
  }

  /**
   * Runs a bounded DELETE (at most `limit` rows) until it deletes fewer than a batch or the pass's
   * batches are spent; `more` when it stopped at that limit with rows likely left.
   */
  private async deleteInBatches(deleteBatch: (limit: number) => Promise<{ numDeletedRows: bigint }>): Promise<{ deleted: number; more: boolean }> {
    const batchSize = this.opts.pruneBatch ?? DEFAULT_PRUNE_BATCH;
    const maxBatches = this.opts.pruneMaxBatches ?? DEFAULT_PRUNE_MAX_BATCHES;
    let deleted = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const n = Number((await deleteBatch(batchSize)).numDeletedRows);
      deleted += n;
      if (n < batchSize) return { deleted, more: false };
    }
    return { deleted, more: true };
  }
}
