/**
 * Every job kind and the service that runs it.
 */
import { runAgentTurn, AGENT_TURN_JOB } from '../agent/run-agent-turn.js';
import { embedKnowledge } from '../agent/knowledge-embedding.js';
import { EMBED_KNOWLEDGE_JOB } from '../agent/knowledge-base.js';
import type { AppContext } from '../context.js';
import { WAKE_SNOOZED_JOB, wakeSnoozedConversation } from '../services/conversation-state.js';
import { SEND_EMAIL_JOB, sendQueuedEmail } from '../services/mailer.js';
import { DISPATCH_EVENT_JOB } from '../services/domain-events.js';
import { SEND_TEXT_BACK_JOB, SETTLE_CALL_JOB, settleCall } from '../services/handle-call.js';
import { SEND_MESSAGE_JOB, sendQueuedMessage } from '../services/outbound-messages.js';
import { processInboundMessage } from '../services/process-inbound-message.js';
import { INBOUND_MESSAGE_JOB } from '../services/receive-inbound-message.js';
import { sendTextBack } from '../services/send-text-back.js';
import { READINESS_JOB, runReadinessJob } from '../services/texting-readiness.js';
import { dispatchEvent } from '../workflows/dispatch-event.js';
import { runWorkflowStep, WORKFLOW_STEP_JOB } from '../workflows/run-workflow-step.js';
import type { JobHandler } from './job-worker.js';

export function jobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    [SEND_TEXT_BACK_JOB]: (job) => sendTextBack(ctx, job),
    [SETTLE_CALL_JOB]: (job) => settleCall(ctx, job),
    [SEND_MESSAGE_JOB]: (job) => sendQueuedMessage(ctx, job),
    [INBOUND_MESSAGE_JOB]: (job) => processInboundMessage(ctx, job),
    [AGENT_TURN_JOB]: (job) => runAgentTurn(ctx, job),
    [DISPATCH_EVENT_JOB]: (job) => dispatchEvent(ctx, job),
    [WORKFLOW_STEP_JOB]: (job) => runWorkflowStep(ctx, job),
    [READINESS_JOB]: (job) => runReadinessJob(ctx, job),
    [EMBED_KNOWLEDGE_JOB]: (job) => embedKnowledge(ctx, job),
    [SEND_EMAIL_JOB]: (job) => sendQueuedEmail(ctx, job),
    [WAKE_SNOOZED_JOB]: (job) => wakeSnoozedConversation(ctx, job),
  };
}
