/**
 * Cross-process signals over PostgreSQL LISTEN/NOTIFY, for deployments with several web and worker
 * processes: "jobs are waiting" (so a worker in another process starts at once instead of at its
 * next poll) and live dashboard events (so a browser connected to one web process sees a message
 * a worker in another process sent). Best effort by design: polling and reloads cover a lost signal.
 *
 * Signals go out in batches, one statement each (`pg_notify` over the unnested lists), and at most
 * one batch at a time: what is signalled while a batch is on its way goes in the next. A missed call
 * used to cost five NOTIFY round trips on the shared pool (a jobs wake-up, two live events for the
 * call, two for its text) that the driver's statement count never saw; under load they now ride
 * together, and an idle process still sends each signal at once (the next tick).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';

export const JOBS_CHANNEL = 'textback_jobs';
export const LIVE_CHANNEL = 'textback_live';
/** Sent by triggers (migration 017) when a number's settings context may have changed. */
export const SETTINGS_CHANNEL = 'textback_settings';

type Listener = (payload: string) => void;

/** Signals per statement: bounds one statement's size (each live payload is ~150 bytes). */
const MAX_SIGNALS_PER_NOTIFY = 100;

export class PgNotifier {
  /** Identifies this process, so it can skip its own live events. */
  readonly origin = randomBytes(6).toString('hex');
  private client: pg.Client | null = null;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly connectionListeners: ((listening: boolean) => void)[] = [];
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** A jobs signal waits in the outbox (one is enough for any number of enqueues). */
  private jobsNotifyQueued = false;
  /** Signals waiting for the next batch. */
  private readonly outbox: { channel: string; payload: string }[] = [];
  /** A batch is queued or on its way: new signals join the outbox and go with the next. */
  private sending = false;

  constructor(
    private readonly url: string,
    private readonly pool: { query(text: string, values?: unknown[]): Promise<unknown> },
    private readonly logger: Logger,
  ) {}

  /** True while the LISTEN connection is up (wake-ups from other processes arrive). */
  isListening(): boolean {
    return this.client !== null && !this.stopped;
  }

  /** Register before start(): the channels are LISTENed to when the connection opens. */
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }

  /**
   * Told `true` each time the LISTEN connection is up with every channel listened to (after start
   * and after each reconnect), `false` when it is lost or stopped: signals sent while it was down
   * never arrive, so whoever relies on them must assume it missed some.
   */
  onConnectionChange(listener: (listening: boolean) => void): void {
    this.connectionListeners.push(listener);
  }

  private connectionChanged(listening: boolean): void {
    for (const l of this.connectionListeners) l(listening);
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
    this.connectionChanged(true);
  }

  private reconnect(err: Error): void {
    if (this.stopped || this.retryTimer) return;
    this.logger.warn({ err: err.message }, 'LISTEN connection lost; reconnecting');
    this.client = null;
    this.connectionChanged(false);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start().catch((e: Error) => this.reconnect(e));
    }, 1_000);
    this.retryTimer.unref();
  }

  /** Tells every process that jobs are due; any number of calls before the next batch send one NOTIFY. */
  notifyJobs(): void {
    if (this.jobsNotifyQueued || this.stopped) return;
    this.jobsNotifyQueued = true;
    // The payload names the sender, so it can ignore its own signal.
    this.queue(JOBS_CHANNEL, this.origin);
  }

  notify(channel: string, payload: string): void {
    if (this.stopped) return;
    this.queue(channel, payload);
  }

  private queue(channel: string, payload: string): void {
    this.outbox.push({ channel, payload });
    if (this.sending) return;
    this.sending = true;
    setImmediate(() => void this.sendBatches());
  }

  /** Sends what is queued, one statement per batch, until nothing is left. */
  private async sendBatches(): Promise<void> {
    while (this.outbox.length > 0 && !this.stopped) {
      const batch = this.outbox.splice(0, MAX_SIGNALS_PER_NOTIFY);
      if (batch.some((s) => s.channel === JOBS_CHANNEL)) this.jobsNotifyQueued = false;
      await this.pool
        .query('SELECT pg_notify(channel, payload) FROM unnest($1::text[], $2::text[]) AS signal(channel, payload)', [
          batch.map((s) => s.channel),
          batch.map((s) => s.payload),
        ])
        .catch(() => undefined);
    }
    this.outbox.length = 0;
    this.jobsNotifyQueued = false;
    this.sending = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.connectionChanged(false);
    await client?.end().catch(() => undefined);
  }
}
