/**
 * wait: holds the run for `seconds`. The end time is fixed on the step the first time it runs, and
 * the step's job is deferred to it, so the wait lives in the database: a restart, a crash or a
 * retry neither loses it nor starts it over.
 */
import type { WorkflowAction } from '../workflow-schema.js';
import type { StepContext, StepOutcome } from './step-context.js';

export function runWait(s: StepContext<Extract<WorkflowAction, { type: 'wait' }>>): StepOutcome {
  const until = s.step.wait_until ?? s.now + s.action.seconds * 1000;
  if (s.now < until) return { status: 'waiting', until, reason: `waiting ${s.action.seconds} s` };
  return { status: 'completed', result: { waitedSeconds: s.action.seconds, until: new Date(until).toISOString() } };
}
