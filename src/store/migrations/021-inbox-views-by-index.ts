/**
 * The inbox's views read an index each, not every open conversation of the business.
 *
 * The "handled by the AI" view asked, for every open conversation, whether any of its messages was
 * the agent's (a lookup in messages per conversation); "needs reply" walked the open conversations
 * newest first until it had a page of those waiting. At a business with 100,000 conversations that
 * was 0.2–0.4 s and 50–70 ms per page or count on SQLite, where nothing else is answered meanwhile
 * (docs/performance.md, round 23).
 *
 * - `conversations.last_agent_at`: when the agent last answered here (set with each of its texts,
 *   services/conversation-state.ts markAnswered), filled in from the messages for existing rows.
 * - Two partial indexes in the inbox's order (business, status, newest first), holding only the
 *   conversations each view can show: waiting for a reply; answered by the agent and by no person.
 *   A missed call's new conversation enters neither, so the missed-call path writes no more index
 *   entries than before.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('last_agent_at', 'bigint').execute();
  await sql`update conversations
    set last_agent_at = (select max(m.created_at) from messages m where m.conversation_id = conversations.id and m.author = 'agent')
    where exists (select 1 from messages m where m.conversation_id = conversations.id and m.author = 'agent')`.execute(db);
  await db.schema
    .createIndex('conversations_needs_reply')
    .on('conversations')
    .columns(['workspace_id', 'status', 'last_message_at'])
    .where(sql.ref('needs_reply_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('conversations_ai_handled')
    .on('conversations')
    .columns(['workspace_id', 'status', 'last_message_at'])
    .where((eb) => eb.and([eb(sql.ref('last_agent_at'), 'is not', null), eb(sql.ref('last_human_at'), 'is', null)]))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('conversations_ai_handled').ifExists().execute();
  await db.schema.dropIndex('conversations_needs_reply').ifExists().execute();
  await db.schema.alterTable('conversations').dropColumn('last_agent_at').execute();
}
