/**
 * Hybrid knowledge retrieval for workspaces whose model provider offers embeddings.
 *
 * Indexing runs as a job (knowledge.embed), queued in the same transaction as every knowledge
 * write and when the agent's model changes: it embeds the chunks that have no embedding from the
 * current model, in batches, and a reply never waits for it. Until a chunk is embedded, only BM25
 * sees it. At question time the query is embedded (bounded by a short timeout) and the chunks are
 * ranked by BM25 and by cosine similarity, fused with reciprocal rank fusion; any embedding failure
 * falls back to BM25 alone, never to silence.
 */
import { embed, embedMany } from 'ai';
import type { AppContext } from '../context.js';
import { loadAgentSettings, type AgentSettings } from './agent-settings.js';
import { forgetKnowledgeIndex, loadKnowledgeIndex, type Passage } from './knowledge-base.js';
import { searchBm25 } from './knowledge/bm25.js';
import { createEmbeddingModel, embeddingModelName } from './knowledge/embeddings.js';
import { modelNetworkOf } from './model-provider.js';
import { cosine, reciprocalRankFusion } from './knowledge/hybrid-rank.js';
import type { EmbedKnowledgePayload } from '../jobs/definitions/embed-knowledge.js';
import type { TypedJob } from '../jobs/job-definition.js';

const BATCH = 64;
const EMBED_TIMEOUT_MS = 30_000;
const QUERY_EMBED_TIMEOUT_MS = 5_000;
/** How many candidates each ranking contributes before fusion. */
const CANDIDATES = 10;

/** The text a chunk is embedded as: its entry's title gives the chunk its topic. */
function embeddingText(title: string, text: string): string {
  return `${title}\n${text}`;
}

/** The knowledge.embed job: embeds every chunk of the workspace that lacks a current embedding. */
export async function embedKnowledge(ctx: AppContext, job: TypedJob<EmbedKnowledgePayload>): Promise<void> {
  const { workspaceId } = job.payload;
  const { settings, apiKey } = await loadAgentSettings(ctx, workspaceId);
  const model = createEmbeddingModel(settings, apiKey, modelNetworkOf(ctx));
  const name = embeddingModelName(settings);
  if (model === null || name === null) return;
  for (;;) {
    const pending = await ctx.db
      .selectFrom('knowledge_chunks')
      .select(['id', 'title', 'text'])
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('embedding', 'is', null), eb('embedding_model', '!=', name)]))
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (pending.length === 0) break;
    const { embeddings } = await embedMany({
      model,
      values: pending.map((c) => embeddingText(c.title, c.text)),
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(EMBED_TIMEOUT_MS),
    });
    await ctx.db.transaction().execute(async (trx) => {
      for (const [i, chunk] of pending.entries()) {
        const vector = embeddings[i];
        if (!vector || vector.length === 0) throw new Error(`The embedding model returned no vector for chunk ${i + 1} of ${pending.length}`);
        // a chunk replaced by an edit meanwhile has a new id: this update then touches nothing
        await trx.updateTable('knowledge_chunks').set({ embedding: JSON.stringify(vector), embedding_model: name }).where('id', '=', chunk.id).execute();
      }
    });
    forgetKnowledgeIndex(workspaceId);
    if (pending.length < BATCH) break;
  }
}

/**
 * The best passages for `query`: BM25 and embedding similarity fused, when the provider offers
 * embeddings and some chunks have them; BM25 alone otherwise or when embedding the query fails.
 */
export async function hybridSearch(
  ctx: AppContext,
  workspaceId: string,
  settings: AgentSettings,
  apiKey: string | null,
  query: string,
  limit = 3,
): Promise<Passage[]> {
  const { index, chunks } = await loadKnowledgeIndex(ctx, workspaceId);
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const bm25 = searchBm25(index, query, { limit: CANDIDATES });
  const confidenceOf = new Map(bm25.map((h) => [h.id, h]));
  const name = embeddingModelName(settings);
  const embedded = name === null ? [] : chunks.filter((c) => c.embedding !== null && c.embeddingModel === name);
  let vectorRanking: Array<{ id: string; similarity: number }> = [];
  if (embedded.length > 0 && query.trim() !== '') {
    try {
      const model = createEmbeddingModel(settings, apiKey, modelNetworkOf(ctx));
      if (model !== null) {
        const { embedding } = await embed({ model, value: query, maxRetries: 0, abortSignal: AbortSignal.timeout(QUERY_EMBED_TIMEOUT_MS) });
        vectorRanking = embedded
          .map((c) => ({ id: c.id, similarity: cosine(embedding, JSON.parse(c.embedding as string) as number[]) }))
          .sort((a, b) => b.similarity - a.similarity)
          .slice(0, CANDIDATES);
      }
    } catch (err) {
      ctx.logger.warn({ workspaceId, err: (err as Error).message }, 'embedding the question failed; knowledge ranked by BM25 alone');
    }
  }
  const similarityOf = new Map(vectorRanking.map((v) => [v.id, v.similarity]));
  const fused = vectorRanking.length === 0 ? bm25.map((h) => h.id) : reciprocalRankFusion([bm25.map((h) => h.id), vectorRanking.map((v) => v.id)]);
  return fused.slice(0, limit).flatMap((id) => {
    const chunk = byId.get(id);
    if (!chunk) return [];
    const hit = confidenceOf.get(id);
    return [
      {
        entryId: chunk.entryId,
        title: chunk.title,
        text: chunk.text,
        score: hit?.score ?? 0,
        // a chunk found only by meaning carries its similarity as its confidence
        confidence: Math.max(hit?.confidence ?? 0, similarityOf.get(id) ?? 0),
      },
    ];
  });
}

/** Whether a knowledge change should queue embedding for this workspace. */
export async function workspaceEmbeds(ctx: AppContext, workspaceId: string): Promise<boolean> {
  const { settings } = await loadAgentSettings(ctx, workspaceId);
  return embeddingModelName(settings) !== null;
}
