/**
 * The team inbox: a conversation's state (open / snoozed until a time / closed), who it is assigned
 * to, whether it needs a reply and why (the customer wrote last, or the agent handed off), the AI
 * switched off for it; what each member has read; internal notes; saved replies; per-member
 * notification preferences; contact notes; password reset tokens.
 * Column types mean the same on SQLite and PostgreSQL (see store/schema.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('status', 'text', (c) => c.notNull().defaultTo('open')).execute();
  await db.schema.alterTable('conversations').addColumn('snoozed_until', 'bigint').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('assignee_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // Set when the customer writes (or the agent hands off); cleared by an answer. The reason is in words.
  await db.schema.alterTable('conversations').addColumn('needs_reply_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('needs_reply_reason', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('handoff_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('ai_off', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('conversations').addColumn('ai_off_reason', 'text').execute();
  await db.schema.createIndex('conversations_status').on('conversations').columns(['workspace_id', 'status', 'last_message_at']).execute();

  await db.schema
    .createTable('conversation_reads')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_reads_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('conversation_reads_user').on('conversation_reads').columns(['workspace_id', 'user_id']).execute();

  await db.schema
    .createTable('conversation_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_notes_conversation').on('conversation_notes').columns(['conversation_id', 'created_at']).execute();

  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_replies_workspace').on('saved_replies').columns(['workspace_id', 'title']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** JSON: { email: { inbound, handoff }, browser: { inbound, handoff } }. */
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['workspace_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('contact_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_notes_contact').on('contact_notes').columns(['contact_id', 'created_at']).execute();

  // The invite link's token sealed with SECRET_KEY, so an owner can copy a pending link again.
  await db.schema.alterTable('invites').addColumn('token_sealed', 'text').execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['password_resets', 'contact_notes', 'notification_preferences', 'saved_replies', 'conversation_notes', 'conversation_reads']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('invites').dropColumn('token_sealed').execute();
  await db.schema.dropIndex('conversations_status').execute();
  for (const c of ['ai_off_reason', 'ai_off', 'handoff_at', 'needs_reply_reason', 'needs_reply_at', 'assignee_user_id', 'snoozed_until', 'status']) {
    await db.schema.alterTable('conversations').dropColumn(c).execute();
  }
}
