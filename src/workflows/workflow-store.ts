/**
 * Workflow definitions (contract: /api/v1/workflows): create, read, update, delete, and the
 * per-workflow webhook signing secret, sealed at rest and shown once.
 */
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { WorkflowsTable } from '../store/schema.js';
import { stageProblem } from '../services/pipeline.js';
import { generateSigningSecret } from './webhook-signing.js';
import type { CreateWorkflowInput, UpdateWorkflowInput, WorkflowAction, WorkflowTrigger } from './workflow-schema.js';
import { workflowWarnings } from './workflow-warnings.js';

export interface Workflow {
  id: string;
  name: string;
  enabled: boolean;
  trigger: WorkflowTrigger;
  actions: WorkflowAction[];
  createdAt: string;
  updatedAt: string;
}

/** A single workflow as create, get and update answer it: with the warnings about its setup. */
export interface WorkflowDetail extends Workflow {
  warnings: string[];
}

export function presentWorkflow(row: WorkflowsTable): Workflow {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    trigger: JSON.parse(row.trigger) as WorkflowTrigger,
    actions: JSON.parse(row.actions) as WorkflowAction[],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

// The sealed secret is bound to its workspace and workflow: copied onto another row it won't open.
export const workflowSigningContext = (workspaceId: string, workflowId: string) => `workspace:${workspaceId}:workflow:${workflowId}:signing`;

/** The workflow's webhook signing secret, decrypted. */
export function openSigningSecret(ctx: Pick<AppContext, 'secrets'>, row: Pick<WorkflowsTable, 'workspace_id' | 'id' | 'signing_secret_ciphertext'>): string {
  return ctx.secrets.open(row.signing_secret_ciphertext, workflowSigningContext(row.workspace_id, row.id));
}

/**
 * Checks what zod cannot: the filtered number belongs to this workspace, and stages named by the
 * trigger or a set_stage action are in the pipeline (when it has stages). 400 naming the field.
 */
async function checkReferences(db: Executor, workspaceId: string, trigger: WorkflowTrigger, actions: WorkflowAction[]): Promise<void> {
  if (trigger.phoneNumberId !== undefined) {
    const n = await db
      .selectFrom('phone_numbers')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', trigger.phoneNumberId)
      .executeTakeFirst();
    if (!n) throw badRequest('trigger.phoneNumberId: no phone number with this id in the workspace', 'trigger.phoneNumberId');
  }
  if (trigger.stage !== undefined) {
    const problem = await stageProblem(db, workspaceId, trigger.stage);
    if (problem) throw badRequest(`trigger.stage: ${problem}`, 'trigger.stage');
  }
  for (const [i, a] of actions.entries()) {
    if (a.type !== 'set_stage') continue;
    const problem = await stageProblem(db, workspaceId, a.stage);
    if (problem) throw badRequest(`actions.${i}.stage: ${problem}`, `actions.${i}.stage`);
  }
}

async function getRow(db: Executor, workspaceId: string, id: string): Promise<WorkflowsTable> {
  const row = await db.selectFrom('workflows').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Workflow');
  return row;
}

async function detail(ctx: AppContext, row: WorkflowsTable): Promise<WorkflowDetail> {
  const wf = presentWorkflow(row);
  const warnings = await workflowWarnings(ctx.db, {
    workspaceId: row.workspace_id,
    trigger: wf.trigger,
    actions: wf.actions,
    allowPrivateWebhookUrls: ctx.config.allowPrivateWebhookUrls,
  });
  return { ...wf, warnings };
}

/** Creates a workflow; the answer carries `signingSecret`, the only time it is ever shown. */
export async function createWorkflow(
  ctx: AppContext,
  workspaceId: string,
  input: CreateWorkflowInput,
): Promise<WorkflowDetail & { signingSecret: string }> {
  await checkReferences(ctx.db, workspaceId, input.trigger, input.actions);
  const now = ctx.clock.now();
  const id = newId('wf', now);
  const signingSecret = generateSigningSecret();
  await ctx.db
    .insertInto('workflows')
    .values({
      id,
      workspace_id: workspaceId,
      name: input.name,
      enabled: input.enabled ? 1 : 0,
      trigger_type: input.trigger.type,
      trigger: JSON.stringify(input.trigger),
      actions: JSON.stringify(input.actions),
      signing_secret_ciphertext: ctx.secrets.seal(signingSecret, workflowSigningContext(workspaceId, id)),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { ...(await detail(ctx, await getRow(ctx.db, workspaceId, id))), signingSecret };
}

export async function getWorkflow(ctx: AppContext, workspaceId: string, id: string): Promise<WorkflowDetail> {
  return detail(ctx, await getRow(ctx.db, workspaceId, id));
}

/** The workspace's workflows, newest first; `?enabled=` and `?triggerType=` narrow the list. */
export async function listWorkflows(
  ctx: AppContext,
  workspaceId: string,
  filter: { enabled?: boolean | undefined; triggerType?: string | undefined },
  page: PageRequest,
): Promise<Page<Workflow>> {
  let q = ctx.db.selectFrom('workflows').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.enabled !== undefined) q = q.where('enabled', '=', filter.enabled ? 1 : 0);
  if (filter.triggerType !== undefined) q = q.where('trigger_type', '=', filter.triggerType as WorkflowsTable['trigger_type']);
  const result = await paginate(q, 'created_at', 'id', page, (r) => r.created_at);
  return { data: result.data.map(presentWorkflow), nextCursor: result.nextCursor };
}

/**
 * Updates a workflow. Runs already in progress keep the actions they started with (each run holds
 * its own copy), so an edit never makes a half-finished run skip or repeat a step.
 */
export async function updateWorkflow(ctx: AppContext, workspaceId: string, id: string, input: UpdateWorkflowInput): Promise<WorkflowDetail> {
  const row = await getRow(ctx.db, workspaceId, id);
  const current = presentWorkflow(row);
  const trigger = input.trigger ?? current.trigger;
  const actions = input.actions ?? current.actions;
  if (input.trigger !== undefined || input.actions !== undefined) await checkReferences(ctx.db, workspaceId, trigger, actions);
  await ctx.db
    .updateTable('workflows')
    .set({
      name: input.name ?? row.name,
      enabled: input.enabled === undefined ? row.enabled : input.enabled ? 1 : 0,
      trigger_type: trigger.type,
      trigger: JSON.stringify(trigger),
      actions: JSON.stringify(actions),
      updated_at: ctx.clock.now(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
  return getWorkflow(ctx, workspaceId, id);
}

/** Deletes a workflow with its run history; its runs in progress end (their next step finds no run). */
export async function deleteWorkflow(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  await getRow(ctx.db, workspaceId, id);
  // Explicit, not left to ON DELETE CASCADE: SQLite enforces foreign keys only per connection setting.
  await ctx.db.transaction().execute(async (trx) => {
    const runIds = trx.selectFrom('workflow_runs').select('id').where('workflow_id', '=', id);
    await trx.deleteFrom('workflow_run_steps').where('run_id', 'in', runIds).execute();
    await trx.deleteFrom('workflow_runs').where('workflow_id', '=', id).execute();
    await trx.deleteFrom('workflows').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  });
}

/** Replaces the signing secret (the old one stops working at once) and returns the new one, once. */
export async function rotateSigningSecret(ctx: AppContext, workspaceId: string, id: string): Promise<{ signingSecret: string }> {
  await getRow(ctx.db, workspaceId, id);
  const signingSecret = generateSigningSecret();
  await ctx.db
    .updateTable('workflows')
    .set({ signing_secret_ciphertext: ctx.secrets.seal(signingSecret, workflowSigningContext(workspaceId, id)), updated_at: ctx.clock.now() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
  return { signingSecret };
}
