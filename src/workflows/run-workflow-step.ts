/**
 * The `workflow.step` job: runs one action of one run, records its outcome, and enqueues the next
 * step's job in the same transaction. A run is therefore a chain of jobs whose state lives in
 * workflow_run_steps: after a crash the chain resumes at the first step not yet final, and a final
 * step is never run again (its job, redelivered, finds it final and does nothing).
 *
 * Actions that write to the database (tags, stage, send_sms, notify) do their writes inside the
 * step's transaction; the webhook, which talks to the outside, records its result afterwards and
 * is therefore at-least-once (documented; receivers deduplicate on the event id).
 */
import type { AppContext } from '../context.js';
import { DeferJob, PermanentJobError } from '../jobs/job-errors.js';
import type { Executor } from '../jobs/job-queue.js';
import { runNotify } from './actions/notify.js';
import { runSendSms } from './actions/send-sms.js';
import { runSetStage } from './actions/set-stage.js';
import { RetryableStepError, type RunEvent, type StepContext, type StepOutcome } from './actions/step-context.js';
import { runTagAction } from './actions/tag-actions.js';
import { runWait } from './actions/wait.js';
import { runWebhook } from './actions/webhook.js';
import { loadConditionFacts, unmetCondition } from './conditions.js';
import { claimStep, endRun, FINAL_STEP_STATUSES, recordOutcome, recordRetry } from './run-state.js';
import type { WorkflowAction } from './workflow-schema.js';
import type { WorkflowStepPayload } from '../jobs/definitions/workflow-step.js';
import type { TypedJob } from '../jobs/job-definition.js';


/** The actions that run inside the step's transaction, by type. */
async function runInTransaction(trx: Executor, s: StepContext): Promise<StepOutcome> {
  const a = s.action;
  switch (a.type) {
    case 'add_tag':
    case 'remove_tag':
      return runTagAction(trx, { ...s, action: a });
    case 'set_stage':
      return runSetStage(trx, { ...s, action: a });
    case 'send_sms':
      return runSendSms(trx, { ...s, action: a });
    case 'notify':
      return runNotify(trx, { ...s, action: a });
    case 'wait':
      return runWait({ ...s, action: a });
    case 'webhook':
      throw new Error('webhook runs outside the transaction');
  }
}

