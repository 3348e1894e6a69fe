/**
 * notify: texts staff (the action's `to`, or the workspace's staffNumbers) about the contact,
 * through the staff notification path (each staff phone is a contact with its own conversation, so
 * sends are at-most-once and a staff STOP is respected). The body takes merge fields, and the
 * contact's name and phone are added at the end so the text says who it is about.
 * Staff texts ignore quiet hours: they are the business's own people, and a missed lead can't wait.
 */
import { renderTemplate } from '../../domain/message-template.js';
import type { Executor } from '../../jobs/job-queue.js';
import { queueStaffNotification, staffNumbersOf } from '../../services/notify-staff.js';
import type { WorkflowAction } from '../workflow-schema.js';
import { sendingNumberFor } from './sending-number.js';
import type { StepContext, StepOutcome } from './step-context.js';

export async function runNotify(trx: Executor, s: StepContext<Extract<WorkflowAction, { type: 'notify' }>>): Promise<StepOutcome> {
  const workspaceId = s.run.workspace_id;
  const to = s.action.to ?? (await staffNumbersOf({ db: trx }, workspaceId));
  if (to.length === 0) {
    return { status: 'skipped', reason: 'Nobody to notify: give the action a `to` list or set staffNumbers on the workspace' };
  }
  const number = await sendingNumberFor(trx, { workspaceId, phoneNumberId: s.run.phone_number_id, contactId: s.run.contact_id });
  if (!number) return { status: 'failed', error: 'The workspace has no phone number to send from' };
  // Sequential, not Promise.all: one transaction is one connection.
  const workspace = await trx.selectFrom('workspaces').select('business_name').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const contact = s.run.contact_id
    ? await trx.selectFrom('contacts').select(['name', 'phone', 'practice']).where('id', '=', s.run.contact_id).executeTakeFirst()
    : undefined;
  let body = renderTemplate(s.action.body, {
    business: { name: workspace.business_name },
    contact: { name: contact?.name ?? null },
    number: { name: number.name },
  });
  if (contact) body = `${body} (${contact.name ? `${contact.name}, ` : ''}${contact.phone})`;
  // About the phone simulator's practice contact: recorded as practice, never sent to real phones.
  const sent = await queueStaffNotification(trx, { workspaceId, fromNumber: number, to, body, author: 'workflow', now: s.now, practice: contact?.practice === 1 });
  if (sent.messageIds.length === 0) {
    return {
      status: 'skipped',
      reason: `No staff phone could be texted: ${sent.skipped.map((x) => `${x.phone} ${x.reason}`).join('; ')}`,
      result: { skipped: sent.skipped },
    };
  }
  return { status: 'completed', result: { messageIds: sent.messageIds, skipped: sent.skipped, body } };
}
