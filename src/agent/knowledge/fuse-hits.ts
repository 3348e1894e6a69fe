/**
 * Hybrid ranking of one question over chunks whose vectors are already known: the same fusion as
 * `hybridSearch` (BM25's and cosine's 10 best each, reciprocal rank fusion, a chunk found only by
 * meaning carrying its similarity as its confidence), but synchronous, so the builtin responder's
 * per-question `search` can use it once the question's vector is at hand. Pure.
 */
import type { Bm25Hit } from './bm25.js';
import { cosine, reciprocalRankFusion } from './hybrid-rank.js';

/** How many candidates each ranking contributes before fusion (as in hybridSearch). */
export const FUSION_CANDIDATES = 10;

export interface VectorDoc {
  id: string;
  title: string;
  text: string;
  /** The chunk's vectors (the whole chunk, and maybe each sentence): it is as close as its closest. */
  vectors: ReadonlyArray<readonly number[]>;
}

export interface FuseOptions {
  /**
   * Least similarity that counts as a chunk's confidence (hybridSearch: 0, any similarity does).
   * Below it a chunk still ranks by meaning but answers only on its BM25 confidence.
   */
  similarityFloor?: number;
}

export function fuseHits(bm25: readonly Bm25Hit[], docs: readonly VectorDoc[], queryVector: readonly number[] | null, limit: number, options: FuseOptions = {}): Bm25Hit[] {
  const floor = options.similarityFloor ?? 0;
  if (queryVector === null || docs.length === 0) return bm25.slice(0, limit);
  const byMeaning = docs
    .map((d) => ({ doc: d, similarity: Math.max(...d.vectors.map((v) => cosine(queryVector, v))) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, FUSION_CANDIDATES);
  const hitOf = new Map(bm25.map((h) => [h.id, h]));
  const docOf = new Map(byMeaning.map((v) => [v.doc.id, v]));
  const fused = reciprocalRankFusion([bm25.map((h) => h.id), byMeaning.map((v) => v.doc.id)]);
  return fused.slice(0, limit).flatMap((id): Bm25Hit[] => {
    const hit = hitOf.get(id);
    const v = docOf.get(id);
    const base = hit ?? (v ? { id, title: v.doc.title, text: v.doc.text, score: 0, confidence: 0 } : undefined);
    if (!base) return [];
    const sim = (v?.similarity ?? 0) >= floor ? (v?.similarity ?? 0) : 0;
    return [{ ...base, confidence: Math.max(base.confidence, sim) }];
  });
}
