/**
 * Prometheus metrics (`GET /metrics`). Two kinds:
 *
 * - Per process, observed as they happen: HTTP request latency by route (carrier webhooks included),
 *   database transactions and commits, database pool use, and Node's process metrics (prom-client's
 *   defaults).
 * - Database-wide, computed from the tables at scrape time: jobs by kind and state, queue age,
 *   text-backs by outcome and reason, sends by carrier error code, agent turns and their latency by
 *   provider. Reading the rows instead of counting in the services keeps the services free of
 *   metric calls and makes the figures right whichever process (web or worker) did the work; the
 *   worker process serves no HTTP, so it could not be scraped anyway. Several web processes report
 *   the same database-wide figures: aggregate them with max(), not sum().
 *
 * Textback's own names start with `textback_`.
 */
import { NOT_DONE, NOT_URGENT, PENDING, URGENT } from '../jobs/job-status-sql.js';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { AppContext } from '../context.js';

/** Agent latency buckets, seconds: the builtin model answers in milliseconds, a hosted one in seconds. */
const AGENT_LATENCY_BUCKETS = [0.05, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];

/** Node's process metrics, collected once per process (however many apps a test process builds). */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface Metrics {
  /** Records one finished HTTP request (called from the app's onResponse hook). */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
  /** The whole exposition, Prometheus text format. */
  render(): Promise<string>;
  contentType: string;
}

/** Counts from GROUP BY come back as strings on some drivers. */
const num = (v: unknown): number => Number(v ?? 0);

/** A report the dashboards' requests share while one is computed (http/shared-reads.ts): how each was answered. */
export interface ReadSharing {
  readonly report: string;
  readonly computed: number;
  readonly shared: number;
}

