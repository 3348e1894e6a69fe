/**
 * A job's INSERT as one part of a larger statement (on PostgreSQL, a data-modifying CTE), for a
 * write that must queue its job in the same statement rather than in a transaction around several:
 * the row is enqueueJob's (pending and unclaimed, or leased to this process's worker when it is
 * handed over (job-handoff.ts); the definition's attempts; idempotent on the unique key), and it is
 * inserted only when `condition` holds — typically "the CTE that made the change
 * asking for the job returned a row", so the job exists exactly when that change was made.
 *
 * The caller learns from the CTE's `returning id` whether a job was created, and wakes the workers
 * after the statement (what hasEnqueued tells a transaction's caller).
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { newId } from '../store/ids.js';
import type { JobsTable } from '../store/schema.js';
import { parseJobPayload, type JobDefinition } from './job-definition.js';

/** The values of one job row (or, inside a prepared query's build, its placeholders). */
export interface JobInsertValues {
  jobId: string;
  workspaceId: string | null;
  uniqueKey: string;
  /** The payload as JSON, checked against the definition's schema. */
  payload: string;
  runAt: number;
  now: number;
  /** Leased to this process's worker (a handoff's reservation): its claim token and lease end; else null. */
  lockedBy: string | null;
  lockedUntil: number | null;
}

export function jobInsertValues<S extends z.ZodType<Record<string, unknown>>>(
  def: JobDefinition<S>,
  payload: z.input<S>,
  now: number,
  opts: { workspaceId: string | null; uniqueKey: string; runAt: number; lease?: { token: string; lockedUntil: number } | null },
): JobInsertValues {
  return {
    jobId: newId('job', now),
    workspaceId: opts.workspaceId,
    uniqueKey: opts.uniqueKey,
    payload: JSON.stringify(parseJobPayload(def, payload)),
    runAt: opts.runAt,
    now,
    lockedBy: opts.lease?.token ?? null,
    lockedUntil: opts.lease?.lockedUntil ?? null,
  };
}

/** The row insertJobWhere inserts with `v`, as the worker reads it (for a job handed over to it). */
export function insertedJobRow(def: Pick<JobDefinition, 'name' | 'maxAttempts' | 'urgent'>, v: JobInsertValues): JobsTable {
  const leased = v.lockedBy !== null;
  return {
    id: v.jobId,
    workspace_id: v.workspaceId,
    kind: def.name,
    unique_key: v.uniqueKey,
    payload: v.payload,
    status: leased ? 'running' : 'pending',
    attempts: leased ? 1 : 0,
    max_attempts: def.maxAttempts,
    run_at: v.runAt,
    locked_by: v.lockedBy,
    locked_until: v.lockedUntil,
    last_error: null,
    nudged_run_at: null,
    created_at: v.now,
    updated_at: v.now,
    urgent: urgentColumn(def),
  };
}

/**
 * A job queued by a statement is as urgent as its kind (JobDefinition.urgent), never inherited or
 * told otherwise: the statement is prepared once per kind, with its urgency a literal of its text.
 * Only for kinds whose jobs are all alike (the text-back's); others go through enqueue.
 */
function urgentColumn(def: Pick<JobDefinition, 'urgent'>): 0 | 1 {
  return def.urgent ? 1 : 0;
}

/** The INSERT of a `def` job with `v`, only when `condition` holds; returns the id it inserted. */
export function insertJobWhere(def: Pick<JobDefinition, 'name' | 'maxAttempts' | 'urgent'>, v: JobInsertValues, condition: Expression<SqlBool>): RawBuilder<unknown> {
  // Casts: a parameter that is only tested (`is null` in the CASEs) has no column to take its type
  // from, and PostgreSQL must know every parameter's type; the others are cast alike for clarity.
  return sql`insert into jobs (id, workspace_id, kind, unique_key, payload, status, attempts, max_attempts, run_at,
                    locked_by, locked_until, last_error, nudged_run_at, created_at, updated_at, urgent)
    select cast(${v.jobId} as text), cast(${v.workspaceId} as text), cast(${def.name} as text), cast(${v.uniqueKey} as text), ${v.payload},
           case when cast(${v.lockedBy} as text) is null then 'pending' else 'running' end,
           case when cast(${v.lockedBy} as text) is null then 0 else 1 end,
           cast(${def.maxAttempts} as integer), cast(${v.runAt} as bigint),
           cast(${v.lockedBy} as text), cast(${v.lockedUntil} as bigint), null, null, cast(${v.now} as bigint), cast(${v.now} as bigint),
           ${sql.lit(urgentColumn(def))}
    where ${condition}
    on conflict (unique_key) do nothing
    returning id`;
}
