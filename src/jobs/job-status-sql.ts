/**
 * Job statuses as SQL literals, for every query that should use the jobs table's partial indexes
 * (migration 016: pending by run_at, running by locked_until, done and dead by updated_at). SQLite
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
