/**
 * Twilio field readiness (issue 10): per number, the carrier's own id for it, the Messaging Service
 * it sends through, the last texting-readiness check, and the text-back pause after repeated
 * sender-blocking errors; per contact, the cached line type and undelivered strikes.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('phone_numbers')
    .addColumn('carrier_number_id', 'text')
    .execute();
  await db.schema.alterTable('phone_numbers').addColumn('messaging_service_sid', 'text').execute();
  /** JSON: { status, checks: [{id, ok, message}], checkedAt } or null before the first check. */
  await db.schema.alterTable('phone_numbers').addColumn('readiness', 'text').execute();
  await db.schema.alterTable('phone_numbers').addColumn('sender_block_strikes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('phone_numbers').addColumn('textback_paused_at', 'bigint').execute();
  await db.schema.alterTable('phone_numbers').addColumn('textback_paused_reason', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('line_type', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('line_type_checked_at', 'bigint').execute();
  await db.schema.alterTable('contacts').addColumn('unreachable_strikes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const col of ['carrier_number_id', 'messaging_service_sid', 'readiness', 'sender_block_strikes', 'textback_paused_at', 'textback_paused_reason']) {
    await db.schema.alterTable('phone_numbers').dropColumn(col).execute();
  }
  for (const col of ['line_type', 'line_type_checked_at', 'unreachable_strikes']) {
    await db.schema.alterTable('contacts').dropColumn(col).execute();
  }
}
