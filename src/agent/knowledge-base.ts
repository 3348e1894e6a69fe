/**
 * The workspace's knowledge base: entries split into chunks when written (or edited, or
 * re-imported), and ranked with BM25 at question time; when the workspace's model provider offers
 * embeddings, the chunks are embedded by a background job and ranked by both (knowledge/hybrid-
 * search.ts). BM25 runs in process over the workspace's chunks, so it behaves the same on SQLite
 * and PostgreSQL; the index is cached per workspace until an entry changes.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { KnowledgeEntriesTable } from '../store/schema.js';
import { buildBm25Index, searchBm25, type Bm25Index } from './knowledge/bm25.js';
import { chunkKnowledgeEntry } from './knowledge/chunk-text.js';
import { embedKnowledgeJob } from '../jobs/definitions/embed-knowledge.js';
import { enqueue } from '../jobs/job-definition.js';

export const knowledgeEntrySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    content: z.string().trim().min(1).max(100_000),
  })
  .strict();

export const knowledgeEntryPatchSchema = knowledgeEntrySchema
  .partial()
  .strict()
  .refine((p) => p.title !== undefined || p.content !== undefined, { message: 'Give a new title, new content, or both.' });

export type KnowledgeSourceType = 'manual' | 'url' | 'file';

export interface KnowledgeSource {
  type: KnowledgeSourceType;
  url: string | null;
  name: string | null;
}

export interface KnowledgeEntry {
  id: string;
  title: string;
  content: string;
  chunks: number;
  source: KnowledgeSource;
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeChunkView {
  id: string;
  ordinal: number;
  text: string;
  /** Whether the chunk has an embedding from the workspace's current embedding model's run. */
  embedded: boolean;
}

export interface Passage {
  entryId: string;
  title: string;
  text: string;
  score: number;
  confidence: number;
}


const MANUAL: KnowledgeSource = { type: 'manual', url: null, name: null };

interface CachedIndex {
  version: string;
  index: Bm25Index;
  chunks: ReadonlyArray<{ id: string; entryId: string; title: string; text: string; embedding: string | null; embeddingModel: string | null }>;
}

const cache = new Map<string, CachedIndex>();

/** Forget the cached index of a workspace (after a write in this process). */
export function forgetKnowledgeIndex(workspaceId: string): void {
  cache.delete(workspaceId);
}

async function writeChunks(trx: Executor, workspaceId: string, entryId: string, title: string, content: string, now: number): Promise<number> {
  await trx.deleteFrom('knowledge_chunks').where('workspace_id', '=', workspaceId).where('entry_id', '=', entryId).execute();
  const chunks = chunkKnowledgeEntry({ title, content });
  for (const c of chunks) {
    await trx
      .insertInto('knowledge_chunks')
      .values({ id: newId('kc', now), workspace_id: workspaceId, entry_id: entryId, ordinal: c.ordinal, title, text: c.text })
      .execute();
  }
  return chunks.length;
}

/** Queues a re-embedding of the workspace's chunks; the reply path never waits for it. */
export async function queueKnowledgeEmbedding(trx: Executor, workspaceId: string, now: number): Promise<void> {
  await enqueue(trx, now, embedKnowledgeJob, { workspaceId }, { workspaceId });
}

function present(r: KnowledgeEntriesTable, chunks: number): KnowledgeEntry {
  return {
    id: r.id,
    title: r.title,
    content: r.content,
    chunks,
    source: { type: (r.source_type as KnowledgeSourceType) ?? 'manual', url: r.source_url, name: r.source_name },
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export interface AddEntryOptions {
  source?: KnowledgeSource;
  /** Queue embedding after the write (the API passes whether the provider offers embeddings). */
  embed?: boolean;
}

export async function addKnowledgeEntry(
  ctx: AppContext,
  workspaceId: string,
  input: z.infer<typeof knowledgeEntrySchema>,
  options: AddEntryOptions = {},
): Promise<KnowledgeEntry> {
  const now = ctx.clock.now();
  const id = newId('kb', now);
  const source = options.source ?? MANUAL;
  const row: KnowledgeEntriesTable = {
    id,
    workspace_id: workspaceId,
    title: input.title,
    content: input.content,
    created_at: now,
    updated_at: now,
    source_type: source.type,
    source_url: source.url,
    source_name: source.name,
  };
  const chunks = await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('knowledge_entries').values(row).execute();
    const n = await writeChunks(trx, workspaceId, id, input.title, input.content, now);
    if (options.embed) await queueKnowledgeEmbedding(trx, workspaceId, now);
    return n;
  });
  cache.delete(workspaceId);
  return present(row, chunks);
}

/** Edits an entry in place: same id, new chunks, embeddings redone in the background. */
export async function updateKnowledgeEntry(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  patch: { title?: string; content?: string },
  options: { embed?: boolean } = {},
): Promise<KnowledgeEntry> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('knowledge_entries').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound('Knowledge entry');
    // updated_at only moves forward, so the index cache (keyed on the latest change) sees every edit
    const now = Math.max(ctx.clock.now(), current.updated_at + 1);
    const next = { ...current, title: patch.title ?? current.title, content: patch.content ?? current.content, updated_at: now };
    await trx.updateTable('knowledge_entries').set({ title: next.title, content: next.content, updated_at: now }).where('id', '=', id).execute();
    const n = await writeChunks(trx, workspaceId, id, next.title, next.content, now);
    if (options.embed) await queueKnowledgeEmbedding(trx, workspaceId, ctx.clock.now());
    return present(next, n);
  });
  cache.delete(workspaceId);
  return result;
}

