/**
 * set_stage: moves the contact to a pipeline stage (emitting contact.stage_changed). A stage that
 * left the pipeline after the workflow was saved fails the step rather than put the contact in a
 * column the board no longer shows.
 */
import type { Executor } from '../../jobs/job-queue.js';
import { setStage } from '../../services/contact-mutations.js';
import { stageProblem } from '../../services/pipeline.js';
import type { WorkflowAction } from '../workflow-schema.js';
import type { StepContext, StepOutcome } from './step-context.js';
import { NO_CONTACT } from './tag-actions.js';

export async function runSetStage(trx: Executor, s: StepContext<Extract<WorkflowAction, { type: 'set_stage' }>>): Promise<StepOutcome> {
  if (!s.run.contact_id) return { status: 'skipped', reason: NO_CONTACT };
  const problem = await stageProblem(trx, s.run.workspace_id, s.action.stage);
  if (problem) return { status: 'failed', error: problem };
  const changed = await setStage(trx, { workspaceId: s.run.workspace_id, contactId: s.run.contact_id, now: s.now, source: s.source }, s.action.stage);
  return { status: 'completed', result: { stage: s.action.stage, changed, ...(changed ? {} : { note: 'The contact was already in this stage' }) } };
}
