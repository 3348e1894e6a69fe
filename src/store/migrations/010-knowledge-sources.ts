/**
 * Knowledge entries remember where they came from (typed in, a web page, a file), so a page can be
 * re-imported on demand; chunks carry an optional embedding (JSON array of numbers) and the model
 * that made it, filled by a background job when the workspace's provider offers embeddings.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('knowledge_entries').addColumn('source_type', 'text', (c) => c.notNull().defaultTo('manual')).execute();
  await db.schema.alterTable('knowledge_entries').addColumn('source_url', 'text').execute();
  await db.schema.alterTable('knowledge_entries').addColumn('source_name', 'text').execute();
  await db.schema.alterTable('knowledge_chunks').addColumn('embedding', 'text').execute();
  await db.schema.alterTable('knowledge_chunks').addColumn('embedding_model', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('knowledge_chunks').dropColumn('embedding_model').execute();
  await db.schema.alterTable('knowledge_chunks').dropColumn('embedding').execute();
  await db.schema.alterTable('knowledge_entries').dropColumn('source_name').execute();
  await db.schema.alterTable('knowledge_entries').dropColumn('source_url').execute();
  await db.schema.alterTable('knowledge_entries').dropColumn('source_type').execute();
}