export async function getKnowledgeEntry(ctx: AppContext, workspaceId: string, id: string): Promise<KnowledgeEntry> {
  const r = await ctx.db.selectFrom('knowledge_entries').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Knowledge entry');
  const n = await ctx.db.selectFrom('knowledge_chunks').select((eb) => eb.fn.countAll<number>().as('n')).where('entry_id', '=', id).executeTakeFirstOrThrow();
  return present(r, Number(n.n));
}

/** The chunks the agent reads for one entry, in order. */
export async function listKnowledgeChunks(ctx: AppContext, workspaceId: string, entryId: string): Promise<{ data: KnowledgeChunkView[] }> {
  await getKnowledgeEntry(ctx, workspaceId, entryId);
  const rows = await ctx.db
    .selectFrom('knowledge_chunks')
    .select(['id', 'ordinal', 'text', 'embedding'])
    .where('workspace_id', '=', workspaceId)
    .where('entry_id', '=', entryId)
    .orderBy('ordinal')
    .execute();
  return { data: rows.map((r) => ({ id: r.id, ordinal: r.ordinal, text: r.text, embedded: r.embedding !== null })) };
}

export async function listKnowledgeEntries(ctx: AppContext, workspaceId: string, page: PageRequest): Promise<Page<KnowledgeEntry>> {
  const result = await paginate(
    ctx.db.selectFrom('knowledge_entries').selectAll().where('workspace_id', '=', workspaceId),
    'created_at',
    'id',
    page,
    (r) => r.created_at,
  );
  const counts = result.data.length
    ? await ctx.db
        .selectFrom('knowledge_chunks')
        .select(['entry_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entry_id', 'in', result.data.map((r) => r.id))
        .groupBy('entry_id')
        .execute()
    : [];
  const countOf = new Map(counts.map((c) => [c.entry_id, Number(c.n)]));
  return { data: result.data.map((r) => present(r, countOf.get(r.id) ?? 0)), nextCursor: result.nextCursor };
}

export async function deleteKnowledgeEntry(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('knowledge_chunks').where('workspace_id', '=', workspaceId).where('entry_id', '=', id).execute();
    return trx.deleteFrom('knowledge_entries').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  });
  if (Number(result.numDeletedRows) === 0) throw notFound('Knowledge entry');
  cache.delete(workspaceId);
}

/** The best passages for `query` in this workspace's knowledge base (BM25 only). */
export async function searchKnowledge(ctx: AppContext, workspaceId: string, query: string, limit = 3): Promise<Passage[]> {
  return (await knowledgeSearcher(ctx, workspaceId))(query, limit);
}

/**
 * The workspace's current index (loaded or refreshed here). The version key is the entry count,
 * the latest entry change and the number of embedded chunks, so edits, deletes, other processes'
 * writes and a finished embedding run all show up.
 */
export async function loadKnowledgeIndex(ctx: AppContext, workspaceId: string): Promise<CachedIndex> {
  const version = await ctx.db
    .selectFrom('knowledge_entries')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('latest')])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  const embedded = await ctx.db
    .selectFrom('knowledge_chunks')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('embedding_model').as('model')])
    .where('workspace_id', '=', workspaceId)
    .where('embedding', 'is not', null)
    .executeTakeFirstOrThrow();
  const key = `${version.n}:${version.latest ?? 0}:${embedded.n}:${embedded.model ?? ''}`;
  let cached = cache.get(workspaceId);
  if (!cached || cached.version !== key) {
    const rows = await ctx.db.selectFrom('knowledge_chunks').selectAll().where('workspace_id', '=', workspaceId).orderBy('entry_id').orderBy('ordinal').execute();
    cached = {
      version: key,
      index: buildBm25Index(rows.map((c) => ({ id: c.id, title: c.title, text: c.text }))),
      chunks: rows.map((c) => ({ id: c.id, entryId: c.entry_id, title: c.title, text: c.text, embedding: c.embedding, embeddingModel: c.embedding_model })),
    };
    cache.set(workspaceId, cached);
  }
  return cached;
}

/**
 * A synchronous BM25 search over the workspace's current knowledge index, for callers that look
 * up several questions of one text in a row.
 */
export async function knowledgeSearcher(ctx: AppContext, workspaceId: string): Promise<(query: string, limit?: number) => Passage[]> {
  const { index, chunks } = await loadKnowledgeIndex(ctx, workspaceId);
  const entryOf = new Map(chunks.map((c) => [c.id, c.entryId]));
  return (query, limit = 3) =>
    searchBm25(index, query, { limit }).map((h) => ({
      entryId: entryOf.get(h.id) ?? '',
      title: h.title,
      text: h.text,
      score: h.score,
      confidence: h.confidence,
    }));
}
