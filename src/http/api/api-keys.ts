/**
 * /api/v1/api-keys: the workspace's keys for integrations, owners only. A key is shown once, when
 * created; revoking one makes every request with it a 401 from then on.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { createApiKey, createApiKeySchema, listApiKeys, revokeApiKey } from '../../services/api-keys.js';
import { requireRole } from '../auth.js';

export function registerApiKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/api-keys', async (req) => ({ data: await listApiKeys(ctx, await requireRole(ctx, req, 'owner')), nextCursor: null }));

  app.post('/api/v1/api-keys', async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    const created = await createApiKey(ctx, workspaceId, createApiKeySchema.parse(req.body));
    req.log.info({ apiKeyId: created.id }, 'api key created');
    return reply.code(201).send(created);
  });

  app.delete<{ Params: { id: string } }>('/api/v1/api-keys/:id', async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    await revokeApiKey(ctx, workspaceId, req.params.id);
    req.log.info({ apiKeyId: req.params.id }, 'api key revoked');
    return reply.code(204).send();
  });
}
