/**
 * Every job kind, registered in one place: the worker runs exactly these. A claimed job's payload
 * is parsed by its kind's schema before the handler sees it; one that does not fit (an old shape,
 * a hand-edited row) goes dead at once with an error naming the field, instead of failing at
 * random inside the handler and burning its retries.
 */
import type { AppContext } from '../context.js';
import { agentTurnJob } from './definitions/agent-turn.js';
import { dispatchEventJob } from './definitions/dispatch-event.js';
import { embedKnowledgeJob } from './definitions/embed-knowledge.js';
import { inboundMessageJob } from './definitions/inbound-message.js';
import { readinessJob } from './definitions/readiness.js';
import { sendEmailJob } from './definitions/send-email.js';
import { sendMessageJob } from './definitions/send-message.js';
import { sendTextBackJob } from './definitions/send-text-back.js';
import { settleCallJob } from './definitions/settle-call.js';
import { passwordResetRequestJob } from './definitions/password-reset-request.js';
import { wakeSnoozedJob } from './definitions/wake-snoozed.js';
import { workflowStepJob } from './definitions/workflow-step.js';
import { parseJobPayload, type JobDefinition } from './job-definition.js';
import { PermanentJobError } from './job-errors.js';
import type { JobHandler } from './job-worker.js';

export const jobDefinitions: readonly JobDefinition[] = [
  sendTextBackJob,
  settleCallJob,
  sendMessageJob,
  inboundMessageJob,
  agentTurnJob,
  dispatchEventJob,
  workflowStepJob,
  readinessJob,
  embedKnowledgeJob,
  sendEmailJob,
  wakeSnoozedJob,
  passwordResetRequestJob,
];

/**
 * A worker handler for one definition: parse the payload (malformed: dead), then run with the
 * job's own db (its connections first, what it enqueues its follow-ups) and wake-up as ctx's.
 */
export function typedHandler(ctx: AppContext, def: JobDefinition): JobHandler {
  return async (job, run) => {
    let payload: Record<string, unknown>;
    try {
      payload = parseJobPayload(def, job.payload);
    } catch (err) {
      throw new PermanentJobError(err instanceof Error ? err.message : String(err));
    }
    await def.handler({ ...ctx, db: run.db, wakeWorker: run.wakeWorker }, { ...job, payload });
  };
}

export function jobHandlers(ctx: AppContext, definitions: readonly JobDefinition[] = jobDefinitions): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const def of definitions) {
    if (handlers[def.name]) throw new Error(`two job definitions are named "${def.name}"`);
    handlers[def.name] = typedHandler(ctx, def);
  }
  return handlers;
}
