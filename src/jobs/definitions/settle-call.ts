/**
 * Job kind "call.settle": decides a completed call's outcome once the dial result had its grace period.
 */
import { z } from 'zod';
import { settleCall } from '../../services/handle-call.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ callId: z.string().min(1) });
export type SettleCallPayload = z.output<typeof schema>;

export const settleCallJob = defineJob({
  name: 'call.settle',
  // Urgent: it decides a missed call's text.
  urgent: true,
  schema,
  handler: (ctx, job): Promise<void> => settleCall(ctx, job),
});
