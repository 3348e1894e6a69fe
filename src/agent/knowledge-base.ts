/**
 * The workspace's knowledge base: entries split into chunks when written, and ranked with BM25 at
 * question time. BM25 runs in process over the workspace's chunks, so it behaves the same on
 * SQLite and PostgreSQL; the index is cached per workspace until an entry changes.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { newId } from '../store/ids.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import { buildBm25Index, searchBm25, type Bm25Index } from './knowledge/bm25.js';
import { chunkKnowledgeEntry } from './knowledge/chunk-text.js';

export const knowledgeEntrySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    content: z.string().trim().min(1).max(100_000),
  })
  .strict();

export interface KnowledgeEntry {
  id: string;
  title: string;
  content: string;
  chunks: number;
  createdAt: string;
}

export interface Passage {
  entryId: string;
  title: string;
  text: string;
  score: number;
  confidence: number;
}

const cache = new Map<string, { version: string; index: Bm25Index; entryOf: Map<string, string> }>();

export async function addKnowledgeEntry(ctx: AppContext, workspaceId: string, input: z.infer<typeof knowledgeEntrySchema>): Promise<KnowledgeEntry> {
  const now = ctx.clock.now();
  const id = newId('kb', now);
  const chunks = chunkKnowledgeEntry({ title: input.title, content: input.content });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('knowledge_entries').values({ id, workspace_id: workspaceId, title: input.title, content: input.content, created_at: now, updated_at: now }).execute();
    for (const c of chunks) {
      await trx
        .insertInto('knowledge_chunks')
        .values({ id: newId('kc', now), workspace_id: workspaceId, entry_id: id, ordinal: c.ordinal, title: input.title, text: c.text })
        .execute();
    }
  });
  cache.delete(workspaceId);
  return { id, title: input.title, content: input.content, chunks: chunks.length, createdAt: new Date(now).toISOString() };
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
  return {
    data: result.data.map((r) => ({ id: r.id, title: r.title, content: r.content, chunks: countOf.get(r.id) ?? 0, createdAt: new Date(r.created_at).toISOString() })),
    nextCursor: result.nextCursor,
  };
}

export async function deleteKnowledgeEntry(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('knowledge_chunks').where('workspace_id', '=', workspaceId).where('entry_id', '=', id).execute();
    return trx.deleteFrom('knowledge_entries').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  });
  if (Number(result.numDeletedRows) === 0) throw notFound('Knowledge entry');
  cache.delete(workspaceId);
}

/** The best passages for `query` in this workspace's knowledge base. */
export async function searchKnowledge(ctx: AppContext, workspaceId: string, query: string, limit = 3): Promise<Passage[]> {
  return (await knowledgeSearcher(ctx, workspaceId))(query, limit);
}

/**
 * A synchronous search over the workspace's current knowledge index (loaded or refreshed once
 * here), for callers that look up several questions of one text in a row.
 */
export async function knowledgeSearcher(ctx: AppContext, workspaceId: string): Promise<(query: string, limit?: number) => Passage[]> {
  const version = await ctx.db
    .selectFrom('knowledge_entries')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('latest')])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  const key = `${version.n}:${version.latest ?? 0}`;
  let cached = cache.get(workspaceId);
  // The count and latest time change on every add and delete; other processes' edits show up too.
  if (!cached || cached.version !== key) {
    const chunks = await ctx.db.selectFrom('knowledge_chunks').selectAll().where('workspace_id', '=', workspaceId).orderBy('entry_id').orderBy('ordinal').execute();
    cached = {
      version: key,
      index: buildBm25Index(chunks.map((c) => ({ id: c.id, title: c.title, text: c.text }))),
      entryOf: new Map(chunks.map((c) => [c.id, c.entry_id])),
    };
    cache.set(workspaceId, cached);
  }
  const { index, entryOf } = cached;
  return (query, limit = 3) =>
    searchBm25(index, query, { limit }).map((h) => ({
      entryId: entryOf.get(h.id) ?? '',
      title: h.title,
      text: h.text,
      score: h.score,
      confidence: h.confidence,
    }));
}
