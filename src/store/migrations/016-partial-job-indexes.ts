/**
 * The job queue's indexes hold only the rows each one is for. The three indexes on `jobs` were
 * (status, run_at), (status, locked_until) and (status, updated_at) over every row, so each claim
 * and each finish (a status change) rewrote an entry in all three, and a week of finished jobs sat
 * in the claim's indexes as well. Each is now partial, on the one column it orders by:
 * - `jobs_pending_due`: pending jobs by run_at (the claim's due jobs);
 * - `jobs_running_lease`: running jobs by locked_until (the claim's expired leases);
 * - `jobs_finished_at`: done and dead jobs by updated_at (pruning).
 * A claim now moves one entry from the first to the second, a finish one from the second to the
 * third: two index writes each where there were six, and smaller pages to commit. A query uses a
 * partial index only when its WHERE names the status as a literal (SQLite decides when it compiles
 * the statement, before any value is bound): the worker's claim, idle look-ahead and pruning do.
 * Both SQLite and PostgreSQL have partial indexes with this syntax.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_due').ifExists().execute();
  await db.schema.dropIndex('jobs_lease').ifExists().execute();
  await db.schema.dropIndex('jobs_finished').ifExists().execute();
  await db.schema.createIndex('jobs_pending_due').on('jobs').column('run_at').where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('jobs_running_lease').on('jobs').column('locked_until').where(sql.ref('status'), '=', 'running').execute();
  await db.schema
    .createIndex('jobs_finished_at')
    .on('jobs')
    .column('updated_at')
    .where(sql<boolean>`status in ('done', 'dead')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_finished_at').ifExists().execute();
  await db.schema.dropIndex('jobs_running_lease').ifExists().execute();
  await db.schema.dropIndex('jobs_pending_due').ifExists().execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_lease').on('jobs').columns(['status', 'locked_until']).execute();
  await db.schema.createIndex('jobs_finished').on('jobs').columns(['status', 'updated_at']).execute();
}
