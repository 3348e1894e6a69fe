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
import { createWorkspaceWithOwner, workspaceOwnerSchema } from '../../provisioning/workspace-with-owner.js';
import { checkTwilioCredentials, importTwilioNumber, listTwilioNumbers } from '../../services/twilio-account.js';
import { z } from 'zod';
import { doc } from '../openapi/route-doc.js';

const createWorkspaceBodySchema = createWorkspaceSchema.extend({ owner: workspaceOwnerSchema.optional() }).strict();

const importNumberSchema = z.object({ sid: z.string().regex(/^PN[0-9a-fA-F]{32}$/, 'must be a Twilio phone number SID (PN…)') }).strict();

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/workspaces', doc({ tag: 'Workspaces', summary: 'Create a workspace (and optionally its first owner)', description: 'Answers the workspace with its API key, shown once; with `owner`, the owner account too (a generated password is shown once).', auth: 'operator', body: createWorkspaceBodySchema, response: { status: 201, description: 'The workspace, with its API key' } }), async (req, reply) => {
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

  app.get('/api/v1/workspaces', doc({ tag: 'Workspaces', summary: 'List workspaces', auth: 'operator' }), async (req) => {
    await requireOperator(ctx, req);
    return { data: await listWorkspaces(ctx), nextCursor: null };
  });

  app.get('/api/v1/workspace', doc({ tag: 'Workspaces', summary: 'Get the workspace and its settings', auth: 'workspace' }), async (req) => getWorkspace(ctx, await requireWorkspace(ctx, req)));

  app.patch('/api/v1/workspace', doc({ tag: 'Workspaces', summary: 'Update the workspace settings', auth: 'workspace', body: updateWorkspaceSchema }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return updateWorkspace(ctx, workspaceId, updateWorkspaceSchema.parse(req.body));
  });

  app.put('/api/v1/carriers/twilio', doc({ tag: 'Carriers', summary: 'Save Twilio credentials', description: 'Checks them with Twilio; the auth token is stored encrypted and never returned.', auth: 'workspace', body: twilioCredentialsSchema }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const input = twilioCredentialsSchema.parse(req.body);
    const check = await checkTwilioCredentials(ctx, input.accountSid, input.authToken);
    const saved = await saveTwilioCredentials(ctx, workspaceId, input);
    req.log.info({ accountSid: saved.accountSid, verified: check.verified }, 'twilio credentials saved');
    return { ...saved, ...check };
  });

  app.get('/api/v1/carriers/twilio/numbers', doc({ tag: 'Carriers', summary: 'List the numbers in the Twilio account', auth: 'workspace' }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await listTwilioNumbers(ctx, workspaceId), nextCursor: null };
  });

  app.post('/api/v1/carriers/twilio/numbers/import', doc({ tag: 'Carriers', summary: 'Import a Twilio number and point its webhooks at Textback', auth: 'workspace', body: importNumberSchema, response: { status: 201, description: 'The phone number' } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { sid } = importNumberSchema.parse(req.body);
    return reply.code(201).send(await importTwilioNumber(ctx, workspaceId, sid));
  });

  app.get('/api/v1/carriers', doc({ tag: 'Carriers', summary: 'List the carrier accounts', auth: 'workspace' }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await listCarrierAccounts(ctx, workspaceId), nextCursor: null };
  });
}
