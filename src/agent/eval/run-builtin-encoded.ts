/**
 * Scores the builtin with an offline sentence encoder behind its retrieval: every chunk embedded
 * once, each question ranked by BM25 and by cosine and fused as hybrid retrieval fuses them
 * (`fuseHits`). The responder looks questions up synchronously and decides which to look up as
 * it goes, so the run is repeated with the vectors of the questions it asked until it asks none
 * the encoder has not seen (the responder is deterministic, so the last run is one clean pass).
 */
import { searchBm25, buildBm25Index } from '../knowledge/bm25.js';
import { FUSION_CANDIDATES, fuseHits, type FuseOptions, type VectorDoc } from '../knowledge/fuse-hits.js';
import { splitSentences } from '../knowledge/split-sentences.js';
import type { LocalEncoder } from '../knowledge/local-encoder.js';
import { chunksOf, runBuiltinWith, type EvalBusiness } from './run-builtin.js';
import type { ScoredCase } from './score.js';

const MAX_PASSES = 6;

export interface EncodedRunOptions extends FuseOptions {
  /** Embed each sentence of a chunk as well (prefixed with its title); a chunk is as close as its closest vector. */
  sentenceVectors?: boolean;
}

export async function runBuiltinEncoded(business: EvalBusiness, encoder: LocalEncoder, options: EncodedRunOptions = {}): Promise<ScoredCase[]> {
  const chunks = chunksOf(business);
  const index = buildBm25Index(chunks);
  const texts = chunks.map((c) => [`${c.title}\n${c.text}`, ...(options.sentenceVectors ? splitSentences(c.text).map((s) => `${c.title}: ${s}`) : [])]);
  const vectors = await encoder.embed(texts.flat());
  let at = 0;
  const docs: VectorDoc[] = chunks.map((c, i) => ({ ...c, vectors: texts[i]!.map(() => vectors[at++] ?? []) }));
  const queryVectors = new Map<string, number[]>();
  for (let pass = 1; ; pass++) {
    const unseen = new Set<string>();
    const results = runBuiltinWith(business, (query) => {
      const v = queryVectors.get(query);
      if (v === undefined) unseen.add(query);
      return fuseHits(searchBm25(index, query, { limit: FUSION_CANDIDATES }), docs, v ?? null, 3, options);
    });
    if (unseen.size === 0) return results;
    if (pass === MAX_PASSES) throw new Error(`the responder still asked ${unseen.size} new questions after ${MAX_PASSES} passes`);
    const asked = [...unseen];
    const embedded = await encoder.embed(asked);
    asked.forEach((q, i) => queryVectors.set(q, embedded[i] ?? []));
  }
}
