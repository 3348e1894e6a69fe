/**
 * /api/v1/workflows: definitions (CRUD), run history, and the signing secret's rotation.
 * Thin routes, schema → service.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { createWorkflowSchema, updateWorkflowSchema } from '../../workflows/workflow-schema.js';
import { getWorkflowRun, listWorkflowRuns } from '../../workflows/workflow-runs.js';
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  listWorkflows,
  rotateSigningSecret,
  updateWorkflow,
} from '../../workflows/workflow-store.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage, queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';
import { createdWorkflowResponse, signingSecretResponse, workflowDetailResponse, workflowPageResponse, workflowRunPageResponse, workflowRunResponse } from '../responses/workflows.js';

type IdParams = { Params: { id: string } };

function booleanQuery(query: unknown, key: string): boolean | undefined {
  const v = queryString(query, key);
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badRequest(`${key} must be true or false`, key);
}

export function registerWorkflowRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/workflows', doc({ tag: 'Workflows', summary: 'Create a workflow', description: 'The signing secret is in this answer only.', auth: 'workspace', body: createWorkflowSchema, response: { status: 201, description: 'The workflow', schema: createdWorkflowResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const created = await createWorkflow(ctx, workspaceId, createWorkflowSchema.parse(req.body));
    req.log.info({ workflowId: created.id, trigger: created.trigger.type }, 'workflow created');
    return reply.code(201).send(created);
  });

  app.get('/api/v1/workflows', doc({ tag: 'Workflows', summary: 'List workflows', auth: 'workspace', query: listQuery({ enabled: 'true or false', triggerType: 'The trigger type' }), response: { description: 'A page of workflows', schema: workflowPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { enabled: booleanQuery(req.query, 'enabled'), triggerType: queryString(req.query, 'triggerType') };
    return listWorkflows(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.get<IdParams>('/api/v1/workflows/:id', doc({ tag: 'Workflows', summary: 'Get a workflow', auth: 'workspace', response: { description: 'The workflow', schema: workflowDetailResponse } }), async (req) => getWorkflow(ctx, await requireWorkspace(ctx, req), req.params.id));

  app.patch<IdParams>('/api/v1/workflows/:id', doc({ tag: 'Workflows', summary: 'Update a workflow', auth: 'workspace', body: updateWorkflowSchema, response: { description: 'The workflow', schema: workflowDetailResponse } }), async (req) =>
    updateWorkflow(ctx, await requireWorkspace(ctx, req), req.params.id, updateWorkflowSchema.parse(req.body)),
  );

  app.delete<IdParams>('/api/v1/workflows/:id', doc({ tag: 'Workflows', summary: 'Delete a workflow', auth: 'workspace', response: { status: 204, description: 'Deleted' } }), async (req, reply) => {
    await deleteWorkflow(ctx, await requireWorkspace(ctx, req), req.params.id);
    return reply.code(204).send();
  });

  app.get<IdParams>('/api/v1/workflows/:id/runs', doc({ tag: 'Workflows', summary: "List a workflow's runs", auth: 'workspace', query: listQuery({ status: 'The run status', contactId: 'Runs for this contact' }), response: { description: 'A page of runs, newest first', schema: workflowRunPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { status: queryString(req.query, 'status'), contactId: queryString(req.query, 'contactId') };
    return listWorkflowRuns(ctx, workspaceId, req.params.id, filter, parsePage(req.query));
  });

  app.get<{ Params: { id: string; runId: string } }>('/api/v1/workflows/:id/runs/:runId', doc({ tag: 'Workflows', summary: 'Get a run with its steps', auth: 'workspace', response: { description: 'The run', schema: workflowRunResponse } }), async (req) =>
    getWorkflowRun(ctx, await requireWorkspace(ctx, req), req.params.id, req.params.runId),
  );

  // The secret is shown once at create; a lost one is replaced, never read back.
  app.post<IdParams>('/api/v1/workflows/:id/signing-secret', doc({ tag: 'Workflows', summary: 'Rotate the webhook signing secret', description: 'The new secret is in this answer only.', auth: 'workspace', response: { description: 'The new signing secret (shown once)', schema: signingSecretResponse } }), async (req) =>
    rotateSigningSecret(ctx, await requireWorkspace(ctx, req), req.params.id),
  );
}
