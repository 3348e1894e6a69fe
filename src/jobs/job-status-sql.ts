/**
 * Job statuses (and urgent kinds) as SQL literals, for every query that should use the jobs table's
 * partial indexes (migration 016: running by locked_until, done and dead by updated_at; migration
 * 018: pending by run_at, urgent kinds and the rest apart). SQLite
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
 * The kinds of job a person is waiting on right now: a missed call's text-back, the settlement that
 * decides it, an inbound text, the agent's reply to it. The claim takes due jobs of these kinds
 * before any other (jobs/job-worker.ts), so a backlog of bulk work (another business's import and
 * the welcome texts its workflow queues) never holds a text-back. Written as literals, the same list
 * as the partial indexes jobs_pending_urgent and jobs_pending_other (migration 018): a kind added
 * here needs a migration that rebuilds both with it, or the queries stop using them.
 */
export const URGENT_KINDS = ['textback.send', 'call.settle', 'message.received', 'agent.reply'] as const;

const urgentKindList = sql.join(URGENT_KINDS.map((k) => sql.lit(k)));

/** A job of an urgent kind, as jobs_pending_urgent's condition names it (with the pending status). */
export const URGENT_KIND = sql<boolean>`kind in (${urgentKindList})`;

/** A job of any other kind, as jobs_pending_other's condition names it (with the pending status). */
export const NOT_URGENT_KIND = sql<boolean>`kind not in (${urgentKindList})`;
