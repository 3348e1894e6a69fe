/**
 * Sign-in attempts are reserved before the password check (services/login-rate-limit.ts): each
 * reservation's rows carry the attempt's id, so a successful sign-in can take back exactly its own
 * rows. Rows from before this migration have none and simply count as the failures they were.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_failures').addColumn('attempt_id', 'text').execute();
  await db.schema.createIndex('login_failures_attempt').on('login_failures').column('attempt_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('login_failures_attempt').execute();
  await db.schema.alterTable('login_failures').dropColumn('attempt_id').execute();
}
