/**
 * The text-back job: waits for the call to end (a caller leaving a voicemail is still on the line),
 * checks again what may have changed since the call (an opt-out, a reply during the delay, quiet
 * hours), renders the message (the after-hours message for a call that arrived outside hours) and
 * queues it in the caller's conversation.
 */
import { VOICEMAIL_MAX_LENGTH_SECONDS } from '../carriers/call-plan.js';
import type { AppContext } from '../context.js';
import { renderTemplate } from '../domain/message-template.js';
import { nextAllowedSendTime } from '../domain/quiet-hours.js';
import { timeZoneForPhone } from '../domain/time-zones.js';
import { DeferJob } from '../jobs/job-errors.js';
import { finishJobInTransaction } from '../jobs/job-queue.js';
import type { CallsTable } from '../store/schema.js';
import { ensureConversation } from './conversations.js';
import { lineTypeBlocker, markForCallBack } from './line-type-check.js';
import { queueOutboundMessage, sendBlocker } from './outbound-messages.js';
import { parsePhoneNumberSettings } from './phone-number-settings.js';
import { parseWorkspaceSettings } from './workspace-settings.js';
import { contactAsCalled } from './contact-phones.js';
import type { SendTextBackPayload } from '../jobs/definitions/send-text-back.js';
import type { TypedJob } from '../jobs/job-definition.js';

/** How long a text-back waits for a call still in voicemail before it sends anyway. */
const CALL_END_WAIT_MS = (VOICEMAIL_MAX_LENGTH_SECONDS + 60) * 1000;
const CALL_END_POLL_MS = 15_000;

