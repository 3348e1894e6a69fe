/**
 * Job statuses (and urgency) as SQL literals, for every query that should use the jobs table's
 * partial indexes (migration 016: running by locked_until, done and dead by updated_at; migration
 * 019: pending by run_at, urgent jobs and the rest apart). SQLite
 * picks a partial index when it compiles a statement, before any value is bound, so `status = ?`
 * can never use one: the status must be in the SQL text. Bound statuses elsewhere are fine.
 */
import { sql } from 'kysely';
import type { JobStatus } from '../store/schema.js';

export const PENDING = sql.lit<JobStatus>('pending');
export const RUNNING = sql.lit<JobStatus>('running');
const DONE = sql.lit<JobStatus>('done');
const DEAD = sql.lit<JobStatus>('dead');

/** Finished jobs, as the index of finished jobs (jobs_finished_at) is defined. */
export const FINISHED = sql<boolean>`status in (${DONE}, ${DEAD})`;

/** Every job not done: queued, running, or dead. */
export const NOT_DONE = sql<boolean>`status in (${PENDING}, ${RUNNING}, ${DEAD})`;

/**
 * A job someone is waiting on right now (jobs.urgent, set when it was queued: JobDefinition.urgent,
 * EnqueueOptions.urgent), as jobs_pending_urgent's condition names it (with the pending status,
 * migration 019). The claim takes due urgent jobs before any other (jobs/job-worker.ts), so a
 * backlog of bulk work (another business's import and the welcome texts its workflow queues) never
 * holds a text-back or a reply. A literal: SQLite picks a partial index before any value is bound.
 */
export const URGENT = sql<boolean>`urgent = ${sql.lit(1)}`;

/** Every other job, as jobs_pending_other's condition names it (with the pending status). */
export const NOT_URGENT = sql<boolean>`urgent = ${sql.lit(0)}`;
