/**
 * The text-back sends its own text, in its own job and slot, right after the write that queued it
 * marked it `sending` (services/queue-text-back.ts): one job per missed call instead of a text-back
 * job and a send job, and no read of the message back nor separate `sending` update. The send is the
 * protocol every text goes through (services/outbound-messages.ts, sendMarkedMessage); whatever is
 * not the plain case is handed to the `message.send` job of that message, the path every queued
 * text takes, so its retries and its reconciliation stay in one place:
 * - a failure worth retrying (a 5xx, a 429, no answer): the send job takes over with this attempt
 *   counted, after the backoff (or the carrier's Retry-After) it would have waited itself;
 * - the text-back job run again after its worker died (the call's text is already claimed): the
 *   send job takes the existing message over, and reconciles a `sending` one with the carrier before
 *   it ever sends it again.
 */
import type { CarrierAccount } from '../carriers/carrier.js';
import type { AppContext } from '../context.js';
import { retryDelayMs } from '../jobs/backoff.js';
import { sendMessageJob } from '../jobs/definitions/send-message.js';
import { enqueue } from '../jobs/job-definition.js';
import { PermanentJobError, RetryJobAfter } from '../jobs/job-errors.js';
import { finishJobInTransaction } from '../jobs/job-queue.js';
import type { MessagesTable } from '../store/schema.js';
import { sendJobOf, sendLogger, sendMarkedMessage } from './outbound-messages.js';

/** Sends a text-back whose `sending` is committed; a failure to retry goes on as its send job. */
export async function sendTextBackNow(ctx: AppContext, message: MessagesTable, carrier: CarrierAccount, messagingServiceId: string | null): Promise<void> {
  const log = sendLogger(ctx, message);
  try {
    await sendMarkedMessage(ctx, message, carrier, messagingServiceId, log);
  } catch (err) {
    if (err instanceof PermanentJobError) throw err;
    const error = err instanceof Error ? err.message : String(err);
    // The wait the send job's worker would have chosen after its own first attempt.
    const delayMs = err instanceof RetryJobAfter ? err.delayMs : retryDelayMs(1);
    await handTextBackToSendJob(ctx, message, { delayMs, error: error.slice(0, 2000) });
    log.warn({ err: error, retryInMs: delayMs }, 'text-back not sent; its send job retries');
  }
}

/**
 * Ends the running text-back job by handing its message to the message's `message.send` job: due
 * now (the worker runs it next, in this slot), or after `retry.delayMs` with the attempt already
 * spent. Its unique key makes a second hand-over (or one after the job exists) insert nothing.
 */
export async function handTextBackToSendJob(
  ctx: AppContext,
  message: Pick<MessagesTable, 'id' | 'workspace_id'>,
  retry?: { delayMs: number; error: string },
): Promise<void> {
  const now = ctx.clock.now();
  const send = sendJobOf({ ...message, author: 'textback' }, { workspaceId: message.workspace_id, now, sendAt: retry ? now + retry.delayMs : now });
  await ctx.db.transaction().execute(async (trx) => {
    await enqueue(trx, now, sendMessageJob, send.payload, { ...send.opts, ...(retry ? { attemptsSpent: 1, lastError: retry.error } : {}) });
    await finishJobInTransaction(trx, now);
  });
  ctx.wakeWorker();
}
