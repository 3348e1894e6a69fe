/**
 * The writes that move a workflow run along, each meant to run inside the transaction that did the
 * step's work: record a step's outcome, enqueue the next step's job (unique per run and step, so
 * it exists exactly once), finish, fail or stop the run.
 */
import { workflowStepJob } from '../jobs/definitions/workflow-step.js';
import { enqueue } from '../jobs/job-definition.js';
import type { Executor } from '../jobs/job-queue.js';
import type { WorkflowRunsTable, WorkflowRunStepsTable, WorkflowStepStatus } from '../store/schema.js';
import type { StepOutcome } from './actions/step-context.js';

/** Attempts per step: the step job's retry policy (jobs/definitions/workflow-step.ts). */
export { STEP_JOB_MAX_ATTEMPTS } from '../jobs/definitions/workflow-step.js';

/** Step statuses that are final: the step's job does nothing when it finds one. */
export const FINAL_STEP_STATUSES: readonly WorkflowStepStatus[] = ['completed', 'skipped', 'failed', 'canceled'];
const OPEN_STEP_STATUSES: WorkflowStepStatus[] = ['pending', 'running', 'waiting'];

export const stepJobKey = (runId: string, index: number) => `wfstep:${runId}:${index}`;

/** Enqueues the job of step `index` (a no-op if it was ever enqueued before). */
export async function enqueueStepJob(db: Executor, now: number, run: Pick<WorkflowRunsTable, 'id' | 'workspace_id'>, index: number): Promise<void> {
  await enqueue(db, now, workflowStepJob, { runId: run.id, stepIndex: index }, { workspaceId: run.workspace_id, uniqueKey: stepJobKey(run.id, index) });
}

/**
 * The gate of a step's transaction: touches the step only if it is still open. True means this
 * transaction owns the step (on PostgreSQL the row stays locked until commit, so a second runner
 * of the same step waits, then sees it final and gets false).
 */
export async function claimStep(db: Executor, stepId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('workflow_run_steps')
    .set({ updated_at: now })
    .where('id', '=', stepId)
    .where('status', 'in', OPEN_STEP_STATUSES)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

const json = (v: Record<string, unknown> | undefined) => (v === undefined ? null : JSON.stringify(v));

/** Writes `outcome` on the step and moves the run on: next step, waiting, completed or failed. */
export async function recordOutcome(
  db: Executor,
  run: WorkflowRunsTable,
  step: WorkflowRunStepsTable,
  totalSteps: number,
  outcome: StepOutcome,
  now: number,
): Promise<void> {
  switch (outcome.status) {
    case 'completed':
    case 'skipped': {
      const result = outcome.status === 'skipped' ? { reason: outcome.reason, ...outcome.result } : outcome.result;
      await db
        .updateTable('workflow_run_steps')
        .set({ status: outcome.status, result: json(result), error: null, finished_at: now, updated_at: now })
        .where('id', '=', step.id)
        .execute();
      const next = step.step_index + 1;
      if (next < totalSteps) {
        await enqueueStepJob(db, now, run, next);
        await db.updateTable('workflow_runs').set({ status: 'running', updated_at: now }).where('id', '=', run.id).execute();
      } else {
        await db
          .updateTable('workflow_runs')
          .set({ status: 'completed', finished_at: now, updated_at: now })
          .where('id', '=', run.id)
          .execute();
      }
      return;
    }
    case 'waiting':
      await db
        .updateTable('workflow_run_steps')
        .set({
          status: 'waiting',
          wait_until: outcome.until,
          result: json({ reason: outcome.reason, until: new Date(outcome.until).toISOString(), ...outcome.result }),
          updated_at: now,
        })
        .where('id', '=', step.id)
        .execute();
      await db.updateTable('workflow_runs').set({ status: 'waiting', updated_at: now }).where('id', '=', run.id).execute();
      return;
    case 'failed':
      await db
        .updateTable('workflow_run_steps')
        .set({ status: 'failed', error: outcome.error, result: json(outcome.result), finished_at: now, updated_at: now })
        .where('id', '=', step.id)
        .execute();
      await endRun(db, run.id, 'failed', `Step ${step.step_index + 1} (${step.action_type}) failed: ${outcome.error}`, now);
      return;
  }
}

/** Ends a run as failed or stopped; its steps that never finished are marked canceled. */
export async function endRun(db: Executor, runId: string, status: 'failed' | 'stopped', reason: string, now: number): Promise<void> {
  await db
    .updateTable('workflow_run_steps')
    .set({ status: 'canceled', updated_at: now })
    .where('run_id', '=', runId)
    .where('status', 'in', OPEN_STEP_STATUSES)
    .execute();
  await db
    .updateTable('workflow_runs')
    .set({ status, reason, finished_at: now, updated_at: now })
    .where('id', '=', runId)
    .where('status', 'in', ['running', 'waiting'])
    .execute();
}

/** Notes a failed attempt that will be retried: the error (and what is known) stay visible meanwhile. */
export async function recordRetry(db: Executor, stepId: string, error: string, result: Record<string, unknown> | undefined, now: number): Promise<void> {
  await db
    .updateTable('workflow_run_steps')
    .set({ error, ...(result ? { result: json(result) } : {}), updated_at: now })
    .where('id', '=', stepId)
    .where('status', 'in', OPEN_STEP_STATUSES)
    .execute();
}