export async function sendTextBack(ctx: AppContext, job: TypedJob<SendTextBackPayload>): Promise<void> {
  const now = ctx.clock.now();
  const call = await ctx.db.selectFrom('calls').selectAll().where('id', '=', job.payload.callId).executeTakeFirst();
  if (!call || call.textback_status !== 'pending') return;

  if (call.ended_at === null) {
    const deadline = (call.outcome_decided_at ?? now) + CALL_END_WAIT_MS;
    // The end of the call (voicemail saved, status callback) moves this job forward at once.
    if (now < deadline) throw new DeferJob(Math.min(now + CALL_END_POLL_MS, deadline), 'waiting for the call to end');
  }

  const [number, workspace, contact] = await Promise.all([
    ctx.db.selectFrom('phone_numbers').selectAll().where('id', '=', call.phone_number_id).where('workspace_id', '=', call.workspace_id).executeTakeFirst(),
    ctx.db.selectFrom('workspaces').selectAll().where('id', '=', call.workspace_id).executeTakeFirstOrThrow(),
    call.contact_id ? ctx.db.selectFrom('contacts').selectAll().where('id', '=', call.contact_id).executeTakeFirst() : undefined,
  ]).then(async ([n, w, c]) => [n, w, c ? await contactAsCalled(ctx.db, c, call.from_number) : c] as const);
  if (!number) return skip(ctx, call, 'The phone number was removed before the text went out');
  if (number.textback_paused_at !== null) {
    return skip(ctx, call, `Text-back is paused on this number until the owner confirms the fix: ${number.textback_paused_reason ?? 'carriers blocked its texts'}`);
  }
  if (contact === null) return skip(ctx, call, 'The number that called is no longer this contact’s');
  if (!contact) return skip(ctx, call, 'The caller withheld their number or it is not a phone number');
  const settings = parsePhoneNumberSettings(number.settings);
  if (!settings.missedCallTextBack.enabled) return skip(ctx, call, 'Missed-call text-back was turned off before the text went out');
  const blocker = sendBlocker(contact);
  if (blocker) return skip(ctx, call, blocker);

  if (settings.missedCallTextBack.delaySeconds > 0) {
    // Contract: with a delay, the text is skipped if the caller texted or was answered meanwhile.
    const since = call.started_at;
    const reply = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('workspace_id', '=', call.workspace_id)
      .where('contact_id', '=', contact.id)
      .where('created_at', '>=', since)
      .where((eb) => eb.or([eb('direction', '=', 'inbound'), eb('author', '=', 'human')]))
      .executeTakeFirst();
    if (reply) return skip(ctx, call, 'The caller and the business were already texting before the delay ran out');
    const answeredLater = await ctx.db
      .selectFrom('calls')
      .select('id')
      .where('phone_number_id', '=', call.phone_number_id)
      .where('from_number', '=', call.from_number)
      .where('started_at', '>', call.started_at)
      .where('outcome', '=', 'answered')
      .executeTakeFirst();
    if (answeredLater) return skip(ctx, call, 'The caller called again and was answered before the delay ran out');
  }

  const ws = parseWorkspaceSettings(workspace.settings);
  if (ws.lineTypeCheck.enabled) {
    const notTextable = await lineTypeBlocker(ctx, number, contact, now);
    if (notTextable) {
      if (await skipOnce(ctx, call, notTextable)) await markForCallBack(ctx, number, contact, notTextable, now);
      return;
    }
  }
  if (ws.quietHours.enabled) {
    const zone = timeZoneForPhone(contact.phone) ?? workspace.timezone;
    const allowed = nextAllowedSendTime(new Date(now), { start: ws.quietHours.start, end: ws.quietHours.end }, zone).getTime();
    if (allowed > now) throw new DeferJob(allowed, `quiet hours in ${zone}`);
  }

  // Outside hours (decided when the call arrived) the number's after-hours message, when it has one,
  // replaces the template: "we're closed, we open at 8" rather than "sorry we missed you".
  const template = call.after_hours === 1 && settings.afterHours.message !== null ? settings.afterHours.message : settings.missedCallTextBack.message;
  let body = renderTemplate(template, {
    business: { name: workspace.business_name },
    contact: { name: contact.name },
    number: { name: number.name },
  });
  // The opt-out line goes on the first text to each contact; later texts go without it.
  if (ws.optOutFooter.enabled && !(await everTexted(ctx, call.workspace_id, contact.id))) body = `${body} ${ws.optOutFooter.text}`;

  const message = await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('calls').select('textback_status').where('id', '=', call.id).executeTakeFirstOrThrow();
    if (current.textback_status !== 'pending') return null;
    const conversation = await ensureConversation(trx, call.workspace_id, contact.id, number.id, now);
    const msg = await queueOutboundMessage(trx, {
      workspaceId: call.workspace_id,
      conversationId: conversation.id,
      contact,
      phoneNumber: number,
      author: 'textback',
      body,
      callId: call.id,
      now,
    });
    await trx.updateTable('calls').set({ textback_message_id: msg.id, updated_at: now }).where('id', '=', call.id).execute();
    await finishJobInTransaction(trx, now);
    return msg;
  });
  if (message) {
    ctx.wakeWorker();
    ctx.live.publish({ workspaceId: call.workspace_id, type: 'message', id: message.id });
  }
}

/** Whether the workspace already sent (or is sending) this contact a text. */
async function everTexted(ctx: AppContext, workspaceId: string, contactId: string): Promise<boolean> {
  const sent = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .where('direction', '=', 'outbound')
    .where('status', 'not in', ['refused', 'failed'])
    .executeTakeFirst();
  return sent !== undefined;
}

async function skip(ctx: AppContext, call: CallsTable, reason: string): Promise<void> {
  await skipOnce(ctx, call, reason);
}

/** Records why no text went out; true when this run made the decision (not a retry). */
async function skipOnce(ctx: AppContext, call: CallsTable, reason: string): Promise<boolean> {
  const result = await ctx.db
    .updateTable('calls')
    .set({ textback_status: 'skipped', textback_reason: reason, updated_at: ctx.clock.now() })
    .where('id', '=', call.id)
    .where('textback_status', '=', 'pending')
    .executeTakeFirst();
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'call', id: call.id });
  return Number(result.numUpdatedRows) > 0;
}
