/**
 * Job kind "message.received": work on an ordinary inbound text after it is stored (whether the agent answers).
 */
import { z } from 'zod';
import { processInboundMessage } from '../../services/process-inbound-message.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ messageId: z.string().min(1) });
export type InboundMessagePayload = z.output<typeof schema>;

export const inboundMessageJob = defineJob({
  name: 'message.received',
  // Urgent: the contact has just written.
  urgent: true,
  schema,
  handler: (ctx, job): Promise<void> => processInboundMessage(ctx, job),
});
