/**
 * Operator routes (workspaces) and the workspace's own settings and carrier credentials.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { z } from 'zod';
import { accountCarriers, findCarrier } from '../../carriers/registry.js';
import type { CarrierAdapter } from '../../carriers/carrier.js';
import { badRequest, notFound } from '../../errors.js';
import { listCarrierAccounts, saveCarrierCredentials } from '../../services/carrier-accounts.js';
import { checkCarrierCredentials, importCarrierNumber, importNumberSchema, listCarrierNumbers } from '../../services/carrier-numbers.js';
import {
  createWorkspace,
  createWorkspaceSchema,
  getWorkspace,
  listWorkspaces,
  updateWorkspace,
  updateWorkspaceSchema,
} from '../../services/workspaces.js';
import { requireOperator, requireRole, requireWorkspace } from '../auth.js';
import { createWorkspaceWithOwner, workspaceOwnerSchema } from '../../provisioning/workspace-with-owner.js';
import { doc } from '../openapi/route-doc.js';
import { createdWorkspaceResponse, workspacePageResponse, workspaceResponse } from '../responses/workspaces.js';
import { carrierAccountPageResponse, carrierNumberPageResponse, savedCarrierAccountResponse } from '../responses/carriers.js';
import { phoneNumberResponse } from '../responses/phone-numbers.js';

const createWorkspaceBodySchema = createWorkspaceSchema.extend({ owner: workspaceOwnerSchema.optional() }).strict();

/** The OpenAPI body of PUT /api/v1/carriers/:carrier: one of the account carriers' own schemas. */
const carrierCredentialsBody = z.union(accountCarriers().map((c) => c.credentialsSchema.describe(`${c.displayName} (PUT /api/v1/carriers/${c.name})`)));

/** A carrier whose numbers live in an account (the sandbox has no account to connect). */
function accountCarrier(name: string): CarrierAdapter {
  const adapter = findCarrier(name);
  if (!adapter || !adapter.numbersBelongToAccount) throw notFound('Carrier');
  return adapter;
}

/** Twilio's number ids are `PN` + 32 hex; other carriers check their own shape at the carrier. */
function parseImport(adapter: CarrierAdapter, body: unknown) {
  const input = importNumberSchema.parse(body);
  if (adapter.name === 'twilio' && !/^PN[0-9a-fA-F]{32}$/.test(input.sid)) {
    throw badRequest('sid must be a Twilio phone number SID (PN…)', 'sid');
  }
  return input;
}

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/workspaces', doc({ tag: 'Workspaces', summary: 'Create a workspace (and optionally its first owner)', description: 'Answers the workspace with its API key, shown once; with `owner`, the owner account too (a generated password is shown once).', auth: 'operator', body: createWorkspaceBodySchema, response: { status: 201, description: 'The workspace, with its API key', schema: createdWorkspaceResponse } }), async (req, reply) => {
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

  app.get('/api/v1/workspaces', doc({ tag: 'Workspaces', summary: 'List workspaces', auth: 'operator', response: { description: 'Every workspace', schema: workspacePageResponse } }), async (req) => {
    await requireOperator(ctx, req);
    return { data: await listWorkspaces(ctx), nextCursor: null };
  });

  app.get('/api/v1/workspace', doc({ tag: 'Workspaces', summary: 'Get the workspace and its settings', auth: 'workspace', response: { description: 'The workspace', schema: workspaceResponse } }), async (req) => getWorkspace(ctx, await requireWorkspace(ctx, req)));

  app.patch('/api/v1/workspace', doc({ tag: 'Workspaces', summary: 'Update the workspace settings', auth: 'workspace', body: updateWorkspaceSchema, response: { description: 'The workspace', schema: workspaceResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return updateWorkspace(ctx, workspaceId, updateWorkspaceSchema.parse(req.body));
  });

  // Owner-only: the carrier account spends money and its secret is a key.
  app.put<{ Params: { carrier: string } }>('/api/v1/carriers/:carrier', doc({ tag: 'Carriers', summary: 'Save the credentials of a carrier account', description: `The body is the carrier's own credentials (each carrier's schema, below): ${accountCarriers().map((c) => `\`${c.name}\`: ${Object.keys(c.credentialsSchema.shape).map((k) => `\`${k}\``).join(', ')}`).join('; ')}. Checks them with the carrier (rejected: 400 naming the secret's field; carrier unreachable: saved with a \`warning\`); secrets are stored encrypted and never returned.`, auth: 'owner', body: carrierCredentialsBody, response: { description: 'The saved account', schema: savedCarrierAccountResponse } }), async (req) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    const adapter = accountCarrier(req.params.carrier);
    const creds = adapter.parseCredentials(req.body);
    const check = await checkCarrierCredentials(ctx, adapter, creds);
    const saved = await saveCarrierCredentials(ctx, workspaceId, adapter.name, creds);
    req.log.info({ carrier: adapter.name, accountSid: saved.accountSid, verified: check.verified }, 'carrier credentials saved');
    return { ...saved, ...check };
  });

  app.get<{ Params: { carrier: string } }>('/api/v1/carriers/:carrier/numbers', doc({ tag: 'Carriers', summary: 'List the numbers in the carrier account', description: 'Each says whether it is already imported.', auth: 'workspace', response: { description: 'The numbers, each saying whether it is imported', schema: carrierNumberPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await listCarrierNumbers(ctx, workspaceId, accountCarrier(req.params.carrier)), nextCursor: null };
  });

  app.post<{ Params: { carrier: string } }>('/api/v1/carriers/:carrier/numbers/import', doc({ tag: 'Carriers', summary: 'Import a number from the carrier account and point its webhooks at Textback', description: 'If the carrier refuses the webhook change, nothing is kept (502).', auth: 'workspace', body: importNumberSchema, response: { status: 201, description: 'The phone number', schema: phoneNumberResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const adapter = accountCarrier(req.params.carrier);
    return reply.code(201).send(await importCarrierNumber(ctx, workspaceId, adapter, parseImport(adapter, req.body)));
  });

  app.get('/api/v1/carriers', doc({ tag: 'Carriers', summary: 'List the carrier accounts', auth: 'workspace', response: { description: 'The connected carrier accounts (never their secrets)', schema: carrierAccountPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await listCarrierAccounts(ctx, workspaceId), nextCursor: null };
  });
}
