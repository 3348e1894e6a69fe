/**
 * Operator routes (workspaces) and the workspace's own settings and carrier credentials.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { listCarrierAccounts, saveTwilioCredentials, twilioCredentialsSchema } from '../../services/carrier-accounts.js';
import {
  createWorkspace,
  createWorkspaceSchema,
  getWorkspace,
  listWorkspaces,
  updateWorkspace,
  updateWorkspaceSchema,
} from '../../services/workspaces.js';
import { requireOperator, requireWorkspace } from '../auth.js';

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/workspaces', async (req, reply) => {
    await requireOperator(ctx, req);
    const input = createWorkspaceSchema.parse(req.body);
    const created = await createWorkspace(ctx, input);
    req.log.info({ workspaceId: created.id }, 'workspace created');
    return reply.code(201).send(created);
  });

  app.get('/api/v1/workspaces', async (req) => {
    await requireOperator(ctx, req);
    return { data: await listWorkspaces(ctx), nextCursor: null };
  });

  app.get('/api/v1/workspace', async (req) => getWorkspace(ctx, await requireWorkspace(ctx, req)));

  app.patch('/api/v1/workspace', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return updateWorkspace(ctx, workspaceId, updateWorkspaceSchema.parse(req.body));
  });

  app.put('/api/v1/carriers/twilio', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const saved = await saveTwilioCredentials(ctx, workspaceId, twilioCredentialsSchema.parse(req.body));
    req.log.info({ accountSid: saved.accountSid }, 'twilio credentials saved');
    return saved;
  });

  app.get('/api/v1/carriers', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await listCarrierAccounts(ctx, workspaceId), nextCursor: null };
  });
}
