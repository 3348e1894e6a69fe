/**
 * Job kind "message.send": sends one queued outbound text, at most once.
 */
import { z } from 'zod';
import { sendQueuedMessage } from '../../services/outbound-messages.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ messageId: z.string().min(1), optOutConfirmation: z.boolean().optional() });
export type SendMessagePayload = z.output<typeof schema>;

export const sendMessageJob = defineJob({
  name: 'message.send',
  schema,
  maxAttempts: 10,
  handler: (ctx, job): Promise<void> => sendQueuedMessage(ctx, job),
});
