/**
 * Assembles a running Textback from a Config: database, migrations, context, HTTP app and job
 * worker, started according to ROLE. main.ts and the integration tests both use it, so tests run
 * the very same wiring as production.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock.js';
import { databaseSettings, type Config } from './config.js';
import type { AppContext } from './context.js';
import { buildApp, type HttpLimits } from './http/app.js';
import { jobDefinitions, jobHandlers } from './jobs/registry.js';
import { readAtClaimOf } from './jobs/read-at-claim.js';
import { JobWorker } from './jobs/job-worker.js';
import { JobHandoff } from './jobs/job-handoff.js';
import { createLogger } from './logger.js';
import { SecretBox } from './security/secret-box.js';
import { LiveEvents, type LiveEvent } from './services/live-events.js';
import { JOBS_CHANNEL, LIVE_CHANNEL, PgNotifier } from './store/pg-notifier.js';
import { migrateToLatest, openStore } from './store/database.js';
import { postgresSettingWarnings } from './store/postgres-settings-check.js';
import { webhookRoutes } from './http/webhooks/index.js';
import { WorkerHeartbeat } from './ops/worker-heartbeat.js';
import { scheduleAgentReply } from './agent/schedule-agent-reply.js';
import { NumberContextCache } from './services/number-context-cache.js';
import { watchSettingsChanges } from './services/settings-change-watch.js';

export interface Runtime {
  ctx: AppContext;
  app: FastifyInstance | null;
  worker: JobWorker | null;
  /** The PostgreSQL LISTEN/NOTIFY connection (store/pg-notifier.ts); null on SQLite. */
  notifier: PgNotifier | null;
  /** The URL the HTTP server listens on, once started. */
  url: string | null;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  /** Start the worker's background loop (tests that drive jobs by hand pass false and call drain()). */
  startWorkerLoop?: boolean;
  workerPollMs?: number;
  workerLeaseMs?: number;
  /** HTTP limit overrides (tests use short time-outs). */
  httpLimits?: Partial<HttpLimits>;
}

export async function startRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const store = openStore(config.databaseUrl, { poolSize: config.databasePoolSize, ...databaseSettings(config) });
  if (store.checkpointer) {
    store.checkpointer.onFailure = (error) =>
      logger.warn({ error }, 'SQLite checkpoint thread stopped; the write-ahead log is now checkpointed only when it reaches ~40 MB');
  }
  await migrateToLatest(store);
  for (const warning of await postgresSettingWarnings(store)) logger.warn(warning);

  let worker: JobWorker | null = null;
  let heartbeat: WorkerHeartbeat | null = null;
  // With PostgreSQL, other processes may share the database: signal them too.
  const notifier = store.pgQuery ? new PgNotifier(config.databaseUrl, { query: store.pgQuery }, logger.child({ component: 'notify' }), { sendTimeoutMs: config.databaseQueryTimeoutMs }) : null;
  const ctx: AppContext = {
    config,
    store,
    db: store.db,
    clock: opts.clock ?? systemClock,
    logger,
    secrets: new SecretBox(config.secretKey),
    // A running job's handler gets a ctx whose wakeWorker defers to its worker (JobRun.wakeWorker).
    wakeWorker: () => {
      worker?.wake();
      notifier?.notifyJobs();
    },
    // ROLE=web has no worker: the offer takes nothing and the job is queued pending as before.
    handoffToWorker: () => new JobHandoff(worker),
    live: new LiveEvents(),
    // The features above services that answer inbound texts (services/inbound-text-handler.ts).
    inboundTextHandlers: [scheduleAgentReply],
    // Only carrier webhooks read it: a ROLE=worker process keeps none, and so listens to no settings changes.
    ...(config.role === 'worker' ? {} : { numberContexts: new NumberContextCache() }),
    ...(notifier ? { signals: notifier } : {}),
  };
  // Before the notifier starts: it LISTENs to the channels registered by then.
  if (ctx.numberContexts) watchSettingsChanges(store, ctx.numberContexts, notifier);
  if (notifier) {
    // A process listens only to the signals it can act on: job wake-ups where it runs a worker, live
    // events where it serves dashboards (ROLE=worker has no web server). Every signal on a channel
    // is delivered to, and parsed by, each process listening to it: about five live events a
    // missed call, which a worker would parse only to drop.
    if (config.role !== 'web') {
      // Our own NOTIFY comes back to us too; this process already woke its worker directly.
      notifier.on(JOBS_CHANNEL, (origin) => {
        if (origin !== notifier.origin) worker?.wake();
      });
    }
    if (config.role !== 'worker') {
      notifier.on(LIVE_CHANNEL, (payload) => {
        const { origin, event } = JSON.parse(payload) as { origin: string; event: LiveEvent };
        if (origin !== notifier.origin) ctx.live.deliverRemote(event);
      });
    }
    // Every process tells the others of its changes: a worker's sends reach the web processes' dashboards.
    ctx.live.setBridge((event) => notifier.notify(LIVE_CHANNEL, JSON.stringify({ origin: notifier.origin, event })));
    await notifier.start();
  }

  if (config.role !== 'web') {
    worker = new JobWorker({
      store,
      clock: ctx.clock,
      logger: logger.child({ component: 'worker' }),
      handlers: jobHandlers(ctx),
      readAtClaim: readAtClaimOf(jobDefinitions),
      concurrency: config.workerConcurrency,
      pollMs: opts.workerPollMs,
      leaseMs: opts.workerLeaseMs,
      wakeAll: () => ctx.wakeWorker(),
      // Only a process that hears other processes' NOTIFY can stop polling while idle; and only on
      // the real clock (a test's manual clock moves without waking anyone).
      listening: notifier && ctx.clock === systemClock ? () => notifier.isListening() : undefined,
      jobRetentionMs: config.jobRetentionMs,
      eventRetentionMs: config.eventRetentionMs,
    });
    if (opts.startWorkerLoop !== false) {
      worker.start();
      heartbeat = new WorkerHeartbeat(store, ctx.clock, worker.workerId, logger.child({ component: 'heartbeat' }));
      await heartbeat.start();
    }
  }

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (config.role !== 'worker') {
    app = await buildApp(ctx, { routes: webhookRoutes, limits: opts.httpLimits });
    url = await app.listen({ port: config.port, host: config.host });
  }

  let stopped = false;
  return {
    ctx,
    app,
    worker,
    notifier,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop taking requests first, then let running jobs finish, then close the database.
      await app?.close();
      await worker?.stop();
      await heartbeat?.stop().catch((err: unknown) => logger.warn({ err }, 'could not remove the worker heartbeat'));
      await notifier?.stop();
      await store.close();
    },
  };
}
