/**
 * An inbound text: stored once per carrier message id in the sender's conversation, then consent
 * keywords are applied at once (STOP, START, HELP and plain-words opt-outs). Replies are queued as
 * jobs in the same transaction; the webhook answers an empty response immediately.
 */
import type { AppContext } from '../context.js';
import { cleanCarrierText, INBOUND_TEXT_MAX_CHARS } from '../domain/carrier-text.js';
import { classifyInboundText, helpReply, OPT_IN_CONFIRMATION, OPT_OUT_CONFIRMATION } from '../domain/opt-out.js';
import { normalizePhone } from '../domain/phone.js';
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import type { ContactsTable, ConversationsTable, MessagesTable, PhoneNumbersTable, WorkspacesTable } from '../store/schema.js';
import { automatedReplyBlocker } from './automation-guard.js';
import { recordOptIn, recordOptOut } from './consent.js';
import { upsertContactByPhone } from './contacts.js';
import { emitEvent } from './domain-events.js';
import { ensureConversation } from './conversations.js';
import { markCustomerWrote, reopenOnCustomerText } from './conversation-state.js';
import { queueTeamAlert, whoIs } from './team-alerts.js';
import { looksLikeAutomatedMessage } from '../domain/auto-reply-detection.js';
import { queueOutboundMessage } from './outbound-messages.js';
import { parseWorkspaceSettings } from './workspace-settings.js';
import { inboundMessageJob } from '../jobs/definitions/inbound-message.js';
import { enqueue } from '../jobs/job-definition.js';


export interface InboundMessageEvent {
  carrier: string;
  carrierMessageId: string;
  from: string;
  body: string;
  mediaUrls: string[];
  at: number;
  /**
   * True when the carrier itself handles STOP/START keywords and their confirmations (Twilio long
   * codes do by default): we record the consent change but send no confirmation of our own, which
   * the carrier would block anyway.
   */
  carrierHandlesKeywords: boolean;
  /** The keyword handling the carrier says it applied to this very text (Twilio OptOutType). */
  carrierKeyword?: 'stop' | 'start' | 'help';
  /** The phone simulator sent this text to one of the workspace's numbers: a practice text. */
  practice?: boolean;
}

export type InboundOutcome =
  | { kind: 'duplicate' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'stored'; messageId: string; consent: 'opt_out' | 'opt_in' | 'help' | null; conversationId: string; alert: boolean };

