/**
 * Reciprocal rank fusion of two rankings (BM25 and embedding similarity): each document scores
 * Σ 1 / (k + rank) over the rankings it appears in. Rank-based, so BM25's unbounded scores and
 * cosine similarities never need to be put on one scale. k = 60 is the value from Cormack et al.
 * (2009) that most search engines keep. Pure.
 */

export const RRF_K = 60;

/** Ids in fused order, best first; ties keep the first ranking's order. */
export function reciprocalRankFusion(rankings: ReadonlyArray<readonly string[]>, k = RRF_K): string[] {
  const score = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  let order = 0;
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => {
      score.set(id, (score.get(id) ?? 0) + 1 / (k + rank + 1));
      if (!firstSeen.has(id)) firstSeen.set(id, order++);
    });
  }
  return [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (firstSeen.get(a) ?? 0) - (firstSeen.get(b) ?? 0));
}

/** Cosine similarity of two vectors of the same length (0 when either is all zeros). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
