/**
 * GET /api/v1/warnings: what the owner should fix about this deployment (read-only, workspace-scoped).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { deploymentWarnings } from '../../services/deployment-warnings.js';
import { obviouslyPrivateUrl } from '../../workflows/url-guard.js';
import { requireWorkspace } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { deploymentWarningPageResponse } from '../responses/workspaces.js';

export function registerWarningRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/warnings', doc({ tag: 'Workspaces', summary: 'What the owner should fix about this deployment', auth: 'workspace', response: { description: 'The warnings (often none)', schema: deploymentWarningPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await deploymentWarnings(ctx, workspaceId, obviouslyPrivateUrl(ctx.config.publicUrl)), nextCursor: null };
  });
}
