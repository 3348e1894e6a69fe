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
 *
 * The LISTEN connection only ever receives, so a connection that died without a word (a NAT or
 * load balancer that forgot an idle flow, a database host gone mid-failover: no FIN, no RST) looks
 * alive from this side for as long as nothing is written to it, which on a LISTEN connection is
 * forever. Everything that trusts it would go on trusting it: the settings cache would serve a
 * number's old settings (services/settings-change-watch.ts) and an idle worker would sleep 10 s
 * between polls (jobs/job-worker.ts). So every `checkEveryMs` the connection sends itself a
 * signal (`pg_notify` on PING_CHANNEL, which it listens to); a signal not heard back within
 * `checkTimeoutMs` counts as a lost connection, which is closed and opened anew, exactly as one
 * that ended. Heard back, not merely answered: a pooler in transaction mode (common on managed
 * databases' poolers; PgBouncer's own default is session mode) answers every statement but
 * delivers no notification, so a check by `SELECT 1` would trust a connection that hears
 * nothing; this one fails, keeps failing, and the process runs as with no
 * LISTEN connection (the cache serves nothing, workers poll) with a warning and a rising
 * `textback_listen_connection_losses_total` that say why. The signal also keeps the flow from
 * going idle (NAT and load-balancer idle timeouts are minutes).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { CONNECT_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS } from './statement-deadline.js';

export const JOBS_CHANNEL = 'textback_jobs';
export const LIVE_CHANNEL = 'textback_live';
/** Sent by triggers (migration 017) when a number's settings context may have changed. */
export const SETTINGS_CHANNEL = 'textback_settings';

type Listener = (payload: string) => void;

/** Signals per statement: bounds one statement's size (each live payload is ~150 bytes). */
const MAX_SIGNALS_PER_NOTIFY = 100;

/**
 * How often the LISTEN connection is checked, and how long its answer may take. A silently dead
 * connection is noticed within their sum (20 s): the settings cache serves nothing from then on and
 * idle workers poll again, until the connection is back.
 */
export const LISTEN_CHECK_EVERY_MS = 15_000;
export const LISTEN_CHECK_TIMEOUT_MS = 5_000;

/** The channel each process's LISTEN connection signals itself on, to know it still hears. */
export const PING_CHANNEL = 'textback_ping';

/** The LISTEN connection's application_name, as pg_stat_activity shows it. */
export const LISTEN_APPLICATION_NAME = 'textback-listen';

export interface PgNotifierOptions {
  /** Between two checks of the LISTEN connection (default LISTEN_CHECK_EVERY_MS). */
  checkEveryMs?: number;
  /** A check unanswered for this long means the connection is lost (default LISTEN_CHECK_TIMEOUT_MS). */
  checkTimeoutMs?: number;
  /**
   * How long a batch of signals may wait for its answer (the store's DATABASE_QUERY_TIMEOUT_SECONDS,
   * default 60 s). Past it the pool drops the connection: one gone silent would otherwise hold the
   * batch, and every signal after it, for as long as TCP takes to give up (~15 minutes).
   */
  sendTimeoutMs?: number;
  /** Opening the LISTEN connection gives up after this (default CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
}

export class PgNotifier {
  /** Identifies this process, so it can skip its own live events. */
  readonly origin = randomBytes(6).toString('hex');
  /** Times the LISTEN connection was lost since start (an error, an end, no answer to the check), failed attempts to open it again included. */
  losses = 0;
  /** The LISTEN connection once every channel is listened to; null while connecting or lost. */
  private client: pg.Client | null = null;
  /** The connection being opened or in use: events of any other (an older one closing) are ignored. */
  private current: pg.Client | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  /** Checks sent so far (each check's signal carries its number). */
  private checks = 0;
  /** Told each of this process's own check signals as it is heard. */
  private onPing: (payload: string) => void = () => undefined;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly connectionListeners: ((listening: boolean) => void)[] = [];
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** A jobs signal waits in the outbox (one is enough for any number of enqueues). */
  private jobsNotifyQueued = false;
  /** Signals waiting for the next batch; `sent` is told whether the batch went out. */
  private readonly outbox: { channel: string; payload: string; sent?: (sent: boolean) => void }[] = [];
  /** A batch is queued or on its way: new signals join the outbox and go with the next. */
  private sending = false;
  /** The options, each with its default. */
  private readonly timing: Required<PgNotifierOptions>;

  constructor(
    private readonly url: string,
    private readonly pool: { query(config: pg.QueryConfig): Promise<unknown> },
    private readonly logger: Logger,
    opts: PgNotifierOptions = {},
  ) {
    this.timing = {
      checkEveryMs: opts.checkEveryMs ?? LISTEN_CHECK_EVERY_MS,
      checkTimeoutMs: opts.checkTimeoutMs ?? LISTEN_CHECK_TIMEOUT_MS,
      sendTimeoutMs: opts.sendTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
      connectTimeoutMs: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    };
  }