/** Job handler for workflowStepJob (jobs/definitions/workflow-step.ts). */
export async function runWorkflowStep(ctx: AppContext, job: TypedJob<WorkflowStepPayload>): Promise<void> {
  const { runId, stepIndex: index } = job.payload;
  const run = await ctx.db.selectFrom('workflow_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  // Deleted with its workflow, or already over: nothing to do.
  if (!run || (run.status !== 'running' && run.status !== 'waiting')) return;
  const step = await ctx.db
    .selectFrom('workflow_run_steps')
    .selectAll()
    .where('run_id', '=', runId)
    .where('step_index', '=', index)
    .executeTakeFirst();
  if (!step || FINAL_STEP_STATUSES.includes(step.status)) return;

  const now = ctx.clock.now();
  const log = ctx.logger.child({ workspaceId: run.workspace_id, workflowId: run.workflow_id, runId, step: index, action: step.action_type });
  const workflow = await ctx.db.selectFrom('workflows').selectAll().where('id', '=', run.workflow_id).executeTakeFirst();
  if (!workflow || workflow.enabled === 0) {
    // Turning a workflow off is how a person stops a misbehaving one: its runs stop too.
    await endRun(ctx.db, run.id, 'stopped', 'The workflow was disabled while this run was in progress', now);
    log.info('run stopped: workflow disabled');
    return;
  }
  const eventRow = await ctx.db.selectFrom('events').selectAll().where('id', '=', run.event_id).executeTakeFirstOrThrow();
  const event: RunEvent = { ...eventRow, data: JSON.parse(eventRow.data) as Record<string, unknown> };
  const actions = JSON.parse(run.actions) as WorkflowAction[];
  const action = actions[index];
  if (!action) throw new PermanentJobError(`run ${runId} has no step ${index}`);

  const marked = await ctx.db
    .updateTable('workflow_run_steps')
    .set({
      status: step.status === 'pending' ? 'running' : step.status,
      // Resuming from a wait is not another attempt at the action.
      attempts: step.status === 'waiting' ? step.attempts : step.attempts + 1,
      started_at: step.started_at ?? now,
      updated_at: now,
    })
    .where('id', '=', step.id)
    // Conditional on what was read: a runner whose lease ran out may have finished it meanwhile,
    // and this write must never turn a final step back into an open one.
    .where('status', '=', step.status)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return;

  const s: StepContext = { ctx, workflow, run, step, action, event, now, source: `workflow:${workflow.id}` };
  let outcome: StepOutcome | null;
  try {
    outcome = await execute(s);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const result = err instanceof RetryableStepError ? err.result : undefined;
    if (job.attempt >= job.maxAttempts) {
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await claimStep(trx, step.id, now))) return;
        const error = `${message} (gave up after ${job.attempt} attempts)`;
        await recordOutcome(trx, run, step, actions.length, { status: 'failed', error, ...(result ? { result } : {}) }, now);
      });
      log.warn({ err: message }, 'workflow step failed for good');
      throw new PermanentJobError(message);
    }
    await recordRetry(ctx.db, step.id, message, result, now);
    log.warn({ err: message, attempt: job.attempt }, 'workflow step failed; will retry');
    throw err;
  }
  if (!outcome) return;
  ctx.wakeWorker();
  publishChange(ctx, run.workspace_id, run.contact_id, action, outcome);
  log.info({ status: outcome.status }, 'workflow step ran');
  if (outcome.status === 'waiting') throw new DeferJob(outcome.until, outcome.reason);
}

/** Runs the step's action (if its condition holds) and records the outcome; null if another runner had done it. */
async function execute(s: StepContext): Promise<StepOutcome | null> {
  const { ctx, run, step, action, now } = s;
  const total = (JSON.parse(run.actions) as unknown[]).length;
  let outcome: StepOutcome | undefined;

  // A step resuming from a wait (its own, or quiet hours) passed its condition before it waited:
  // it is not judged again, so what started is finished. Any other retry judges it afresh.
  if (action.if && step.status !== 'waiting') {
    const facts = await loadConditionFacts(ctx.db, action.if, {
      workspaceId: run.workspace_id,
      contactId: run.contact_id,
      eventAt: s.event.created_at,
      now,
    });
    const unmet = unmetCondition(action.if, facts);
    if (unmet) outcome = { status: 'skipped', reason: unmet };
  }
  // The webhook talks to the outside world: never inside a database transaction.
  if (!outcome && action.type === 'webhook') outcome = await runWebhook({ ...s, action });

  return ctx.db.transaction().execute(async (trx) => {
    if (!(await claimStep(trx, step.id, now))) return null;
    const o = outcome ?? (await runInTransaction(trx, s));
    await recordOutcome(trx, run, step, total, o, now);
    return o;
  });
}

/** Tells live views (the dashboard) what a completed step changed; best effort, like all live events. */
function publishChange(ctx: AppContext, workspaceId: string, contactId: string | null, action: WorkflowAction, outcome: StepOutcome): void {
  if (outcome.status !== 'completed') return;
  if (contactId && (action.type === 'add_tag' || action.type === 'remove_tag' || action.type === 'set_stage')) {
    ctx.live.publish({ workspaceId, type: 'contact', id: contactId });
  }
  const ids = action.type === 'send_sms' ? [outcome.result.messageId] : action.type === 'notify' ? (outcome.result.messageIds as unknown[]) : [];
  for (const id of ids) if (typeof id === 'string') ctx.live.publish({ workspaceId, type: 'message', id });
}
