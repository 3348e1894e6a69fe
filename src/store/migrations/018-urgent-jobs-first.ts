/**
 * Jobs someone is waiting on right now (a missed call's text-back, a call's settlement, an inbound
 * text, the agent's reply) are claimed before the rest, so another business's bulk work (a contact
 * import whose workflow texts every contact, a knowledge import) cannot hold a text-back behind
 * thousands of queued jobs (jobs/job-worker.ts). The index of pending jobs is split in two, each by
 * run_at: `jobs_pending_urgent` holds the pending jobs of those kinds, `jobs_pending_other` every
 * other pending job. Two indexes rather than one beside the old `jobs_pending_due`: the claim's
 * look-up of the other jobs would otherwise walk past every urgent job in that index (a backlog of
 * text-backs, in a burst) to find none, and each pending job would be written into two indexes.
 *
 * The kinds are written out here, not imported, so this migration stays what it was when it ran;
 * the queries' conditions had to be the same literal list for either database to choose these
 * indexes. Migration 019 replaced the list with a column of the job (`urgent`), and these indexes
 * with two on it.
 */
import { sql, type Kysely } from 'kysely';

/** The kinds this migration made urgent (019 marks their queued jobs when it replaces the list). */
export const URGENT_KINDS = sql.raw(`('textback.send', 'call.settle', 'message.received', 'agent.reply')`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_pending_due').ifExists().execute();
  await db.schema.createIndex('jobs_pending_urgent').on('jobs').column('run_at').where(sql<boolean>`status = 'pending' and kind in ${URGENT_KINDS}`).execute();
  await db.schema.createIndex('jobs_pending_other').on('jobs').column('run_at').where(sql<boolean>`status = 'pending' and kind not in ${URGENT_KINDS}`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_pending_other').ifExists().execute();
  await db.schema.dropIndex('jobs_pending_urgent').ifExists().execute();
  await db.schema.createIndex('jobs_pending_due').on('jobs').column('run_at').where(sql.ref('status'), '=', 'pending').execute();
}
