/**
 * /api/v1/api-keys: the workspace's keys for integrations, owners only. A key is shown once, when
 * created; revoking one makes every request with it a 401 from then on.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { createApiKey, createApiKeySchema, listApiKeys, revokeApiKey } from '../../services/api-keys.js';
import { requireRole } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { apiKeyPageResponse, createdApiKeyResponse } from '../responses/session.js';

export function registerApiKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/api-keys', doc({ tag: 'API keys', summary: 'List API keys', auth: 'owner', response: { description: 'The API keys (never their secrets)', schema: apiKeyPageResponse } }), async (req) => ({ data: await listApiKeys(ctx, await requireRole(ctx, req, 'owner')), nextCursor: null }));

  app.post('/api/v1/api-keys', doc({ tag: 'API keys', summary: 'Create an API key', description: 'The key is in this answer only.', auth: 'owner', body: createApiKeySchema, response: { status: 201, description: 'The key (shown once)', schema: createdApiKeyResponse } }), async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    const created = await createApiKey(ctx, workspaceId, createApiKeySchema.parse(req.body));
    req.log.info({ apiKeyId: created.id }, 'api key created');
    return reply.code(201).send(created);
  });

  app.delete<{ Params: { id: string } }>('/api/v1/api-keys/:id', doc({ tag: 'API keys', summary: 'Revoke an API key', auth: 'owner', response: { status: 204, description: 'Revoked' } }), async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    await revokeApiKey(ctx, workspaceId, req.params.id);
    req.log.info({ apiKeyId: req.params.id }, 'api key revoked');
    return reply.code(204).send();
  });
}
