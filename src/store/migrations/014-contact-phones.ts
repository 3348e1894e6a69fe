/**
 * A contact's further phone numbers (merging duplicates): the same person calling from a mobile and
 * an office line is one contact. Each row carries that number's own texting state (opt-out, carrier
 * verdicts, line type), because carriers enforce STOP per number: merging never moves an opt-out
 * from one number to another, and never loses one. The contact row's `phone` stays the number
 * replies go to (the one the person last reached us from); the numbers here are the others.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_phones')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('opted_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opted_out_at', 'bigint')
    .addColumn('textable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('not_textable_reason', 'text')
    .addColumn('line_type', 'text')
    .addColumn('line_type_checked_at', 'bigint')
    .addColumn('unreachable_strikes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // One owner per number per workspace, as for contacts.phone.
    .addPrimaryKeyConstraint('contact_phones_pk', ['workspace_id', 'phone'])
    .execute();
  await db.schema.createIndex('contact_phones_contact').on('contact_phones').columns(['contact_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contact_phones').execute();
}
