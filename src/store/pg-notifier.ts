/**
 * Cross-process signals over PostgreSQL LISTEN/NOTIFY, for deployments with several web and worker
 * processes: "jobs are waiting" (so a worker in another process starts at once instead of at its
 * next poll) and live dashboard events (so a browser connected to one web process sees a message
 * a worker in another process sent). Best effort by design: polling and reloads cover a lost signal.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';

export const JOBS_CHANNEL = 'textback_jobs';
export const LIVE_CHANNEL = 'textback_live';

type Listener = (payload: string) => void;

export class PgNotifier {
  /** Identifies this process, so it can skip its own live events. */
  readonly origin = randomBytes(6).toString('hex');
  private client: pg.Client | null = null;
  private readonly listeners = new Map<string, Listener[]>();
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private jobsNotifyQueued = false;

  constructor(
    private readonly url: string,
    private readonly pool: { query(text: string, values?: unknown[]): Promise<unknown> },
    private readonly logger: Logger,
  ) {}

  /** True while the LISTEN connection is up (wake-ups from other processes arrive). */
  isListening(): boolean {
    return this.client !== null && !this.stopped;
  }

  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', (err) => this.reconnect(err));
    client.on('end', () => this.reconnect(new Error('connection ended')));
    client.on('notification', (n) => {
      for (const l of this.listeners.get(n.channel) ?? []) l(n.payload ?? '');
    });
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  private reconnect(err: Error): void {
    if (this.stopped || this.retryTimer) return;
    this.logger.warn({ err: err.message }, 'LISTEN connection lost; reconnecting');
    this.client = null;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start().catch((e: Error) => this.reconnect(e));
    }, 1_000);
    this.retryTimer.unref();
  }

  /** Tells every process that jobs are due; several calls in one tick send one NOTIFY. */
  notifyJobs(): void {
    if (this.jobsNotifyQueued || this.stopped) return;
    this.jobsNotifyQueued = true;
    setImmediate(() => {
      this.jobsNotifyQueued = false;
      // The payload names the sender, so it can ignore its own signal.
      this.pool.query(`SELECT pg_notify($1, $2)`, [JOBS_CHANNEL, this.origin]).catch(() => undefined);
    });
  }

  notify(channel: string, payload: string): void {
    if (this.stopped) return;
    this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
