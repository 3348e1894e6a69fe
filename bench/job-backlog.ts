/**
 * The jobs waiting (pending, due or not) and running, sampled on a timer while a run plays: how a
 * backlog forms and drains, which a run's percentiles alone do not show.
 */
import { sql } from 'kysely';
import type { Store } from '../src/store/database.js';

export interface BacklogSample {
  /** Milliseconds since the sampler started. */
  atMs: number;
  pending: number;
  running: number;
}

export function sampleJobBacklog(store: Store, everyMs: number): { samples: BacklogSample[]; stop(): void } {
  const started = performance.now();
  const samples: BacklogSample[] = [];
  const timer = setInterval(() => {
    const atMs = Math.round(performance.now() - started);
    void store.db
      .selectFrom('jobs')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('status', 'in', ['pending', 'running'])
      .groupBy('status')
      .execute()
      .then((rows) => {
        const n = new Map(rows.map((r) => [r.status, Number(r.n)]));
        samples.push({ atMs, pending: n.get('pending') ?? 0, running: n.get('running') ?? 0 });
      })
      .catch(() => undefined);
  }, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}
