/**
 * A worker process's sign of life: its row in worker_heartbeats, written when it starts and every
 * few seconds after, deleted when it stops. /readyz in any process reads these rows. Kept beside
 * the worker rather than inside it: the job loop stays about jobs.
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Store } from '../store/database.js';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A worker silent for this long counts as gone (several missed beats, not one slow one). */
export const HEARTBEAT_STALE_MS = 60_000;
/** Rows of workers that died without saying goodbye are removed after a day. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export class WorkerHeartbeat {
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt: number;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly workerId: string,
    private readonly logger: Logger,
  ) {
    this.startedAt = clock.now();
  }

  /** Writes the first beat (so readiness holds from the first request), then beats on a timer. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beat().catch((err: unknown) => this.logger.warn({ err }, 'worker heartbeat failed'));
    }, HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.store.db.deleteFrom('worker_heartbeats').where('worker_id', '=', this.workerId).execute();
  }

  async beat(): Promise<void> {
    const now = this.clock.now();
    const { db } = this.store;
    await db
      .insertInto('worker_heartbeats')
      .values({ worker_id: this.workerId, host: hostname(), pid: process.pid, started_at: this.startedAt, beat_at: now })
      .onConflict((oc) => oc.column('worker_id').doUpdateSet({ beat_at: now }))
      .execute();
    await db.deleteFrom('worker_heartbeats').where('beat_at', '<', now - FORGET_AFTER_MS).execute();
  }
}
