/**
 * Job kind "conversation.wake": opens a conversation whose snooze ended (one job per conversation and time).
 */
import { z } from 'zod';
import { wakeSnoozedConversation } from '../../services/conversation-state.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ conversationId: z.string().min(1), until: z.number() });
export type WakeSnoozedPayload = z.output<typeof schema>;

export const wakeSnoozedJob = defineJob({
  name: 'conversation.wake',
  schema,
  handler: (ctx, job): Promise<void> => wakeSnoozedConversation(ctx, job),
});
