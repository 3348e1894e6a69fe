/**
 * The agent's inbound-text handler (services/inbound-text-handler.ts, registered in runtime.ts):
 * if the agent should answer this text, schedule its turn after the debounce window, so a burst
 * of texts gets one reply. Silent when the contact is not the agent's to answer, or when the loop
 * guard holds automated replies back.
 */
import { agentIneligibility } from './agent-eligibility.js';
import { loadAgentSettings } from './agent-settings.js';
import type { AppContext } from '../context.js';
import { automatedReplyBlocker } from '../services/automation-guard.js';
import type { InboundText } from '../services/inbound-text-handler.js';
import { parseWorkspaceSettings } from '../services/workspace-settings.js';
import { agentTurnJob } from '../jobs/definitions/agent-turn.js';
import { enqueue } from '../jobs/job-definition.js';

export async function scheduleAgentReply(ctx: AppContext, text: InboundText): Promise<void> {
  const { message, conversation, contact, workspace, now } = text;
  const { settings } = await loadAgentSettings(ctx, message.workspace_id);
  const log = ctx.logger.child({ workspaceId: message.workspace_id, conversationId: conversation.id, messageId: message.id });
  const ineligible = await agentIneligibility(ctx, { settings, contact, conversation, now });
  if (ineligible) {
    log.debug({ reason: ineligible }, 'agent stays silent');
    return;
  }
  const blocker = await automatedReplyBlocker(ctx.db, {
    workspaceId: message.workspace_id,
    contactId: contact.id,
    inboundBody: message.body,
    perHour: parseWorkspaceSettings(workspace.settings).automatedRepliesPerHour,
    now,
  });
  if (blocker) {
    log.info({ reason: blocker }, 'agent reply held back by the loop guard');
    return;
  }
  await enqueue(
    ctx.db,
    now,
    agentTurnJob,
    { messageId: message.id },
    { workspaceId: message.workspace_id, uniqueKey: `agent:${message.id}`, runAt: now + settings.debounceSeconds * 1000 },
  );
  ctx.wakeWorker();
}
