/**
 * The dependencies every service receives, passed in rather than imported, so a test swaps a part
 * (the clock, the carrier API URL, the model) by passing a different one.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { SecretBox } from './security/secret-box.js';
import type { Store } from './store/database.js';
import type { Database } from './store/schema.js';
import type { LiveEvents } from './services/live-events.js';
import type { InboundTextHandler } from './services/inbound-text-handler.js';
import type { JobHandoff } from './jobs/job-handoff.js';
import type { NumberContextCache } from './services/number-context-cache.js';
import type { PgNotifier } from './store/pg-notifier.js';

export interface AppContext {
  config: Config;
  store: Store;
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  secrets: SecretBox;
  /** Wakes this process's job worker after a commit that enqueued work (no-op without a worker). */
  wakeWorker(): void;
  /**
   * An offer of one write's due job to this process's worker (jobs/job-handoff.ts): run by it
   * without a claim while it has a free slot. Offers nothing in a process without a worker.
   */
  handoffToWorker(): JobHandoff;
  /** In-process notifications for live views (dashboard SSE, the simulator). */
  live: LiveEvents;
  /**
   * What acts on an ordinary inbound text once stored (the AI agent), registered at composition
   * (runtime.ts) so services never import the features above them.
   */
  inboundTextHandlers: readonly InboundTextHandler[];
  /**
   * What carrier webhooks read about a called number, kept per process (services/number-context-cache.ts);
   * absent where nothing would keep it fresh (the CLI), and then every read goes to the database.
   */
  numberContexts?: NumberContextCache;
  /**
   * PostgreSQL: the connection that hears other processes' signals (store/pg-notifier.ts), for the
   * metrics and to say what it listens to; absent on SQLite and where nothing listens (the CLI).
   */
  signals?: Pick<PgNotifier, 'isListening' | 'losses' | 'channels'>;
}
