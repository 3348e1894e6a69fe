/**
 * /api/v1/pipeline: the workspace's ordered stages. Thin routes, schema → service.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getPipeline, putPipeline, putPipelineSchema } from '../../services/pipeline.js';
import { requireWorkspace } from '../auth.js';

export function registerPipelineRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/pipeline', async (req) => getPipeline(ctx, await requireWorkspace(ctx, req)));

  app.put('/api/v1/pipeline', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return putPipeline(ctx, workspaceId, putPipelineSchema.parse(req.body));
  });
}
