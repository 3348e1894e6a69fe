/**
 * /api/v1/stats/overview: the missed-call recovery funnel for the dashboard.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { clearSandboxHistory } from '../../services/clear-sandbox-history.js';
import { overview, statsQuerySchema } from '../../services/stats.js';
import { requireRole, requireWorkspace } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { withReportsFor } from '../report-reads.js';
import { overviewResponse, sandboxHistoryClearedResponse } from '../responses/insights.js';

export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/stats/overview', doc({ tag: 'Stats', summary: 'The missed-call recovery funnel', auth: 'workspace', query: statsQuerySchema, response: { description: 'The funnel', schema: overviewResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const q = statsQuerySchema.parse(req.query ?? {});
    return overview(withReportsFor(ctx, req), workspaceId, q.days, q.includeSandbox);
  });

  // Owner only: it deletes the phone simulator's practice calls and conversations for good.
  app.delete('/api/v1/sandbox/history', doc({ tag: 'Sandbox', summary: "Delete the phone simulator's practice calls and conversations", description: 'For good; answers how many calls and conversations went.', auth: 'owner', response: { description: 'How many calls and conversations went', schema: sandboxHistoryClearedResponse } }), async (req) => clearSandboxHistory(ctx, await requireRole(ctx, req, 'owner')));
}
