/**
 * Every job kind and the service that runs it.
 */
import type { AppContext } from '../context.js';
import { SEND_TEXT_BACK_JOB, SETTLE_CALL_JOB, settleCall } from '../services/handle-call.js';
import { SEND_MESSAGE_JOB, sendQueuedMessage } from '../services/outbound-messages.js';
import { sendTextBack } from '../services/send-text-back.js';
import type { JobHandler } from './job-worker.js';

export function jobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    [SEND_TEXT_BACK_JOB]: (job) => sendTextBack(ctx, job),
    [SETTLE_CALL_JOB]: (job) => settleCall(ctx, job),
    [SEND_MESSAGE_JOB]: (job) => sendQueuedMessage(ctx, job),
  };
}
