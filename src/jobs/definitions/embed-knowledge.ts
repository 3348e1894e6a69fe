/**
 * Job kind "knowledge.embed": embeds a workspace's changed knowledge-base entries.
 */
import { z } from 'zod';
import { embedKnowledge } from '../../agent/knowledge-embedding.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ workspaceId: z.string().min(1) });
export type EmbedKnowledgePayload = z.output<typeof schema>;

export const embedKnowledgeJob = defineJob({
  name: 'knowledge.embed',
  schema,
  maxAttempts: 5,
  handler: (ctx, job): Promise<void> => embedKnowledge(ctx, job),
});
