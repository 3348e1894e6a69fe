/**
 * Health endpoints, no credentials needed (they reveal no data):
 * - `GET /healthz`: alive and able to take webhooks (the database answers). For liveness probes
 *   and load balancers: a web process stays in rotation while the worker is away, because the
 *   webhooks it takes are queued and sent when a worker returns.
 * - `GET /readyz`: ready to do the whole job: database, migrations, a live worker. 503 with the
 *   failing check's message otherwise. For deploy gates and alerts.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { checkReadiness } from '../ops/readiness.js';
import { isDatabaseReachable } from '../store/database.js';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_req, reply) => {
    const ok = await isDatabaseReachable(ctx.store);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database unreachable' });
  });

  app.get('/readyz', async (_req, reply) => {
    const readiness = await checkReadiness(ctx);
    return reply.code(readiness.ready ? 200 : 503).send({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
  });
}
