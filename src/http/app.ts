/**
 * The Fastify application: JSON API, carrier webhooks and health, with one error format.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { isDatabaseReachable } from '../store/database.js';
import { registerAgentRoutes } from './api/agent.js';
import { registerApiKeyRoutes } from './api/api-keys.js';
import { registerCallEventRoutes } from './api/call-events.js';
import { registerCallRoutes } from './api/calls.js';
import { registerContactRoutes } from './api/contacts.js';
import { registerConversationRoutes } from './api/conversations.js';
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

export interface AppOptions {
  /** Extra route modules (webhooks, dashboard) registered by later layers. */
  routes?: Array<(app: FastifyInstance, ctx: AppContext) => void>;
}

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : `req_${randomBytes(8).toString('hex')}`;
    },
    // Twilio webhook bodies are small; 1 MiB leaves room for the API's knowledge entries.
    bodyLimit: 1024 * 1024,
    // Only a proxy we were told about may name the client's address (it keys login rate limits).
    trustProxy: ctx.config.trustProxy,
    // Ends live event streams on shutdown instead of waiting for browsers to hang up.
    forceCloseConnections: true,
  });
  installErrorHandler(app);
  await app.register(formbody);
  // Parses the dashboard's session cookie (unsigned: its value is a random token checked against the database).
  await app.register(cookie);

  app.get('/healthz', async (_req, reply) => {
    const ok = await isDatabaseReachable(ctx.store);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database unreachable' });
  });

  registerWorkspaceRoutes(app, ctx);
  registerPhoneNumberRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerCallRoutes(app, ctx);
  registerCallEventRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
  registerSandboxRoutes(app, ctx);
  registerAgentRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  registerLiveStreamRoutes(app, ctx);
  registerPipelineRoutes(app, ctx);
  registerWorkflowRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerMemberRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  registerWarningRoutes(app, ctx);
  registerSandboxMedia(app);
  for (const register of opts.routes ?? []) register(app, ctx);
  registerDashboard(app, ctx);
  return app;
}
