/**
 * A job's INSERT as one part of a larger statement (on PostgreSQL, a data-modifying CTE), for a
 * write that must queue its job in the same statement rather than in a transaction around several:
 * the row is enqueueJob's (pending, unclaimed, the definition's attempts, idempotent on the unique
 * key), and it is inserted only when `condition` holds — typically "the CTE that made the change
 * asking for the job returned a row", so the job exists exactly when that change was made.
 *
 * The caller learns from the CTE's `returning id` whether a job was created, and wakes the workers
 * after the statement (what hasEnqueued tells a transaction's caller).
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { newId } from '../store/ids.js';
import { parseJobPayload, type JobDefinition } from './job-definition.js';

export function insertJobWhere<S extends z.ZodType<Record<string, unknown>>>(
  now: number,
  def: JobDefinition<S>,
  payload: z.input<S>,
  opts: { workspaceId: string | null; uniqueKey: string; runAt: number },
  condition: Expression<SqlBool>,
): RawBuilder<unknown> {
  const parsed = parseJobPayload(def, payload);
  // Casts: PostgreSQL cannot infer a parameter's type from a bare SELECT list.
  return sql`insert into jobs (id, workspace_id, kind, unique_key, payload, status, attempts, max_attempts, run_at,
                    locked_by, locked_until, last_error, nudged_run_at, created_at, updated_at)
    select ${newId('job', now)}, cast(${opts.workspaceId} as text), ${def.name}, ${opts.uniqueKey}, ${JSON.stringify(parsed)},
           'pending', 0, cast(${def.maxAttempts} as integer), cast(${opts.runAt} as bigint),
           null, null, null, null, cast(${now} as bigint), cast(${now} as bigint)
    where ${condition}
    on conflict (unique_key) do nothing
    returning id`;
}
