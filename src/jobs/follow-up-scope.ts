/**
 * The running job's follow-up scope, carried by the database handle the job works through.
 *
 * The worker hands each job a handle of its own: the store's jobDb with a FollowUpScope plugin that
 * holds the job's FollowUps. Kysely copies an executor's plugins into every transaction, connection
 * and builder made from it, so enqueueJob (job-queue.ts) finds the scope from whatever it was given
 * — the job's db or a transaction of it — and a webhook's db, which carries none, finds none. The
 * plugin changes no query and no result; it is only a label.
 *
 * This was an AsyncLocalStorage set around the handler; on Node 20 any AsyncLocalStorage in use
 * turns on async_hooks' promise hooks for every promise of the process (~4% of its CPU, see
 * docs/performance.md), and an explicit handle says in the code which writes are the job's.
 */
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { JobsTable, Database } from '../store/schema.js';
import type { Executor } from './job-queue.js';

/**
 * Jobs a running job enqueued that are due at once (its follow-ups: the text-back's send). The
 * worker runs what it collects right after the job, in the same slot, instead of leaving it to the
 * next claim behind every older due job. Only ids are collected: a follow-up whose transaction
 * rolled back is simply not found when claimed.
 */
export interface FollowUps {
  /** Due jobs this job enqueued as pending: the worker claims them by id. */
  ids: string[];
  /** Due jobs this job enqueued already claimed for this worker (see `preclaim`), once committed. */
  claimed: JobsTable[];
  /** The handler asked to wake workers (after enqueueing, or after moving a job earlier). */
  wake: boolean;
  /** It moved a job earlier (advanceJob): only a real wake-up reaches that one. */
  advanced: boolean;
  /**
   * Set while the worker will run this job's follow-ups itself: a due follow-up is then inserted
   * `running`, leased to this worker under the running job's claim token (plus a suffix), so it
   * needs no claim statement. `left` is how many more it takes (the rest stay pending).
   */
  preclaim?: { token: string; lockedUntil: number; left: number };
  /**
   * The running job, for finishJobInTransaction (fenced by its claim token); `urgent` is whether
   * someone waits on it, which a job it queues inherits unless told otherwise (job-queue.ts).
   */
  job?: { id: string; token: string; urgent: boolean };
  /**
   * The job's lease as this worker last knew it held: `until` is the `locked_until` its claim or its
   * latest heartbeat wrote (0 once a heartbeat found the job no longer this worker's), `ms` the
   * lease's length. What leaseHeld reads before a send that must not happen twice.
   */
  lease?: { until: number; ms: number };
  /** The handler's transaction marked the job done, and committed: the worker has nothing to record. */
  finished: boolean;
  /**
   * Set by the worker for a job that may give its slot back while it waits on another server
   * (waitOffSlot): runs the request with the slot free for another job, or in the slot when the
   * worker allows no more such waits.
   */
  offSlot?: WaitOffSlot;
}

/** Runs a request to another server, with the running job's slot free meanwhile where the worker allows it. */
export type WaitOffSlot = <T>(request: () => Promise<T>) => Promise<T>;

/** A Kysely plugin that only carries a job's FollowUps along with its handle (and its transactions). */
class FollowUpScope implements KyselyPlugin {
  constructor(readonly followUps: FollowUps) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** `db` (the worker's jobDb) as the running job's handle: what is enqueued through it is the job's. */
export function withFollowUps(db: Kysely<Database>, followUps: FollowUps): Kysely<Database> {
  return db.withPlugin(new FollowUpScope(followUps));
}

/** The follow-up scope of the job whose handle (or transaction of it) `db` is; undefined outside a job. */
export function followUpsOf(db: Executor): FollowUps | undefined {
  for (const plugin of db.getExecutor().plugins) if (plugin instanceof FollowUpScope) return plugin.followUps;
  return undefined;
}

/**
 * Runs `request`, a call to another server (a carrier's API, a model vendor's, an SMTP server, a
 * workflow's receiver), for the running job whose handle `db` is. The job's worker slot is free
 * for another job while that server takes its time (~100–300 ms for Twilio's API, seconds for a
 * model), where the worker allows it (jobs/job-worker.ts): a slot is for the job's own work (its
 * database statements, its CPU), not for a wait on someone else's server. Outside a job it simply
 * runs.
 */
export function waitOffSlot<T>(db: Executor, request: () => Promise<T>): Promise<T> {
  const offSlot = followUpsOf(db)?.offSlot;
  return offSlot ? offSlot(request) : request();
}

/** How long before its lease ends a job stops starting what another worker must not repeat. */
export const LEASE_MARGIN_MS = 5_000;

/**
 * Whether the running job whose handle `db` is still holds its lease, with a margin, at `now`.
 * False once the lease is about to end or has ended (a worker that stalled past it: a frozen VM, a
 * blocked event loop, a long GC pause) or a heartbeat found the job taken: another worker may have
 * claimed the job and be doing the same work, so this one must not start a step that cannot be
 * undone (a text handed to the carrier). True outside a job: nothing can take the work over.
 * The margin (a quarter of a short lease) covers the step's start and the clocks of other hosts,
 * which judge the lease by their own time.
 */
export function leaseHeld(db: Executor, now: number): boolean {
  const lease = followUpsOf(db)?.lease;
  if (!lease) return true;
  return now + Math.min(LEASE_MARGIN_MS, lease.ms / 4) < lease.until;
}
