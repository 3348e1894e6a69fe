/**
 * The jobs waiting (pending and due: a job queued for tomorrow is not a backlog) and running, on
 * Textback's clock (the bench runs it on real time): read once, or sampled on a timer while a run
 * plays, to see how a backlog forms and drains, which a run's percentiles alone do not show.
 */
import { sql } from 'kysely';
import type { Store } from '../src/store/database.js';

export interface Backlog {
  /** Pending and due. */
  pending: number;
  running: number;
}

export interface BacklogSample extends Backlog {
  /** Milliseconds since the sampler started. */
  atMs: number;
}

export async function jobBacklog(store: Store): Promise<Backlog> {
  const rows = await store.db
    .selectFrom('jobs')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where(({ eb, and, or }) => or([eb('status', '=', 'running'), and([eb('status', '=', 'pending'), eb('run_at', '<=', Date.now())])]))
    .groupBy('status')
    .execute();
  const n = new Map(rows.map((r) => [r.status, Number(r.n)]));
  return { pending: n.get('pending') ?? 0, running: n.get('running') ?? 0 };
}

export function sampleJobBacklog(store: Store, everyMs: number): { samples: BacklogSample[]; stop(): void } {
  const started = performance.now();
  const samples: BacklogSample[] = [];
  const timer = setInterval(() => {
    const atMs = Math.round(performance.now() - started);
    void jobBacklog(store)
      .then((b) => void samples.push({ atMs, ...b }))
      .catch(() => undefined);
  }, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}