export async function receiveInboundMessage(
  ctx: AppContext,
  number: PhoneNumbersTable,
  given: InboundMessageEvent,
): Promise<InboundOutcome> {
  // Stored without NULs and cut at the carrier's maximum, rather than lost or kept whole.
  const ev = { ...given, body: cleanCarrierText(given.body, INBOUND_TEXT_MAX_CHARS) };
  const from = normalizePhone(ev.from);
  // Short codes and alphanumeric senders are carriers and services, never leads: keep out of contacts.
  if (!from) return { kind: 'ignored', reason: 'sender is not a phone number' };
  const workspace = await ctx.db.selectFrom('workspaces').selectAll().where('id', '=', number.workspace_id).executeTakeFirstOrThrow();

  let outcome: InboundOutcome;
  try {
    outcome = await storeInbound(from);
  } catch (err) {
    if (!(err instanceof ForeignMessageId)) throw err;
    ctx.logger.warn({ workspaceId: number.workspace_id, carrierMessageId: ev.carrierMessageId }, "inbound text names another workspace's message id; ignored");
    return { kind: 'ignored', reason: 'the message id belongs to another workspace' };
  }
  if (outcome.kind === 'stored') {
    ctx.wakeWorker();
    ctx.live.publish({ workspaceId: number.workspace_id, type: 'message', id: outcome.messageId });
    if (outcome.alert) ctx.live.publish({ workspaceId: number.workspace_id, type: 'alert', id: outcome.conversationId });
  }
  return outcome;

  // One transaction; a foreign message id rolls back the contact and conversation it made.
  function storeInbound(from: string) {
    return ctx.db.transaction().execute(async (trx): Promise<InboundOutcome> => {
      const { contact } = await upsertContactByPhone(trx, number.workspace_id, from, ev.at, { practice: ev.practice === true });
      const conversation = await ensureConversation(trx, number.workspace_id, contact, number.id, ev.at);
      const message: MessagesTable = {
        id: newId('msg', ev.at),
        workspace_id: number.workspace_id,
        conversation_id: conversation.id,
        contact_id: contact.id,
        phone_number_id: number.id,
        direction: 'inbound',
        author: 'contact',
        body: ev.body,
        media: JSON.stringify(ev.mediaUrls),
        status: 'received',
        carrier: ev.carrier,
        carrier_message_id: ev.carrierMessageId,
        from_number: from,
        to_number: number.number,
        error_code: null,
        error_message: null,
        call_id: null,
        segments: null,
        created_at: ev.at,
        updated_at: ev.at,
        sent_at: null,
        practice: contact.practice === 1 ? 1 : 0,
      };
      const inserted = await trx
        .insertInto('messages')
        .values(message)
        .onConflict((oc) => oc.columns(['carrier', 'carrier_message_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        // The carrier message id is unique per carrier: held by another workspace, it is a forgery.
        const holder = await trx
          .selectFrom('messages')
          .select('workspace_id')
          .where('carrier', '=', ev.carrier)
          .where('carrier_message_id', '=', ev.carrierMessageId)
          .executeTakeFirst();
        if (holder && holder.workspace_id !== number.workspace_id) throw new ForeignMessageId();
        // A redelivery of a message we have: nothing more happens, whatever it says.
        return { kind: 'duplicate' };
      }
      await trx
        .updateTable('conversations')
        .set({ last_message_at: ev.at, last_inbound_at: ev.at, updated_at: ev.at })
        .where('id', '=', conversation.id)
        .execute();

      await reopenOnCustomerText(trx, conversation.id, ev.at);
      const consent = await applyConsentKeywords(trx, ctx, { workspace, number, contact, conversation, message, ev });
      // A keyword or a machine's auto-reply owes nobody an answer; anything else waits for one.
      const owesAnswer = consent === null && !looksLikeAutomatedMessage(ev.body);
      if (owesAnswer) {
        await markCustomerWrote(trx, conversation.id, ev.at);
        await queueTeamAlert(ctx, trx, {
          workspaceId: number.workspace_id,
          conversationId: conversation.id,
          kind: 'inbound',
          subject: `New text from ${whoIs(contact)}`,
          detail: ev.body.slice(0, 1000) || '(a picture or attachment)',
          key: `inbound:${message.id}`,
          now: ev.at,
        });
      }
      if (consent === null) {
        await emitEvent(trx, {
          workspaceId: number.workspace_id,
          type: 'message.received',
          contactId: contact.id,
          data: { messageId: message.id, conversationId: conversation.id, phoneNumberId: number.id, body: ev.body },
          now: ev.at,
        });
        // Later work on an ordinary message (the AI agent) runs as a job, once per message.
        await enqueue(trx, ev.at, inboundMessageJob, { messageId: message.id }, { workspaceId: number.workspace_id, uniqueKey: `inbound:${message.id}` });
      }
      return { kind: 'stored', messageId: message.id, consent, conversationId: conversation.id, alert: owesAnswer };
    });
  }
}

/** Thrown inside the transaction so that nothing it wrote stays. */
class ForeignMessageId extends Error {}

interface ConsentContext {
  workspace: WorkspacesTable;
  number: PhoneNumbersTable;
  contact: ContactsTable;
  conversation: ConversationsTable;
  message: MessagesTable;
  ev: InboundMessageEvent;
}

async function applyConsentKeywords(trx: Executor, ctx: AppContext, c: ConsentContext): Promise<'opt_out' | 'opt_in' | 'help' | null> {
  // The carrier's own verdict (Twilio OptOutType) covers custom keywords our list does not know.
  const intent = carrierIntent(c.ev) ?? classifyInboundText(c.ev.body);
  if (!intent) return null;
  const base = { workspaceId: c.workspace.id, contactId: c.contact.id, messageId: c.message.id, now: c.ev.at };
  // A keyword the carrier handles is confirmed by the carrier: a reply of ours would be a second one.
  const carrierReplied = intent.via === 'keyword' && c.ev.carrierHandlesKeywords;

  if (intent.kind === 'opt_out') {
    await recordOptOut(trx, { ...base, source: intent.via, detail: c.ev.body.trim().slice(0, 160) });
    // The single confirmation the rules allow; a carrier that handles keywords sends its own.
    if (!carrierReplied) {
      await queueSystemReply(trx, c, OPT_OUT_CONFIRMATION(c.workspace.business_name), { afterOptOut: true });
    }
    return 'opt_out';
  }

  if (intent.kind === 'opt_in') {
    // "Yes" from someone who never opted out is just an answer ("yes, come tomorrow"), not a keyword.
    if (c.contact.opted_out !== 1) return null;
    await recordOptIn(trx, { ...base, source: intent.via, detail: c.ev.body.trim().slice(0, 160) });
    // Twilio answers START, YES and UNSTOP itself on numbers where it handles keywords.
    if (!carrierReplied) {
      await queueSystemReply(trx, { ...c, contact: { ...c.contact, opted_out: 0 } }, OPT_IN_CONFIRMATION(c.workspace.business_name), {});
    }
    return 'opt_in';
  }

  // HELP/INFO: Twilio answers them itself where it handles keywords.
  if (carrierReplied) return 'help';
  // HELP: answered with the business name and how to reach a person, unless the contact opted out.
  if (c.contact.opted_out === 1 || c.contact.textable === 0) return 'help';
  const settings = parseWorkspaceSettings(c.workspace.settings);
  const blocker = await automatedReplyBlocker(trx, {
    workspaceId: c.workspace.id,
    contactId: c.contact.id,
    inboundBody: c.ev.body,
    perHour: settings.automatedRepliesPerHour,
    now: c.ev.at,
  });
  if (blocker) {
    ctx.logger.info({ workspaceId: c.workspace.id, contactId: c.contact.id, reason: blocker }, 'help reply held back');
    return 'help';
  }
  await queueSystemReply(trx, c, helpReply(c.workspace.business_name, `Call or text us at ${formatNumber(c.number.number)}`), {});
  return 'help';
}

/** The intent the carrier already applied (OptOutType), as our classifier would name it. */
function carrierIntent(ev: InboundMessageEvent): ReturnType<typeof classifyInboundText> {
  switch (ev.carrierKeyword) {
    case 'stop':
      return { kind: 'opt_out', keyword: 'STOP', via: 'keyword' };
    case 'start':
      return { kind: 'opt_in', keyword: 'START', via: 'keyword' };
    case 'help':
      return { kind: 'help', keyword: 'HELP', via: 'keyword' };
    default:
      return null;
  }
}

async function queueSystemReply(trx: Executor, c: ConsentContext, body: string, opts: { afterOptOut?: boolean }): Promise<void> {
  await queueOutboundMessage(trx, {
    workspaceId: c.workspace.id,
    conversationId: c.conversation.id,
    // The opt-out confirmation is the one text allowed after an opt-out.
    contact: opts.afterOptOut ? { ...c.contact, opted_out: 0 } : c.contact,
    phoneNumber: c.number,
    author: 'system',
    body,
    now: c.ev.at,
    optOutConfirmation: opts.afterOptOut === true,
  });
}

/** +15550100001 → (555) 010-0001 for NANP numbers; others as E.164. */
function formatNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}
