/**
 * What every workflow action receives, and what it answers: an outcome the runner records on the
 * step in the same transaction as the action's own writes (so a done step is never done twice).
 */
import type { AppContext } from '../../context.js';
import type { EventsTable, WorkflowRunsTable, WorkflowRunStepsTable, WorkflowsTable } from '../../store/schema.js';
import type { WorkflowAction } from '../workflow-schema.js';

/** The run's triggering event, with its data parsed. */
export interface RunEvent extends Omit<EventsTable, 'data'> {
  data: Record<string, unknown>;
}

export interface StepContext<A extends WorkflowAction = WorkflowAction> {
  ctx: AppContext;
  workflow: WorkflowsTable;
  run: WorkflowRunsTable;
  step: WorkflowRunStepsTable;
  action: A;
  event: RunEvent;
  /** The injected clock's time when the step started running. */
  now: number;
  /** Who changes contacts on this run's behalf (contact-mutations `source`): workflow:<id>. */
  source: string;
}

/** What happened to a step. `result` is stored as JSON and shown in the runs API. */
export type StepOutcome =
  | { status: 'completed'; result: Record<string, unknown> }
  /** Not done, on purpose (condition unmet, opted out…): the run goes on. */
  | { status: 'skipped'; reason: string; result?: Record<string, unknown> }
  /** Cannot succeed (bad URL, stage not in the pipeline…): the run ends failed. */
  | { status: 'failed'; error: string; result?: Record<string, unknown> }
  /** Not yet (a wait, quiet hours): the step runs again at `until`. */
  | { status: 'waiting'; until: number; reason: string; result?: Record<string, unknown> };

/**
 * A failure worth retrying (a receiver down, a timeout): the runner records `message` and
 * `result` on the step and lets the job retry with backoff; after the last attempt the run fails.
 */
export class RetryableStepError extends Error {
  override name = 'RetryableStepError';
  constructor(
    message: string,
    readonly result?: Record<string, unknown>,
  ) {
    super(message);
  }
}
