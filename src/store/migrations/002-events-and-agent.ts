/**
 * Domain events (the workflow triggers, written in the same transaction as the change), the AI
 * agent's settings, knowledge base and turn log.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_workspace_created').on('events').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('agent_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('api_key_ciphertext', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('knowledge_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('knowledge_entries_workspace').on('knowledge_entries').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('knowledge_chunks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('knowledge_entries.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('knowledge_chunks_workspace').on('knowledge_chunks').columns(['workspace_id']).execute();

  await db.schema
    .createTable('agent_turns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    /** The newest inbound message this turn answers: one turn per message, ever. */
    .addColumn('trigger_message_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('passages', 'text', (c) => c.notNull())
    .addColumn('tool_calls', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('reply_message_id', 'text')
    .addColumn('handoff_reason', 'text')
    .addColumn('error', 'text')
    .addColumn('prompt_tokens', 'integer')
    .addColumn('completion_tokens', 'integer')
    .addColumn('latency_ms', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agent_turns_workspace').on('agent_turns').columns(['workspace_id', 'created_at']).execute();
  await db.schema.createIndex('agent_turns_contact').on('agent_turns').columns(['contact_id', 'created_at']).execute();

  // One agent turn per conversation at a time: a lease, like a job's.
  await db.schema.alterTable('conversations').addColumn('agent_locked_until', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('agent_locked_until').execute();
  for (const t of ['agent_turns', 'knowledge_chunks', 'knowledge_entries', 'agent_settings', 'events']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
