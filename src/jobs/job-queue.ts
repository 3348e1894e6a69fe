/**
 * The jobs table as a transactional outbox: callers enqueue inside their own transaction, so a job
 * exists exactly when the change that asked for it committed. An optional unique key makes the
 * enqueue idempotent: the second insert with the same key does nothing, forever.
 */
import { PostgresAdapter, sql, type Expression, type InsertQueryNode, type Kysely, type QueryCreator, type SqlBool, type Transaction } from 'kysely';
import { afterCommitOf } from '../store/database.js';
import { preparedQuery } from '../store/prepared-query.js';
import { newId } from '../store/ids.js';
import { followUpsOf, type FollowUps } from './follow-up-scope.js';
import type { JobHandoff } from './job-handoff.js';
import type { Database, JobsTable } from '../store/schema.js';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface EnqueueOptions {
  kind: string;
  payload: Record<string, unknown>;
  workspaceId?: string | null;
  /** At most one job ever exists per key. */
  uniqueKey?: string;
  /** Epoch ms; defaults to now. */
  runAt?: number;
  maxAttempts?: number;
  /**
   * Someone is waiting on this job right now: claimed before every job that is not (job-worker.ts).
   * Unset, a job queued by a running job is as urgent as that job (the workflow a missed call
   * started, step by step, down to its text), and any other is not. `enqueue` sets it for the kinds
   * that are always urgent (JobDefinition.urgent).
   */
  urgent?: boolean;
  /** Attempts already spent elsewhere (a send tried inline before it became a job) and the last one's error. */
  attemptsSpent?: number;
  lastError?: string;
  /**
   * Enqueue only if this condition holds, checked in the same statement (INSERT … SELECT … WHERE):
   * "no one listens, no job" without an extra round trip.
   */
  onlyIf?: Expression<SqlBool>;
  /**
   * A row written with the job, whether or not the job itself is inserted (onlyIf, unique key): a
   * domain event with its dispatch job. Where the database can (PostgreSQL: a data-modifying CTE of
   * the job's own INSERT) both take one statement, else it runs as its own statement just before.
   */
  alongside?: { execute(): Promise<unknown>; toOperationNode(): InsertQueryNode };
  /**
   * Outside a job: this process's worker, offered the job if it is due and a slot is free
   * (job-handoff.ts). It then goes in `running`, leased to that worker, which runs it once the
   * write committed, without a claim. The caller closes the handoff after its write.
   */
  handoff?: JobHandoff;
}