export function createMetrics(ctx: AppContext, sharedReads: readonly ReadSharing[] = []): Metrics {
  const registry = new Registry();
  const { db, store, clock } = ctx;

  const requestDuration = new Histogram({
    name: 'textback_http_request_duration_seconds',
    help: 'HTTP request latency by route (carrier webhooks are the /webhooks/… routes)',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  new Gauge({
    name: 'textback_jobs',
    help: 'Jobs by kind and state: queued (due or scheduled), failed (waiting to retry), running, dead',
    labelNames: ['kind', 'state'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('jobs')
        .select([
          'kind',
          sql<string>`case when status = 'pending' and last_error is not null then 'failed' when status = 'pending' then 'queued' else status end`.as(
            'state',
          ),
          (eb) => eb.fn.countAll().as('n'),
        ])
        // As literals, so the partial indexes serve it instead of a scan over every finished job.
        .where(NOT_DONE)
        .groupBy(['kind', sql`2`])
        .execute();
      this.reset();
      for (const r of rows) this.set({ kind: r.kind, state: r.state }, num(r.n));
    },
  });

  new Gauge({
    name: 'textback_job_queue_age_seconds',
    help: 'How long the oldest due job of each kind has been waiting to be claimed',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const now = clock.now();
      // Urgent and other jobs each from their own index of pending jobs (migration 019).
      const oldestDue = (urgency: typeof URGENT) =>
        db
          .selectFrom('jobs')
          .select(['kind', (eb) => eb.fn.min('run_at').as('oldest')])
          .where('status', '=', PENDING)
          .where(urgency)
          .where('run_at', '<=', now)
          .groupBy('kind');
      const rows = await oldestDue(URGENT).unionAll(oldestDue(NOT_URGENT)).execute();
      // A kind queued both ways (a reply and a bulk text are both message.send): its oldest of the two.
      const oldest = new Map<string, number>();
      for (const r of rows) oldest.set(r.kind, Math.min(oldest.get(r.kind) ?? Infinity, num(r.oldest)));
      this.reset();
      for (const [kind, at] of oldest) this.set({ kind }, Math.max(0, (now - at) / 1000));
    },
  });

  // Counters count rows whose label values never change again (final outcomes), so every series
  // only grows; what is still in flight is a gauge.
  new Counter({
    name: 'textback_text_backs_total',
    help: 'Missed calls by final text-back outcome (sent, skipped, failed) and the reason one was skipped or failed',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('calls')
        .select(['textback_status', 'textback_reason', (eb) => eb.fn.countAll().as('n')])
        .where('textback_status', 'in', ['sent', 'skipped', 'failed'])
        .groupBy(['textback_status', 'textback_reason'])
        .execute();
      this.reset();
      for (const r of rows) this.inc({ outcome: r.textback_status ?? '', reason: r.textback_reason ?? '' }, num(r.n));
    },
  });

  new Gauge({
    name: 'textback_text_backs_pending',
    help: 'Missed calls whose text-back is decided but not sent yet (waiting for the call to end, quiet hours, the worker)',
    registers: [registry],
    async collect() {
      const row = await db
        .selectFrom('calls')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('textback_status', '=', 'pending')
        .executeTakeFirst();
      this.set(num(row?.n));
    },
  });

  new Counter({
    name: 'textback_sends_total',
    help: 'Outbound texts created, by carrier (every send attempt the rules let through or refused)',
    labelNames: ['carrier'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('messages')
        .select(['carrier', (eb) => eb.fn.countAll().as('n')])
        .where('direction', '=', 'outbound')
        .groupBy('carrier')
        .execute();
      this.reset();
      for (const r of rows) this.inc({ carrier: r.carrier }, num(r.n));
    },
  });

  new Counter({
    name: 'textback_send_errors_total',
    help: "Outbound texts that failed, by carrier and the carrier's error code",
    labelNames: ['carrier', 'error_code'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('messages')
        .select(['carrier', 'error_code', (eb) => eb.fn.countAll().as('n')])
        .where('direction', '=', 'outbound')
        .where('error_code', 'is not', null)
        .groupBy(['carrier', 'error_code'])
        .execute();
      this.reset();
      for (const r of rows) this.inc({ carrier: r.carrier, error_code: r.error_code ?? '' }, num(r.n));
    },
  });

  new Gauge({
    name: 'textback_outbound_messages',
    help: 'Outbound texts by carrier and current status (pending, sending, queued, sent, delivered, undelivered, failed, refused)',
    labelNames: ['carrier', 'status'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('messages')
        .select(['carrier', 'status', (eb) => eb.fn.countAll().as('n')])
        .where('direction', '=', 'outbound')
        .groupBy(['carrier', 'status'])
        .execute();
      this.reset();
      for (const r of rows) this.set({ carrier: r.carrier, status: r.status }, num(r.n));
    },
  });

  new Counter({
    name: 'textback_agent_turns_total',
    help: 'Finished AI agent turns by model provider and status (replied, handoff, skipped, failed)',
    labelNames: ['provider', 'status'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('agent_turns')
        .select(['provider', 'status', (eb) => eb.fn.countAll().as('n')])
        .where('status', '!=', 'running')
        .groupBy(['provider', 'status'])
        .execute();
      this.reset();
      for (const r of rows) this.inc({ provider: r.provider, status: r.status }, num(r.n));
    },
  });

  registry.registerMetric(agentLatencyHistogram(ctx) as unknown as Metric);

  // This process's database work, as the store's driver counted it (Store.stats).
  new Counter({
    name: 'textback_db_transactions_total',
    help: 'Database transactions this process ran',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(store.stats.transactions);
    },
  });
  new Counter({
    name: 'textback_db_commits_total',
    help: 'Commits this process made durable: each COMMIT and each write outside a transaction; on SQLite one COMMIT carries the transactions that ran together (group commit)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(store.stats.commits);
    },
  });

  new Counter({
    name: 'textback_dashboard_reads_total',
    help: "This process's answers to the dashboard's shared reports (the overview), by whether the request computed its own or shared one another request was already computing",
    labelNames: ['report', 'answer'],
    registers: [registry],
    collect() {
      this.reset();
      for (const r of sharedReads) {
        this.inc({ report: r.report, answer: 'computed' }, r.computed);
        this.inc({ report: r.report, answer: 'shared' }, r.shared);
      }
    },
  });

  if (store.pgPool) {
    const pool = store.pgPool;
    new Gauge({
      name: 'textback_db_pool_connections',
      help: 'PostgreSQL connections of this process by state (total, idle, waiting = requests queued for one)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'textback_db_pool_max',
      help: 'Largest number of PostgreSQL connections this process may open (DATABASE_POOL_SIZE)',
      registers: [registry],
      collect() {
        this.set(pool.options.max ?? 10);
      },
    });
  }
  const idleChecks = store.pgIdleChecks;
  if (idleChecks) {
    new Counter({
      name: 'textback_db_idle_connection_checks_total',
      help: "PostgreSQL only: this process's checks of pool connections idle more than 10 s before their next statement, by outcome (answered; silent, then dropped; dropped_unasked, idle as long as a silent one)",
      labelNames: ['outcome'],
      registers: [registry],
      collect() {
        this.reset();
        this.inc({ outcome: 'answered' }, idleChecks.answered);
        this.inc({ outcome: 'silent' }, idleChecks.silent);
        this.inc({ outcome: 'dropped_unasked' }, idleChecks.droppedUnasked);
      },
    });
  }

  const signals = ctx.signals;
  if (signals) {
    new Gauge({
      name: 'textback_listen_connection_up',
      help: "PostgreSQL only: 1 while this process's LISTEN connection (other processes' signals, settings changes) is up, 0 while it is being opened again",
      registers: [registry],
      collect() {
        this.set(signals.isListening() ? 1 : 0);
      },
    });
    new Counter({
      name: 'textback_listen_connection_losses_total',
      help: "PostgreSQL only: times this process's LISTEN connection was lost (an error, an end, no answer to its liveness check) or an attempt to open it again failed",
      registers: [registry],
      collect() {
        this.reset();
        this.inc(signals.losses);
      },
    });
  }

  return {
    contentType: registry.contentType,
    observeRequest(method, route, statusCode, seconds) {
      requestDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
    },
    async render() {
      const [own, proc] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
      return `${own}\n${proc}`;
    },
  };
}

