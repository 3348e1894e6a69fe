/**
 * /api/v1/stats/overview: the missed-call recovery funnel for the dashboard.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { overview, statsQuerySchema } from '../../services/stats.js';
import { requireWorkspace } from '../auth.js';
import { doc } from '../openapi/route-doc.js';

export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/stats/overview', doc({ tag: 'Stats', summary: 'The missed-call recovery funnel', auth: 'workspace', query: statsQuerySchema }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return overview(ctx, workspaceId, statsQuerySchema.parse(req.query ?? {}).days);
  });
}
