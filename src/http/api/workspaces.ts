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
import { requireOperator, requireRole, requireWorkspace } from '../auth.js';
import { createWorkspaceWithOwner, workspaceOwnerSchema } from '../../services/members.js';
import { checkTwilioCredentials, importTwilioNumber, listTwilioNumbers } from '../../services/twilio-account.js';
import { z } from 'zod';

const createWorkspaceBodySchema = createWorkspaceSchema.extend({ owner: workspaceOwnerSchema.optional() }).strict();

const importNumberSchema = z.object({ sid: z.string().regex(/^PN[0-9a-fA-F]{32}$/, 'must be a Twilio phone number SID (PN…)') }).strict();

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/workspaces', async (req, reply) => {
    await requireOperator(ctx, req);
    const { owner, ...input } = createWorkspaceBodySchema.parse(req.body);
    if (owner) {
      // With an owner, the workspace comes with its first dashboard account (a generated password
      // is shown once, like the API key).
      const made = await createWorkspaceWithOwner(ctx, { workspace: input, owner });
      req.log.info({ workspaceId: made.workspace.id }, 'workspace created with an owner');
      return reply.code(201).send({
        ...made.workspace,
        owner: { ...made.owner, createdAccount: made.createdUser, ...(made.generatedPassword ? { password: made.generatedPassword } : {}) },
      });
    }
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

  // Owner-only: the carrier account spends money and its auth token is a key.
  app.put('/api/v1/carriers/twilio', async (req) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    const input = twilioCredentialsSchema.parse(req.body);
    const check = await checkTwilioCredentials(ctx, input.accountSid, input.authToken);
    const saved = await saveTwilioCredentials(ctx, workspaceId, input);
    req.log.info({ accountSid: saved.accountSid, verified: check.verified }, 'twilio credentials saved');
    return { ...saved, ...check };
  });

  app.get('/api/v1/carriers/twilio/numbers', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await listTwilioNumbers(ctx, workspaceId), nextCursor: null };
  });

  app.post('/api/v1/carriers/twilio/numbers/import', async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { sid } = importNumberSchema.parse(req.body);
    return reply.code(201).send(await importTwilioNumber(ctx, workspaceId, sid));
  });

  app.get('/api/v1/carriers', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await listCarrierAccounts(ctx, workspaceId), nextCursor: null };
  });
}
