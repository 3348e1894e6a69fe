/**
 * Urgency becomes a column of the job, set when it is queued, instead of a list of kinds written
 * into the indexes (migration 018). A kind cannot say whether someone is waiting: `message.send`
 * carries a staff member's reply to a lead, the agent's answer and an opt-out confirmation, and also
 * each welcome text of a contact import's workflow. Under 018 every `message.send` was bulk, so a
 * reply waited behind another business's thousands of welcome texts.
 *
 * `urgent` is 1 for a job someone is waiting on (jobs/job-definition.ts says which kinds always are;
 * services/outbound-messages.ts which texts are). The two partial indexes of pending jobs are
 * rebuilt on it, each still by run_at. Jobs already queued keep their place: the kinds 018 listed
 * are marked urgent, every other queued job stays bulk, as it was.
 */
import { sql, type Kysely } from 'kysely';
import { URGENT_KINDS as URGENT_KINDS_OF_018, up as buildIndexesOf018 } from './018-urgent-jobs-first.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Not null with a default: a row written by an older process during a rolling upgrade is bulk.
  await db.schema.alterTable('jobs').addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.dropIndex('jobs_pending_urgent').ifExists().execute();
  await db.schema.dropIndex('jobs_pending_other').ifExists().execute();
  await db.schema.createIndex('jobs_pending_urgent').on('jobs').column('run_at').where(sql<boolean>`status = 'pending' and urgent = 1`).execute();
  await db.schema.createIndex('jobs_pending_other').on('jobs').column('run_at').where(sql<boolean>`status = 'pending' and urgent = 0`).execute();
  // After the indexes, not before: on PostgreSQL an update of a column no index names yet is HOT,
  // and an index built over those rows' chains is marked usable only by transactions that start
  // after it (pg_index.indcheckxmin), so queries already running would plan without it.
  await sql`update jobs set urgent = 1 where status in ('pending', 'running') and kind in ${URGENT_KINDS_OF_018}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_pending_other').ifExists().execute();
  await db.schema.dropIndex('jobs_pending_urgent').ifExists().execute();
  await db.schema.alterTable('jobs').dropColumn('urgent').execute();
  await buildIndexesOf018(db);
}
