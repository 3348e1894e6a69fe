/**
 * Run history (contract: GET /api/v1/workflows/:id/runs): each run with its status, the reason it
 * stopped or failed, and every step's status, result and error.
 */
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { WorkflowRunsTable, WorkflowRunStatus, WorkflowRunStepsTable, WorkflowStepStatus } from '../store/schema.js';

export interface WorkflowRunStep {
  index: number;
  type: string;
  status: WorkflowStepStatus;
  /** What the step did (message id, HTTP status…); a skipped or waiting step's `reason` is here. */
  result: Record<string, unknown> | null;
  /** The last error: final for a failed step, the latest attempt's while a retry is pending. */
  error: string | null;
  attempts: number;
  waitUntil: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface WorkflowRun {
  id: string;
  workflowId: string;
  eventId: string;
  eventType: string;
  contactId: string | null;
  phoneNumberId: string | null;
  status: WorkflowRunStatus;
  /** Why the run stopped or failed, in words. */
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  steps: WorkflowRunStep[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function presentStep(row: WorkflowRunStepsTable): WorkflowRunStep {
  return {
    index: row.step_index,
    type: row.action_type,
    status: row.status,
    result: row.result ? (JSON.parse(row.result) as Record<string, unknown>) : null,
    error: row.error,
    attempts: row.attempts,
    waitUntil: iso(row.wait_until),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

function presentRun(row: WorkflowRunsTable, steps: WorkflowRunStepsTable[]): WorkflowRun {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    eventId: row.event_id,
    eventType: row.event_type,
    contactId: row.contact_id,
    phoneNumberId: row.phone_number_id,
    status: row.status,
    reason: row.reason,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    finishedAt: iso(row.finished_at),
    steps: steps.sort((a, b) => a.step_index - b.step_index).map(presentStep),
  };
}

const RUN_STATUSES: readonly WorkflowRunStatus[] = ['running', 'waiting', 'completed', 'failed', 'stopped'];

async function assertWorkflow(ctx: AppContext, workspaceId: string, workflowId: string): Promise<void> {
  const wf = await ctx.db.selectFrom('workflows').select('id').where('workspace_id', '=', workspaceId).where('id', '=', workflowId).executeTakeFirst();
  if (!wf) throw notFound('Workflow');
}

async function withSteps(ctx: AppContext, runs: WorkflowRunsTable[]): Promise<WorkflowRun[]> {
  if (runs.length === 0) return [];
  const steps = await ctx.db.selectFrom('workflow_run_steps').selectAll().where('run_id', 'in', runs.map((r) => r.id)).execute();
  const byRun = new Map<string, WorkflowRunStepsTable[]>();
  for (const s of steps) byRun.set(s.run_id, [...(byRun.get(s.run_id) ?? []), s]);
  return runs.map((r) => presentRun(r, byRun.get(r.id) ?? []));
}

/** A workflow's runs, newest first; `status` and `contactId` narrow the list. */
export async function listWorkflowRuns(
  ctx: AppContext,
  workspaceId: string,
  workflowId: string,
  filter: { status?: string | undefined; contactId?: string | undefined },
  page: PageRequest,
): Promise<Page<WorkflowRun>> {
  await assertWorkflow(ctx, workspaceId, workflowId);
  let q = ctx.db.selectFrom('workflow_runs').selectAll().where('workspace_id', '=', workspaceId).where('workflow_id', '=', workflowId);
  if (filter.status !== undefined) {
    const status = filter.status as WorkflowRunStatus;
    if (!RUN_STATUSES.includes(status)) throw badRequest(`status must be one of ${RUN_STATUSES.join(', ')}`, 'status');
    q = q.where('status', '=', status);
  }
  if (filter.contactId !== undefined) q = q.where('contact_id', '=', filter.contactId);
  const result = await paginate(q, 'created_at', 'id', page, (r) => r.created_at);
  return { data: await withSteps(ctx, result.data), nextCursor: result.nextCursor };
}

export async function getWorkflowRun(ctx: AppContext, workspaceId: string, workflowId: string, runId: string): Promise<WorkflowRun> {
  await assertWorkflow(ctx, workspaceId, workflowId);
  const run = await ctx.db
    .selectFrom('workflow_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('workflow_id', '=', workflowId)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw notFound('Workflow run');
  const [presented] = await withSteps(ctx, [run]);
  return presented as WorkflowRun;
}