/** Whether `db` writes an INSERT inside another's CTE (PostgreSQL); SQLite has no such CTE. */
function writesAlongsideInOneStatement(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Whether a job is queued urgent (0 or 1): as the caller says, else as the running job whose scope queues it. */
function urgencyOf(scope: FollowUps | undefined, opts: Pick<EnqueueOptions, 'urgent'>): 0 | 1 {
  return (opts.urgent ?? scope?.job?.urgent ?? false) ? 1 : 0;
}

/** Executors (a transaction, or the database itself) through which a job was enqueued. */
const enqueuedThrough = new WeakSet<Executor>();

/**
 * Whether a job was enqueued through `db` (a transaction): after it commits, wake the workers only
 * then, so a webhook that queued nothing costs no claim (and on PostgreSQL no NOTIFY).
 */
export function hasEnqueued(db: Executor): boolean {
  return enqueuedThrough.has(db);
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Marks the running job done inside the handler's own (last) transaction, so the work and the
 * job's completion commit together: one write and one commit fewer per job, and no window in which
 * the work is committed but the job still counts as running (a crash there used to mean running the
 * handler again). Fenced by the claim token like the worker's own finish. Outside a job, or outside
 * a transaction, it does nothing and the worker records the result as usual.
 */
export async function finishJobInTransaction(trx: Executor, now: number): Promise<void> {
  const scope = followUpsOf(trx);
  if (!scope?.job || !trx.isTransaction) return;
  const onCommit = await afterCommitOf(trx);
  if (!onCommit) return;
  await finishJobDone(trx, { id: scope.job.id, token: scope.job.token, now });
  onCommit(() => {
    scope.finished = true;
  });
}

const insertJob = preparedQuery((db, p: JobsTable) =>
  db
    .insertInto('jobs')
    .values({
      id: p.id,
      workspace_id: p.workspace_id,
      kind: p.kind,
      unique_key: p.unique_key,
      payload: p.payload,
      status: p.status,
      attempts: p.attempts,
      max_attempts: p.max_attempts,
      run_at: p.run_at,
      locked_by: p.locked_by,
      locked_until: p.locked_until,
      last_error: p.last_error,
      nudged_run_at: p.nudged_run_at,
      created_at: p.created_at,
      updated_at: p.updated_at,
      urgent: p.urgent,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing()),
);

/** The UPDATE that marks a job done, fenced by its claim token (a null id matches nothing). */
export function finishJobUpdate(db: QueryCreator<Database>, p: { id: string | null; token: string | null; now: number }) {
  return db
    .updateTable('jobs')
    .set({ status: 'done', last_error: null, locked_by: null, locked_until: null, nudged_run_at: null, updated_at: p.now })
    .where('id', '=', p.id)
    .where('locked_by', '=', p.token);
}

/** Marks a job done, fenced by its claim token (the worker's own finish, or the handler's transaction). */
export const finishJobDone = preparedQuery((db, p: { id: string; token: string; now: number }) => finishJobUpdate(db, p));

/**
 * For a handler whose last write is one statement rather than a transaction (on PostgreSQL, several
 * updates as data-modifying CTEs of one statement, atomic like a transaction): the running job to
 * mark done in that same statement with finishJobUpdate, and `finished()` to call once it
 * succeeded, so the worker records nothing more. Null when `db` is not a running job's handle:
 * then the worker finishes it.
 */
export function runningJobToFinishInStatement(db: Executor): { id: string; token: string; finished(): void } | null {
  const scope = followUpsOf(db);
  if (!scope?.job) return null;
  return {
    ...scope.job,
    finished: () => {
      scope.finished = true;
    },
  };
}

/** Inserts a job; returns its id and whether this call created it (false: the key existed). */
export async function enqueueJob(
  db: Executor,
  now: number,
  opts: EnqueueOptions,
): Promise<{ id: string | null; created: boolean }> {
  const id = newId('job', now);
  if (opts.alongside) {
    if (writesAlongsideInOneStatement(db)) return enqueueJobIf(db, now, id, opts, opts.onlyIf ?? sql<SqlBool>`true`, opts.alongside);
    await opts.alongside.execute();
  }
  if (opts.onlyIf) return enqueueJobIf(db, now, id, opts, opts.onlyIf);
  const planned = await planJobInsert(db, now, opts, id);
  const result = await insertJob(db, planned.row);
  const created = Number(result.numAffectedRows ?? 0) > 0;
  planned.inserted(created);
  return { id: created ? id : null, created };
}

/** A job row ready to insert, and the bookkeeping to do once the insert ran (see planJobInsert). */
export interface PlannedJob {
  row: JobsTable;
  /**
   * The statement that inserts `row` succeeded; `created` says whether it inserted it (false: the
   * unique key existed, or the statement's own condition left it out). A follow-up leased to this
   * worker reaches the chain once the write commits (at once outside a transaction).
   */
  inserted(created: boolean): void;
  /** The statement failed: the lease it would have taken goes back (nothing reaches the chain). */
  failed(): void;
}

/**
 * The row enqueueJob inserts, for a caller that writes it inside a statement of its own (on
 * PostgreSQL, a data-modifying CTE of a larger statement: the text-back's queueing), with the
 * follow-up bookkeeping enqueueJob does around its INSERT: a due follow-up of a running job goes in
 * already leased to this worker while the chain has room (`preclaim`), else its id is collected for
 * the chain to claim; the executor is remembered for hasEnqueued. The caller must call exactly one
 * of `inserted` or `failed` once its statement ran.
 */
export async function planJobInsert(
  db: Executor,
  now: number,
  opts: Pick<EnqueueOptions, 'kind' | 'payload' | 'workspaceId' | 'uniqueKey' | 'runAt' | 'maxAttempts' | 'urgent' | 'attemptsSpent' | 'lastError' | 'handoff'>,
  id: string = newId('job', now),
): Promise<PlannedJob> {
  const runAt = opts.runAt ?? now;
  const scope = followUpsOf(db);
  const due = runAt <= now;
  // A due follow-up the worker will run itself goes in already leased to it (no claim to come),
  // but only where the worker can learn that it committed.
  const preclaim = due && scope?.preclaim && scope.preclaim.left > 0 ? scope.preclaim : undefined;
  const onCommit = preclaim ? await afterCommitOf(db) : undefined;
  const lease = preclaim && onCommit ? preclaim : undefined;
  if (lease) lease.left--;
  // Outside a job, a due job offered to this process's worker goes in leased to it the same way
  // (job-handoff.ts), again only where the worker can learn that it committed.
  const handoff = !scope && due ? opts.handoff : undefined;
  const handoffCommit = handoff ? await afterCommitOf(db) : undefined;
  const slot = handoff && handoffCommit ? handoff.take() : null;
  const claim = lease ? { token: `${lease.token}.${lease.left}`, lockedUntil: lease.lockedUntil } : slot;
  const row: JobsTable = {
    id,
    workspace_id: opts.workspaceId ?? null,
    kind: opts.kind,
    unique_key: opts.uniqueKey ?? null,
    payload: JSON.stringify(opts.payload),
    status: claim ? 'running' : 'pending',
    attempts: (opts.attemptsSpent ?? 0) + (claim ? 1 : 0),
    max_attempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    run_at: runAt,
    locked_by: claim ? claim.token : null,
    locked_until: claim ? claim.lockedUntil : null,
    last_error: opts.lastError ?? null,
    nudged_run_at: null,
    created_at: now,
    updated_at: now,
    urgent: urgencyOf(scope, opts),
  };
  let settled = false;
  return {
    row,
    inserted(created) {
      if (settled) return;
      settled = true;
      // A job handed to the local worker is running once committed: no worker needs waking for it.
      if (created && !slot) enqueuedThrough.add(db);
      if (slot) {
        if (created) handoffCommit!(() => handoff!.handOver(row));
        else handoff!.notInserted();
      } else if (lease && onCommit) {
        if (created) onCommit(() => scope!.claimed.push(row));
        else lease.left++;
      } else if (created && due) scope?.ids.push(id);
    },
    failed() {
      if (settled) return;
      settled = true;
      if (lease) lease.left++;
      if (slot) handoff!.notInserted();
    },
  };
}

async function enqueueJobIf(
  db: Executor,
  now: number,
  id: string,
  opts: EnqueueOptions,
  condition: Expression<SqlBool>,
  alongside?: EnqueueOptions['alongside'],
): Promise<{ id: string | null; created: boolean }> {
  const runAt = opts.runAt ?? now;
  const scope = followUpsOf(db);
  // Casts: PostgreSQL cannot infer a parameter's type from a bare SELECT list.
  const result = await sql`${alongside ? sql`with alongside as (${alongside})` : sql``}
    insert into jobs (id, workspace_id, kind, unique_key, payload, status, attempts, max_attempts, run_at,
                      locked_by, locked_until, last_error, nudged_run_at, created_at, updated_at, urgent)
    select ${id}, ${opts.workspaceId ?? null}, ${opts.kind}, ${opts.uniqueKey ?? null}, ${JSON.stringify(opts.payload)},
           'pending', 0, cast(${opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS} as integer), cast(${runAt} as bigint),
           null, null, null, null, cast(${now} as bigint), cast(${now} as bigint), cast(${urgencyOf(scope, opts)} as integer)
    where ${condition}
    on conflict (unique_key) do nothing`.execute(db);
  const created = Number(result.numAffectedRows ?? 0) > 0;
  if (created) enqueuedThrough.add(db);
  if (created && runAt <= now) scope?.ids.push(id);
  return { id: created ? id : null, created };
}

/**
 * Moves a job (by unique key) earlier, e.g. to wake a text-back that waits for the call to end.
 * A pending job is never moved later. A running job is nudged: if its handler then defers, the
 * worker keeps the earlier time (see JobWorker), so a wake-up that lands while the handler is
 * deciding to wait is not lost. Finished jobs are left alone.
 */
export async function advanceJob(db: Executor, uniqueKey: string, runAt: number, now: number): Promise<void> {
  const scope = followUpsOf(db);
  if (scope) scope.advanced = true;
  // One statement, so it cannot fall between a worker's read and write of the same row.
  await db
    .updateTable('jobs')
    .set({
      run_at: sql<number>`case when status = 'pending' and run_at > ${runAt} then ${runAt} else run_at end`,
      nudged_run_at: sql<number>`case when status = 'running' then ${runAt} else nudged_run_at end`,
      updated_at: now,
    })
    .where('unique_key', '=', uniqueKey)
    .where('status', 'in', ['pending', 'running'])
    .execute();
}
