/**
 * /api/v1/pipeline: the workspace's ordered stages. Thin routes, schema → service.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getPipeline, putPipeline, putPipelineSchema } from '../../services/pipeline.js';
import { requireWorkspace } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { pipelineResponse } from '../responses/insights.js';

export function registerPipelineRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/pipeline', doc({ tag: 'Pipeline', summary: 'Get the pipeline stages', auth: 'workspace', response: { description: 'The pipeline', schema: pipelineResponse } }), async (req) => getPipeline(ctx, await requireWorkspace(ctx, req)));

  app.put('/api/v1/pipeline', doc({ tag: 'Pipeline', summary: 'Replace the pipeline stages', auth: 'workspace', body: putPipelineSchema, response: { description: 'The pipeline', schema: pipelineResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return putPipeline(ctx, workspaceId, putPipelineSchema.parse(req.body));
  });
}
