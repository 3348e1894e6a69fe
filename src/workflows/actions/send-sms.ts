/**
 * send_sms: texts the contact the rendered body, through the same at-most-once outbound path as
 * every other text. Runs inside the step's transaction, so the queued message and the step's
 * "completed" (holding the message id) commit together: a retried step finds itself done and
 * never queues a second text.
 *
 * Like every automated text it respects opt-out and the business's own numbers (skipped, with the
 * reason), quiet hours in the
 * contact's time zone (the step waits until they end), the per-contact hourly limit on automated
 * texts, and the workspace's opt-out footer.
 */
import { renderTemplate } from '../../domain/message-template.js';
import { nextAllowedSendTime } from '../../domain/quiet-hours.js';
import { timeZoneForPhone } from '../../domain/time-zones.js';
import type { Executor } from '../../jobs/job-queue.js';
import { automatedReplyBlocker } from '../../services/automation-guard.js';
import { ensureConversation } from '../../services/conversations.js';
import { queueOutboundMessage, sendBlocker } from '../../services/outbound-messages.js';
import { parseWorkspaceSettings } from '../../services/workspace-settings.js';
import type { WorkflowAction } from '../workflow-schema.js';
import { sendingNumberFor } from './sending-number.js';
import type { StepContext, StepOutcome } from './step-context.js';
import { NO_CONTACT } from './tag-actions.js';

export async function runSendSms(trx: Executor, s: StepContext<Extract<WorkflowAction, { type: 'send_sms' }>>): Promise<StepOutcome> {
  const workspaceId = s.run.workspace_id;
  if (!s.run.contact_id) return { status: 'skipped', reason: NO_CONTACT };
  const contact = await trx.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', s.run.contact_id).executeTakeFirst();
  if (!contact) return { status: 'skipped', reason: 'The contact was deleted' };
  const blocker = sendBlocker(contact);
  if (blocker) return { status: 'skipped', reason: blocker };

  const workspace = await trx.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const settings = parseWorkspaceSettings(workspace.settings);
  // A phone system that shows its main line as the caller turns the business into a "contact".
  if (settings.ownNumbers.includes(contact.phone)) return { status: 'skipped', reason: "The contact is one of the business's own numbers (own numbers are never texted)" };
  if (settings.quietHours.enabled) {
    const zone = timeZoneForPhone(contact.phone) ?? workspace.timezone;
    const allowed = nextAllowedSendTime(new Date(s.now), { start: settings.quietHours.start, end: settings.quietHours.end }, zone).getTime();
    if (allowed > s.now) return { status: 'waiting', until: allowed, reason: `quiet hours in ${zone}` };
  }

  // A text answering a message that looks like another system's auto-reply could start a loop
  // between two robots; the hourly cap stops any other runaway.
  const inboundBody = s.event.type === 'message.received' && typeof s.event.data.body === 'string' ? s.event.data.body : '';
  const limited = await automatedReplyBlocker(trx, {
    workspaceId,
    contactId: contact.id,
    inboundBody,
    perHour: settings.automatedRepliesPerHour,
    now: s.now,
  });
  if (limited) return { status: 'skipped', reason: limited };

  const number = await sendingNumberFor(trx, { workspaceId, phoneNumberId: s.run.phone_number_id, contactId: contact.id });
  if (!number) return { status: 'failed', error: 'The workspace has no phone number to send from' };

  let body = renderTemplate(s.action.body, {
    business: { name: workspace.business_name },
    contact: { name: contact.name },
    number: { name: number.name },
  });
  if (settings.optOutFooter.enabled) body = `${body} ${settings.optOutFooter.text}`;

  const conversation = await ensureConversation(trx, workspaceId, contact, number.id, s.now);
  const callId = typeof s.event.data.callId === 'string' ? s.event.data.callId : null;
  const message = await queueOutboundMessage(trx, {
    workspaceId,
    conversationId: conversation.id,
    contact,
    phoneNumber: number,
    author: 'workflow',
    body,
    callId,
    now: s.now,
  });
  return { status: 'completed', result: { messageId: message.id, conversationId: conversation.id, from: number.number, to: contact.phone, body } };
}
