/**
 * /api/v1/stats/overview: the missed-call recovery funnel for the dashboard.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { clearSandboxHistory } from '../../services/clear-sandbox-history.js';
import { overview, statsQuerySchema, type Overview } from '../../services/stats.js';
import { requireRole, requireWorkspace } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { clientGone, withReportsCheckedBy } from '../report-reads.js';
import { SharedReads } from '../shared-reads.js';
import { overviewResponse, sandboxHistoryClearedResponse } from '../responses/insights.js';

/**
 * `overviews`: every open overview of a business refetches at the same change, so the requests
 * that ask while one is computed share it (shared-reads.ts). Keyed by business first (see forget below).
 */
export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext, overviews: SharedReads<Overview>): void {
  app.get('/api/v1/stats/overview', doc({ tag: 'Stats', summary: 'The missed-call recovery funnel', auth: 'workspace', query: statsQuerySchema, response: { description: 'The funnel', schema: overviewResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const q = statsQuerySchema.parse(req.query ?? {});
    return overviews.read(`${workspaceId}|${q.days}|${q.includeSandbox}`, clientGone(req), (allGone) =>
      overview(withReportsCheckedBy(ctx, allGone), workspaceId, q.days, q.includeSandbox),
    );
  });

  // Owner only: it deletes the phone simulator's practice calls and conversations for good.
  app.delete('/api/v1/sandbox/history', doc({ tag: 'Sandbox', summary: "Delete the phone simulator's practice calls and conversations", description: 'For good; answers how many calls and conversations went.', auth: 'owner', response: { description: 'How many calls and conversations went', schema: sandboxHistoryClearedResponse } }), async (req) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    const cleared = await clearSandboxHistory(ctx, workspaceId);
    // The next overview must not share one that began before the practice rows went.
    overviews.forget((key) => key.startsWith(`${workspaceId}|`));
    return cleared;
  });
}
