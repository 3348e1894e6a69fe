/**
 * Job kind "textback.send": the missed-call text-back of one call (waits for the call to end, respects quiet hours).
 */
import { z } from 'zod';
import { sendTextBack } from '../../services/send-text-back.js';
import { textBackContextAtClaim } from '../../services/text-back-context.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ callId: z.string().min(1) });
export type SendTextBackPayload = z.output<typeof schema>;

export const sendTextBackJob = defineJob({
  name: 'textback.send',
  // Urgent: a missed caller is waiting for their text.
  urgent: true,
  schema,
  // A worker that claims the job reads the call's context in its claim (PostgreSQL): the handler's first read.
  readAtClaim: textBackContextAtClaim,
  handler: (ctx, job): Promise<void> => sendTextBack(ctx, job),
});
