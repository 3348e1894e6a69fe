/**
 * Practice traffic: the phone simulator may play a call or a text to any of the workspace's numbers,
 * not only sandbox ones (services/sandbox-phone.ts). What such a practice call or text creates is
 * marked, so that its texts are recorded by the sandbox instead of reaching the number's real
 * carrier, the overview's figures leave it out, and clearing the simulator's history removes it:
 * - `contacts.practice`: the simulator's phone (a fictional 555-01XX number), the root of the rest;
 * - `calls.practice`, `conversations.practice`, `messages.practice`: copied from it when written
 *   (a staff notification about a practice conversation is a practice message too).
 * Flags are 0/1 like every other (ADR 002). The partial indexes hold only practice rows (none in
 * most installations) for clearing them.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = ['contacts', 'calls', 'conversations', 'messages'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('practice', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex(`${table}_practice`).on(table).column('workspace_id').where(sql.ref('practice'), '=', 1).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.dropIndex(`${table}_practice`).ifExists().execute();
    await db.schema.alterTable(table).dropColumn('practice').execute();
  }
}
