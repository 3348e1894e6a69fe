/**
 * The Fastify application: JSON API, carrier webhooks and health, with one error format.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { randomPool } from '../store/random-pool.js';
import { registerAgentRoutes } from './api/agent.js';
import { registerApiKeyRoutes } from './api/api-keys.js';
import { registerCallEventRoutes } from './api/call-events.js';
import { registerCallRoutes } from './api/calls.js';
import { registerContactRoutes } from './api/contacts.js';
import { registerConversationRoutes } from './api/conversations.js';
import { registerNotificationPreferenceRoutes } from './api/notification-preferences.js';
import { registerSavedReplyAndNoteRoutes } from './api/saved-replies-and-notes.js';
import { registerContactCsvRoutes } from './api/contact-csv.js';
import { registerContactMergeRoutes } from './api/contact-merge.js';
import { registerMemberRoutes } from './api/members.js';
import { registerPhoneNumberRoutes } from './api/phone-numbers.js';
import { registerPipelineRoutes } from './api/pipeline.js';
import { registerLiveStreamRoutes } from './api/live-stream.js';
import { registerSandboxRoutes } from './api/sandbox.js';
import { registerSessionRoutes } from './api/session.js';
import { registerStatsRoutes } from './api/stats.js';
import { registerWorkflowRoutes } from './api/workflows.js';
import { registerWarningRoutes } from './api/warnings.js';
import { registerWorkspaceRoutes } from './api/workspaces.js';
import { registerDashboard } from './dashboard.js';
import { registerSandboxMedia } from './sandbox-media.js';
import { installErrorHandler } from './error-handler.js';
import { registerNulCheck } from './reject-nul.js';

/**
 * Limits on what a client may hold open. A request must arrive whole (headers and body) within
 * requestTimeoutMs, so a client trickling a body a byte at a time is answered 408 and cut off
 * instead of holding a socket for minutes; carriers send their small webhooks in milliseconds.
 * The limit covers receiving the request only: a live event stream (a GET, received at once)
 * stays open as long as the client reads it, its heartbeat keeping the idle timer away.
 */
export interface HttpLimits {
  /** Whole request (headers + body) received within this. */
  requestTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed (event streams beat every 25 s). */
  idleTimeoutMs: number;
  /** Connections open at once; more are refused at accept (the OS's file limit is the real bound). */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  // Above the agent test chat's longest model wait (timeoutSeconds ≤ 120), which sends nothing meanwhile.
  idleTimeoutMs: 180_000,
  maxConnections: 1_000,
};
import { registerMetrics } from './metrics.js';
import { SharedReads } from './shared-reads.js';
import type { Overview } from '../services/stats.js';
import { registerHealthRoutes } from './health.js';
import { collectRoutes } from './openapi/openapi-document.js';
import { registerOpenApiRoute } from './openapi/openapi-route.js';
import { serializeThroughResponseSchemas } from './openapi/response-serialization.js';

export interface AppOptions {
  /** Extra route modules (webhooks, dashboard) registered by later layers. */
  routes?: Array<(app: FastifyInstance, ctx: AppContext) => void>;
  /** Overrides for tests (shorter time-outs); production uses DEFAULT_HTTP_LIMITS. */
  limits?: Partial<HttpLimits>;
}

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };
  const app: FastifyInstance = Fastify({
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      headersTimeout: Math.min(15_000, limits.requestTimeoutMs),
      // Node sweeps for timed-out requests every 30 s by default, which would let a slow body
      // live up to twice the limit: sweep more often.
      connectionsCheckingInterval: Math.max(50, Math.min(2_000, Math.floor(limits.requestTimeoutMs / 4))),
    },
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : `req_${randomPool.hex(8)}`;
    },
    // Twilio webhook bodies are small; 1 MiB leaves room for the API's knowledge entries.
    bodyLimit: 1024 * 1024,
    // Only a proxy we were told about may name the client's address (it keys login rate limits).
    trustProxy: ctx.config.trustProxy,
    // Ends live event streams on shutdown instead of waiting for browsers to hang up.
    forceCloseConnections: true,
  });
  app.server.maxConnections = limits.maxConnections;
  installErrorHandler(app);
  registerNulCheck(app);
  // JSON answers leave through the schema their route documents (http/responses/).
  serializeThroughResponseSchemas(app);
  // First, so that it sees every route registered after it (the OpenAPI document is built from them).
  const routes = collectRoutes(app);
  // Reports the dashboards' requests share while one is computed (shared-reads.ts); counted in /metrics.
  const overviews = new SharedReads<Overview>('overview');
  registerMetrics(app, ctx, [overviews]);
  await app.register(formbody);
  // Parses the dashboard's session cookie (unsigned: its value is a random token checked against the database).
  await app.register(cookie);

  registerHealthRoutes(app, ctx);

  registerWorkspaceRoutes(app, ctx);
  registerPhoneNumberRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerCallRoutes(app, ctx);
  registerCallEventRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
  registerNotificationPreferenceRoutes(app, ctx);
  registerSavedReplyAndNoteRoutes(app, ctx);
  registerContactCsvRoutes(app, ctx);
  registerContactMergeRoutes(app, ctx);
  registerSandboxRoutes(app, ctx);
  registerAgentRoutes(app, ctx);
  registerStatsRoutes(app, ctx, overviews);
  registerLiveStreamRoutes(app, ctx);
  registerPipelineRoutes(app, ctx);
  registerWorkflowRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerMemberRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  registerWarningRoutes(app, ctx);
  registerOpenApiRoute(app, ctx, routes);
  registerSandboxMedia(app);
  for (const register of opts.routes ?? []) register(app, ctx);
  registerDashboard(app, ctx);
  return app;
}
