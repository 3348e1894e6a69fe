/**
 * Work on an ordinary inbound text after it is stored (consent keywords were handled already):
 * if the AI agent should answer, schedule its turn after the debounce window, so a burst of texts
 * gets one reply. Workflows react to the same text through its message.received event.
 */
import { agentIneligibility } from '../agent/agent-eligibility.js';
import { loadAgentSettings } from '../agent/agent-settings.js';
import type { AppContext } from '../context.js';
import { automatedReplyBlocker } from './automation-guard.js';
import { parseWorkspaceSettings } from './workspace-settings.js';
import { agentTurnJob } from '../jobs/definitions/agent-turn.js';
import type { InboundMessagePayload } from '../jobs/definitions/inbound-message.js';
import { enqueue, type TypedJob } from '../jobs/job-definition.js';

export async function processInboundMessage(ctx: AppContext, job: TypedJob<InboundMessagePayload>): Promise<void> {
  const message = await ctx.db.selectFrom('messages').selectAll().where('id', '=', job.payload.messageId).executeTakeFirst();
  if (!message) return;
  const [conversation, contact, workspace] = await Promise.all([
    ctx.db.selectFrom('conversations').selectAll().where('id', '=', message.conversation_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('contacts').selectAll().where('id', '=', message.contact_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('workspaces').selectAll().where('id', '=', message.workspace_id).executeTakeFirstOrThrow(),
  ]);
  const now = ctx.clock.now();
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
