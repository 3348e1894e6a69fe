/**
 * `GET /metrics` (Prometheus text) and the hook that times every request. Protected by the
 * operator token unless METRICS_PUBLIC=true (for a scraper on a private network).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { createMetrics, type ReadSharing } from '../ops/metrics.js';
import { requireOperator } from './auth.js';

/** Call before any route is registered, so the hook times them all. */
export function registerMetrics(app: FastifyInstance, ctx: AppContext, sharedReads: readonly ReadSharing[] = []): void {
  const metrics = createMetrics(ctx, sharedReads);

  app.addHook('onResponse', async (req, reply) => {
    // The route's pattern, not the URL: ids would make one series per contact. Unknown URLs share one.
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get('/metrics', async (req, reply) => {
    if (!ctx.config.metricsPublic) await requireOperator(ctx, req);
    const body = await metrics.render();
    return reply.type(metrics.contentType).send(body);
  });
}
