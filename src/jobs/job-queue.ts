/**
 * The jobs table as a transactional outbox: callers enqueue inside their own transaction, so a job
 * exists exactly when the change that asked for it committed. An optional unique key makes the
 * enqueue idempotent: the second insert with the same key does nothing, forever.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { newId } from '../store/ids.js';
import type { Database } from '../store/schema.js';

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
   * Enqueue only if this condition holds, checked in the same statement (INSERT … SELECT … WHERE):
   * "no one listens, no job" without an extra round trip.
   */
  onlyIf?: Expression<SqlBool>;
  /**
   * PostgreSQL only, with onlyIf: a data-modifying statement (an INSERT) that runs as a CTE of the
   * job's own INSERT, so both take one round trip. It always runs, whether or not the job is
   * inserted (PostgreSQL runs every data-modifying CTE to completion).
   */
  alongside?: RawBuilder<unknown>;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Jobs a running job enqueued that are due at once (its follow-ups: the text-back's send). The
 * worker sets this scope around a handler and runs what it collects right after, in the same slot,
 * instead of leaving it to the next claim behind every older due job. Only ids are collected: a
 * follow-up whose transaction rolled back is simply not found when claimed.
 */
export const followUpScope = new AsyncLocalStorage<FollowUps>();

export interface FollowUps {
  /** Due jobs this job enqueued. */
  ids: string[];
  /** The handler asked to wake workers (after enqueueing, or after moving a job earlier). */
  wake: boolean;
  /** It moved a job earlier (advanceJob): only a real wake-up reaches that one. */
  advanced: boolean;
}

/**
 * For ctx.wakeWorker: inside a running job, a wake-up is deferred to the worker, which runs the
 * job's follow-ups itself and wakes everyone only if something else may be due (more follow-ups
 * than it chains, a job moved earlier). Saves a claim, and on PostgreSQL a NOTIFY, per follow-up.
 * Returns true when deferred.
 */
export function deferWakeToRunningJob(): boolean {
  const scope = followUpScope.getStore();
  if (!scope) return false;
  scope.wake = true;
  return true;
}

/** Inserts a job; returns its id and whether this call created it (false: the key existed). */
export async function enqueueJob(
  db: Executor,
  now: number,
  opts: EnqueueOptions,
): Promise<{ id: string | null; created: boolean }> {
  const id = newId('job', now);
  if (opts.onlyIf) return enqueueJobIf(db, now, id, opts, opts.onlyIf);
  const result = await db
    .insertInto('jobs')
    .values({
      id,
      workspace_id: opts.workspaceId ?? null,
      kind: opts.kind,
      unique_key: opts.uniqueKey ?? null,
      payload: JSON.stringify(opts.payload),
      status: 'pending',
      attempts: 0,
      max_attempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_at: opts.runAt ?? now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      nudged_run_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  const created = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (created && (opts.runAt ?? now) <= now) followUpScope.getStore()?.ids.push(id);
  return { id: created ? id : null, created };
}

async function enqueueJobIf(
  db: Executor,
  now: number,
  id: string,
  opts: EnqueueOptions,
  condition: Expression<SqlBool>,
): Promise<{ id: string | null; created: boolean }> {
  const runAt = opts.runAt ?? now;
  // Casts: PostgreSQL cannot infer a parameter's type from a bare SELECT list.
  const result = await sql`${opts.alongside ? sql`with alongside as (${opts.alongside})` : sql``}
    insert into jobs (id, workspace_id, kind, unique_key, payload, status, attempts, max_attempts, run_at,
                      locked_by, locked_until, last_error, nudged_run_at, created_at, updated_at)
    select ${id}, ${opts.workspaceId ?? null}, ${opts.kind}, ${opts.uniqueKey ?? null}, ${JSON.stringify(opts.payload)},
           'pending', 0, cast(${opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS} as integer), cast(${runAt} as bigint),
           null, null, null, null, cast(${now} as bigint), cast(${now} as bigint)
    where ${condition}
    on conflict (unique_key) do nothing`.execute(db);
  const created = Number(result.numAffectedRows ?? 0) > 0;
  if (created && runAt <= now) followUpScope.getStore()?.ids.push(id);
  return { id: created ? id : null, created };
}

/**
 * Moves a job (by unique key) earlier, e.g. to wake a text-back that waits for the call to end.
 * A pending job is never moved later. A running job is nudged: if its handler then defers, the
 * worker keeps the earlier time (see JobWorker), so a wake-up that lands while the handler is
 * deciding to wait is not lost. Finished jobs are left alone.
 */
export async function advanceJob(db: Executor, uniqueKey: string, runAt: number, now: number): Promise<void> {
  const scope = followUpScope.getStore();
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
