/**
 * The text-back job: waits for the call to end (a caller leaving a voicemail is still on the line),
 * checks again what may have changed since the call (an opt-out, a reply during the delay, quiet
 * hours), renders the message (the after-hours message for a call that arrived outside hours),
 * queues it in the caller's conversation and sends it, in this same job (services/send-text-back-now.ts).
 */
import { VOICEMAIL_MAX_LENGTH_SECONDS } from '../carriers/call-plan.js';
import type { AppContext } from '../context.js';
import { renderTemplate } from '../domain/message-template.js';
import { nextAllowedSendTime } from '../domain/quiet-hours.js';
import { timeZoneForPhone } from '../domain/time-zones.js';
import { DeferJob } from '../jobs/job-errors.js';
import { newId } from '../store/ids.js';
import type { CallsTable } from '../store/schema.js';
import { lineTypeBlocker, markForCallBack } from './line-type-check.js';
import { sendBlocker } from './outbound-messages.js';
import { queueTextBack } from './queue-text-back.js';
import { handTextBackToSendJob, sendTextBackNow } from './send-text-back-now.js';
import { sendingClientFor } from './carrier-clients.js';
import { parsePhoneNumberSettings } from './phone-number-settings.js';
import { parseWorkspaceSettings } from './workspace-settings.js';
import { contactAsCalled } from './contact-phones.js';
import type { SendTextBackPayload } from '../jobs/definitions/send-text-back.js';
import type { TypedJob } from '../jobs/job-definition.js';
import { readTextBackContext, textBackContextFrom, type TextBackContext } from './text-back-context.js';

/** How long a text-back waits for a call still in voicemail before it sends anyway. */
const CALL_END_WAIT_MS = (VOICEMAIL_MAX_LENGTH_SECONDS + 60) * 1000;
const CALL_END_POLL_MS = 15_000;

export async function sendTextBack(ctx: AppContext, job: TypedJob<SendTextBackPayload>): Promise<void> {
  const now = ctx.clock.now();
  // Read for us on PostgreSQL, by the call's decision statement when it handed the job to this
  // process's worker, or by the worker's claim statement (jobs/read-at-claim.ts): no read of our own.
  const found = handedOverContext(job) ?? (await readTextBackContext(ctx, job.payload.callId));
  if (!found || found.call.textback_status !== 'pending') return;
  const { call, number, workspace } = found;
  // A run after one that died (its lease expired) once the text was claimed: never a second text.
  // The message's send job takes it over and asks the carrier first if it may have gone out.
  if (call.textback_message_id !== null) return handTextBackToSendJob(ctx, { id: call.textback_message_id, workspace_id: call.workspace_id });

  if (call.ended_at === null) {
    const deadline = (call.outcome_decided_at ?? now) + CALL_END_WAIT_MS;
    // The end of the call (voicemail saved, status callback) moves this job forward at once.
    if (now < deadline) throw new DeferJob(Math.min(now + CALL_END_POLL_MS, deadline), 'waiting for the call to end');
  }

  const contact = found.contact ? await contactAsCalled(ctx.db, found.contact, call.from_number) : found.contact;
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
  if (ws.optOutFooter.enabled && !found.everTexted) body = `${body} ${ws.optOutFooter.text}`;

  // The client that will send it, built before the write so the write knows whether this job can
  // send the text itself. One that cannot be built (no credentials) leaves the text to its send
  // job, which fails the way it always did, with the reason on the job.
  const practice = contact.practice === 1;
  const carrier = await sendingClientFor(ctx, { workspace_id: call.workspace_id, carrier: number.carrier, practice: practice ? 1 : 0 }, practice, {
    sealed: found.carrierAccount,
  }).catch(() => null);
  const message = await queueTextBack(ctx, {
    callId: call.id,
    workspaceId: call.workspace_id,
    contact,
    number,
    conversationId: found.conversationId,
    messageId: newId('msg', now),
    sendsItself: carrier !== null,
    body,
    now,
  });
  if (!message) return;
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'message', id: message.id });
  if (message.status === 'sending' && carrier) await sendTextBackNow(ctx, message, carrier, number.messaging_service_sid);
  else ctx.wakeWorker();
}

/** The context read for this run by the decision or the claim (a row of textBackContextSelect), if it is this job's call's. */
function handedOverContext(job: TypedJob<SendTextBackPayload>): TextBackContext | undefined {
  const context = job.prefetched ? textBackContextFrom(job.prefetched as Record<string, unknown>) : undefined;
  return context?.call.id === job.payload.callId ? context : undefined;
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
    // A text already queued for the call (a run that outlived its lease) is the decision: a late
    // second run must not mark a texted call skipped.
    .where('textback_message_id', 'is', null)
    .executeTakeFirst();
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'call', id: call.id });
  return Number(result.numUpdatedRows) > 0;
}