/**
 * `textback_agent_turn_duration_seconds`: a histogram whose buckets are counted from agent_turns at
 * scrape time. prom-client's Histogram can only observe, so this object gives the registry the same
 * shape (name, help, type, values) a Histogram does.
 */
function agentLatencyHistogram(ctx: AppContext) {
  const name = 'textback_agent_turn_duration_seconds';
  return {
    name,
    help: 'AI agent turn latency by model provider (finished turns)',
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const bucketColumns = AGENT_LATENCY_BUCKETS.map(
        (le, i) => sql<number>`sum(case when latency_ms <= ${le * 1000} then 1 else 0 end)`.as(`b${i}`),
      );
      const rows = (await ctx.db
        .selectFrom('agent_turns')
        .select(['provider', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('latency_ms').as('total_ms'), ...bucketColumns])
        .where('latency_ms', 'is not', null)
        .groupBy('provider')
        .execute()) as Array<Record<string, unknown> & { provider: string }>;
      const values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> = [];
      for (const r of rows) {
        AGENT_LATENCY_BUCKETS.forEach((le, i) => {
          values.push({ metricName: `${name}_bucket`, labels: { provider: r.provider, le }, value: num(r[`b${i}`]) });
        });
        values.push({ metricName: `${name}_bucket`, labels: { provider: r.provider, le: '+Inf' }, value: num(r.n) });
        values.push({ metricName: `${name}_sum`, labels: { provider: r.provider }, value: num(r.total_ms) / 1000 });
        values.push({ metricName: `${name}_count`, labels: { provider: r.provider }, value: num(r.n) });
      }
      return { name, help: this.help, type: this.type, aggregator: this.aggregator, values };
    },
  };
}
