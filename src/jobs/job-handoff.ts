/**
 * A due job enqueued outside any job (a webhook's write) handed straight to this process's worker:
 * the job is inserted already `running`, leased to the worker under a claim token it recognises,
 * and once the write committed the worker runs that row in a slot reserved for it, with no claim
 * statement (on SQLite the second dearest statement of a missed call; on PostgreSQL a round trip
 * plus the NOTIFY/wake latency). The same idea as a running job's follow-ups (FollowUps
 * `preclaim` in follow-up-scope.ts), for writes that are not inside a job.
 *
 * Crash safety is the lease's: a process that dies between its commit and the run leaves a running
 * row whose lease expires, and any worker's ordinary claim takes it (expired-lease path), as if
 * this worker had claimed it and died. Every later write is fenced by the token, as after a claim.
 *
 * Only when a slot is free at that moment (WORKER_CONCURRENCY holds: a reserved slot counts as
 * busy until it is used or given back); otherwise, and where the process has no running worker
 * (ROLE=web), the job is inserted pending and the workers are woken as before.
 */
import type { JobsTable } from '../store/schema.js';

/** A worker slot held for one job about to be inserted; exactly one of run / giveBack ends it. */
export interface SlotReservation {
  /** The job's locked_by: a claim token of the reserving worker. */
  token: string;
  /** The job's locked_until: now + the worker's lease. */
  lockedUntil: number;
  /**
   * The row, leased under `token`, committed: the worker runs it in the reserved slot, with what the
   * write already read for it (`prefetched`, ClaimedJob), if anything.
   */
  run(row: JobsTable, prefetched?: unknown): void;
  /** Nothing to run (the write rolled back, or inserted no job): the slot is free again. */
  giveBack(): void;
}

/** What the worker offers writers in its process (JobWorker.reserveSlot). */
export interface ReservesSlots {
  /** A free slot held for one job, or null (none free, or the worker is not running). */
  reserveSlot(): SlotReservation | null;
}

/**
 * One write's offer of its due job to the local worker. The write asks `take()` while it plans the
 * job's row (at most one reservation per write), then reports what became of it: `handOver` once
 * the insert committed, `notInserted` when its statement inserted nothing (a retried webhook's
 * unique-key conflict). `close()` after the write in all cases (a `finally`): it gives back a slot
 * neither handed over nor given back yet, so a rollback or a thrown error never keeps one.
 */
export class JobHandoff {
  private reservation: SlotReservation | null = null;
  private taken = false;
  /** A job was handed to the worker: it needs no wake-up, it is running. */
  handedOver = false;

  constructor(private readonly worker: ReservesSlots | null) {}

  /** A slot for the due job about to be written, or null: insert it pending as usual. */
  take(): SlotReservation | null {
    if (this.taken || !this.worker) return null;
    this.taken = true;
    this.reservation = this.worker.reserveSlot();
    return this.reservation;
  }

  /** The write that inserted `row` (leased under the reservation's token) committed; `prefetched`: see ClaimedJob. */
  handOver(row: JobsTable, prefetched?: unknown): void {
    const r = this.reservation;
    if (!r) return;
    this.reservation = null;
    this.handedOver = true;
    r.run(row, prefetched);
  }

  /** The write ran but inserted no job: the slot goes back now. */
  notInserted(): void {
    this.close();
  }

  /** After the write, whatever happened: a slot not handed over goes back. */
  close(): void {
    const r = this.reservation;
    this.reservation = null;
    r?.giveBack();
  }
}
