/**
 * The demo a new installation starts with, so the whole flow works at once with no carrier
 * account: a sandbox number, the demo business's knowledge base (demo-business.ts), the AI agent
 * on the offline builtin model, and the recipe "a missed call tags the caller, so the agent
 * answers their reply".
 */
import { updateAgentSettings } from '../agent/agent-settings.js';
import { addKnowledgeEntry } from '../agent/knowledge-base.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { createPhoneNumber, createPhoneNumberSchema } from '../services/phone-numbers.js';
import { createWorkflowSchema } from '../workflows/workflow-schema.js';
import { createWorkflow } from '../workflows/workflow-store.js';
import { DEMO_KNOWLEDGE } from './demo-business.js';

/** The offline demo line: a sandbox number in the fictional 555-01XX range. */
export const DEMO_NUMBER = {
  carrier: 'sandbox',
  name: 'Demo line (sandbox)',
  forwardTo: ['+15550109999'],
  voicemail: { enabled: true },
} as const;

/** Adds the demo to a workspace; each piece on its own, so a taken demo number does not stop the rest. */
export async function seedDemoWorkspace(ctx: AppContext, workspaceId: string): Promise<void> {
  let seeded = false;
  // +15550100001, then …0002 and on if another workspace of this installation already has it.
  for (let i = 1; i < 100 && !seeded; i++) {
    const number = `+1555010${String(i).padStart(4, '0')}`;
    try {
      await createPhoneNumber(ctx, workspaceId, createPhoneNumberSchema.parse({ number, ...DEMO_NUMBER }));
      seeded = true;
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409)) throw err;
    }
  }
  if (!seeded) ctx.logger.warn({ workspaceId }, 'no free demo number in +1 555-010-0001…0099');
  for (const entry of DEMO_KNOWLEDGE) await addKnowledgeEntry(ctx, workspaceId, { title: entry.title, content: entry.content });
  // The default model is the builtin one, which needs no network and no key.
  await updateAgentSettings(ctx, workspaceId, { enabled: true });
  // The seed's recipe: a missed call tags the caller, so the agent answers their reply.
  await createWorkflow(
    ctx,
    workspaceId,
    createWorkflowSchema.parse({
      name: 'AI agent answers missed callers',
      enabled: true,
      trigger: { type: 'call.missed' },
      actions: [{ type: 'add_tag', tag: 'smschat_ai' }],
    }),
  );
}
