/**
 * Indexes for pruning on a schedule: finished jobs by when they finished, events by age, and the
 * workflow runs that still read an event (so an event a waiting run needs is kept).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('jobs_finished').on('jobs').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('events_created').on('events').column('created_at').execute();
  await db.schema.createIndex('workflow_runs_event').on('workflow_runs').columns(['event_id', 'finished_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('workflow_runs_event').execute();
  await db.schema.dropIndex('events_created').execute();
  await db.schema.dropIndex('jobs_finished').execute();
}
