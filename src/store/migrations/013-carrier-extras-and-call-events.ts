/**
 * Carriers beyond Twilio and PBX call events:
 * - `carrier_accounts.extra_ciphertext`: a carrier's further settings and keys (SignalWire's space
 *   URL and signing key, Telnyx's webhook public key), sealed as one JSON object like the secret.
 * - `call_event_secrets`: the per-workspace HMAC secret a phone system signs call events with.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('carrier_accounts').addColumn('extra_ciphertext', 'text').execute();
  await db.schema
    .createTable('call_event_secrets')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_event_secrets').ifExists().execute();
  await db.schema.alterTable('carrier_accounts').dropColumn('extra_ciphertext').execute();
}
