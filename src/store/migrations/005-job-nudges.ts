/**
 * A running job can be nudged (the event it waits for happened while its handler ran); the
 * worker reads this when the handler defers, so the wake-up is not lost.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('nudged_run_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('nudged_run_at').execute();
}
