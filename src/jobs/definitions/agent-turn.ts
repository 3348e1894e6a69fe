/**
 * Job kind "agent.reply": the AI agent's reply to an inbound text, after the debounce window.
 */
import { z } from 'zod';
import { runAgentTurn } from '../../agent/run-agent-turn.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ messageId: z.string().min(1) });
export type AgentTurnPayload = z.output<typeof schema>;

export const agentTurnJob = defineJob({
  name: 'agent.reply',
  // Urgent: the contact is waiting for the answer.
  urgent: true,
  schema,
  handler: (ctx, job): Promise<void> => runAgentTurn(ctx, job),
});