  /** True while the LISTEN connection is up (wake-ups from other processes arrive). */
  isListening(): boolean {
    return this.client !== null && !this.stopped;
  }

  /** The channels the LISTEN connection listens to: those registered with on(), and its own check's. */
  channels(): string[] {
    return [...this.listeners.keys(), PING_CHANNEL];
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
    // Named, so an operator finds it in pg_stat_activity (a name in the URL wins).
    const client = new pg.Client({
      connectionString: this.url,
      application_name: LISTEN_APPLICATION_NAME,
      // A connect that hangs (a server address gone silent) would leave this process without its
      // LISTEN connection for good: it fails instead, and the next attempt follows a second later.
      connectionTimeoutMillis: this.timing.connectTimeoutMs,
    });
    this.current = client;
    const lost = (err: Error) => {
      if (this.current === client) this.reconnect(err);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', (n) => {
      if (n.channel === PING_CHANNEL) this.onPing(n.payload ?? '');
      else for (const l of this.listeners.get(n.channel) ?? []) l(n.payload ?? '');
    });
    await client.connect();
    // As the check: a connection gone silent right after it opened must not hold this for ever.
    const timeoutMs = this.timing.checkTimeoutMs;
    for (const channel of this.channels()) {
      await client.query({ text: `LISTEN ${channel}`, query_timeout: timeoutMs } as pg.QueryConfig);
    }
    // Stopped, or lost and replaced, while it connected: this one is not ours any more.
    if (this.current !== client) return;
    this.client = client;
    this.connectionChanged(true);
    this.scheduleCheck(client, lost);
  }

  /** Every checkEveryMs the connection signals itself; not heard back within checkTimeoutMs, it is lost. */
  private scheduleCheck(client: pg.Client, lost: (err: Error) => void): void {
    const timeoutMs = this.timing.checkTimeoutMs;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      // Other processes' checks arrive on the channel too: this one waits for its own.
      const token = `${this.origin}:${++this.checks}`;
      let giveUp: NodeJS.Timeout | undefined;
      const heard = new Promise<void>((resolve, reject) => {
        this.onPing = (payload) => {
          if (payload === token) resolve();
        };
        giveUp = setTimeout(() => reject(new Error(`not heard back within ${timeoutMs} ms`)), timeoutMs);
      });
      const sent = client.query({ text: 'SELECT pg_notify($1, $2)', values: [PING_CHANNEL, token], query_timeout: timeoutMs } as pg.QueryConfig);
      Promise.all([sent, heard])
        .finally(() => clearTimeout(giveUp))
        .then(
          () => {
            if (this.client === client) this.scheduleCheck(client, lost);
          },
          (err: Error) => lost(new Error(`the liveness check failed: ${err.message}`)),
        );
    }, this.timing.checkEveryMs);
    this.checkTimer.unref();
  }

  private reconnect(err: Error): void {
    if (this.stopped || this.retryTimer) return;
    this.losses++;
    this.logger.warn({ err: err.message }, 'LISTEN connection lost; reconnecting');
    const old = this.current;
    this.current = null;
    this.client = null;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    // A silent connection would wait for its goodbye forever: pg destroys the socket of a client
    // with a query still unanswered (the check), and ends any other one politely.
    void old?.end().catch(() => undefined);
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

  /**
   * As notify(), and resolves true once the signal's statement committed (every listener then hears
   * it after whatever committed before it), false if it could not be sent: then it never arrives.
   */
  notifyConfirmed(channel: string, payload: string): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((sent) => this.queue(channel, payload, sent));
  }

  private queue(channel: string, payload: string, sent?: (sent: boolean) => void): void {
    this.outbox.push({ channel, payload, sent });
    if (this.sending) return;
    this.sending = true;
    setImmediate(() => void this.sendBatches());
  }

  /** Sends what is queued, one statement per batch, until nothing is left. */
  private async sendBatches(): Promise<void> {
    while (this.outbox.length > 0 && !this.stopped) {
      const batch = this.outbox.splice(0, MAX_SIGNALS_PER_NOTIFY);
      if (batch.some((s) => s.channel === JOBS_CHANNEL)) this.jobsNotifyQueued = false;
      const sent = await this.pool
        .query({
          text: 'SELECT pg_notify(channel, payload) FROM unnest($1::text[], $2::text[]) AS signal(channel, payload)',
          values: [batch.map((s) => s.channel), batch.map((s) => s.payload)],
          // pg fails the query at the deadline; the pool then drops its connection.
          query_timeout: this.timing.sendTimeoutMs,
        } as pg.QueryConfig)
        .then(
          () => true,
          () => false,
        );
      for (const signal of batch) signal.sent?.(sent);
    }
    // Stopped: what is left is never sent.
    for (const signal of this.outbox.splice(0)) signal.sent?.(false);
    this.jobsNotifyQueued = false;
    this.sending = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    // The connection in use, or one still opening (its start() then finds itself replaced).
    const client = this.current;
    this.current = null;
    this.client = null;
    this.connectionChanged(false);
    await client?.end().catch(() => undefined);
  }
}
