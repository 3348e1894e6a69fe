/**
 * Job kind "workflow.step": runs one step of a workflow run (one job per run and step).
 */
import { z } from 'zod';
import { runWorkflowStep } from '../../workflows/run-workflow-step.js';
import { defineJob } from '../job-definition.js';

/**
 * Attempts per step: with the worker's backoff (2 s doubling, capped at 10 min, equal jitter) the
 * retries span roughly 20 to 40 minutes, long enough to ride out a receiver's deploy or restart.
 */
export const STEP_JOB_MAX_ATTEMPTS = 12;

const schema = z.object({ runId: z.string().min(1), stepIndex: z.number().int().min(0) });
export type WorkflowStepPayload = z.output<typeof schema>;

export const workflowStepJob = defineJob({
  name: 'workflow.step',
  schema,
  maxAttempts: STEP_JOB_MAX_ATTEMPTS,
  handler: (ctx, job): Promise<void> => runWorkflowStep(ctx, job),
});
