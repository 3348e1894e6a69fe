/**
 * Every outbound text (text-back, staff, agent, workflow) goes through here: a message row is
 * queued in the caller's transaction with a send job, and the job sends it at most once. The
 * text-back is the one exception to "with a send job": its own job sends its text with these same
 * steps (services/send-text-back-now.ts) and leaves to a send job only what is not the plain case.
 *
 * At-most-once toward the carrier (carriers have no idempotency key):
 * 1. the row is marked `sending` and committed before the carrier is called;
 * 2. the carrier's id is stored after;
 * 3. a job that finds its message still `sending` (a crash, or a lost answer) first asks the
 *    carrier whether the text went out, and only sends if it did not.
 */
import { CarrierSendError } from '../carriers/carrier.js';
import type { CarrierAccount, CarrierErrorMeaning } from '../carriers/carrier.js';
import { findCarrier } from '../carriers/registry.js';
import { TEXT_BACK_VALIDITY_SECONDS } from '../domain/textback-policy.js';
import type { AppContext } from '../context.js';
import { refused } from '../errors.js';
import { PermanentJobError, RetryJobAfter } from '../jobs/job-errors.js';
import { finishJobInTransaction, finishJobUpdate, runningJobToFinishInStatement, type Executor } from '../jobs/job-queue.js';
import { expressionBuilder, sql, type Expression, type QueryCreator, type RawBuilder, type SqlBool } from 'kysely';
import type { Logger } from 'pino';
import { newId } from '../store/ids.js';
import { placeholderRow, preparedQuery } from '../store/prepared-query.js';
import { MESSAGE_COLUMNS } from '../store/row-columns.js';
import type { ContactsTable, Database, MessageAuthor, MessagesTable } from '../store/schema.js';
import { SANDBOX_CARRIER, sendingClientFor } from './carrier-clients.js';
import { markNotTextable, recordOtherPhoneOptOut, recordOptOut } from './consent.js';
import { markAnswered } from './conversation-state.js';
import { applyToOtherPhone, stateOfNumber } from './contact-phones.js';
import { sendMessageJob, type SendMessagePayload } from '../jobs/definitions/send-message.js';
import { enqueue, type TypedJob } from '../jobs/job-definition.js';
import { leaseHeld } from '../jobs/follow-up-scope.js';


export interface QueueOutboundInput {
  workspaceId: string;
  conversationId: string;
  contact: ContactsTable;
  phoneNumber: { id: string; number: string; carrier: string };
  author: MessageAuthor;
  body: string;
  callId?: string | null;
  /** Epoch ms; later for quiet hours. */
  sendAt?: number;
  now: number;
  /** The one confirmation text allowed after an opt-out: it alone passes the opt-out gate. */
  optOutConfirmation?: boolean;
  /**
   * A practice text although its recipient is not the practice phone: a staff notification about a
   * practice conversation. A text to a practice contact is practice without saying so.
   */
  practice?: boolean;
  /** The message's id, when the caller had to name it first (the text-back writes it on the call before). */
  id?: string;
  /** The conversation was created in this transaction at `now`: its last message time is already now. */
  conversationIsNew?: boolean;
}

/** Why this contact must not be texted, or null. Checked when queueing and again right before sending. */
export function sendBlocker(contact: Pick<ContactsTable, 'opted_out' | 'textable'>): string | null {
  if (contact.opted_out === 1) return 'The contact opted out of texts';
  if (contact.textable === 0) return 'The carrier said this phone cannot take texts';
  return null;
}

const insertMessage = preparedQuery((db, p: MessagesTable) => db.insertInto('messages').values(placeholderRow(p, MESSAGE_COLUMNS)));

const touchConversation = preparedQuery((db, p: { id: string; now: number }) =>
  db.updateTable('conversations').set({ last_message_at: p.now, updated_at: p.now }).where('id', '=', p.id),
);

/**
 * The message row a queued text is: what queueOutboundMessage inserts, and the text-back's one
 * statement on PostgreSQL (services/queue-text-back.ts) too, so both write the same columns. Refuses
 * (422, with the reason) a contact who opted out or cannot take texts: nothing is dropped silently.
 */
export function outboundMessageRow(input: QueueOutboundInput): MessagesTable {
  const blocker = sendBlocker(input.contact);
  if (blocker) throw refused(blocker, input.contact.opted_out === 1 ? 'contact_opted_out' : 'contact_not_textable');
  const practice = input.practice === true || input.contact.practice === 1;
  return {
    id: input.id ?? newId('msg', input.now),
    workspace_id: input.workspaceId,
    conversation_id: input.conversationId,
    contact_id: input.contact.id,
    phone_number_id: input.phoneNumber.id,
    direction: 'outbound',
    author: input.author,
    body: input.body,
    media: '[]',
    status: 'pending',
    // A practice text goes through the sandbox, whatever the number's carrier (see sendingClientFor).
    carrier: practice ? SANDBOX_CARRIER : input.phoneNumber.carrier,
    carrier_message_id: null,
    from_number: input.phoneNumber.number,
    to_number: input.contact.phone,
    error_code: null,
    error_message: null,
    call_id: input.callId ?? null,
    segments: null,
    created_at: input.now,
    updated_at: input.now,
    sent_at: null,
    practice: practice ? 1 : 0,
  };
}

/**
 * Whether someone is waiting on this text right now, so its send job is claimed before bulk work
 * (jobs/job-status-sql.ts): a missed call's text, a staff member's reply, the agent's answer, an
 * opt-out confirmation or an alert to the staff. A workflow's text is not of itself: a workflow may
 * text every contact of an import at once, and those must not hold the replies of any business
 * behind them; it is urgent when the workflow's run is (a missed call started it).
 */
export function isUrgentText(author: MessagesTable['author']): boolean {
  return URGENT_AUTHORS.has(author);
}

const URGENT_AUTHORS: ReadonlySet<MessagesTable['author']> = new Set(['textback', 'human', 'agent', 'system']);

/** The send job of a queued message: its payload and options (one per message, by unique key). */
export function sendJobOf(row: Pick<MessagesTable, 'id' | 'author'>, input: Pick<QueueOutboundInput, 'workspaceId' | 'optOutConfirmation' | 'sendAt' | 'now'>) {
  return {
    payload: { messageId: row.id, ...(input.optOutConfirmation ? { optOutConfirmation: true } : {}) } satisfies SendMessagePayload,
    // A workflow's text is as urgent as the workflow's step that queues it (a missed call's
    // follow-up is; an import's welcome is not): unset, it inherits (EnqueueOptions.urgent).
    opts: { workspaceId: input.workspaceId, uniqueKey: `send:${row.id}`, runAt: input.sendAt ?? input.now, urgent: isUrgentText(row.author) ? true : undefined },
  };
}

/**
 * Queues a text inside the caller's transaction. Refuses (422, with the reason) a contact who
 * opted out or cannot take texts: nothing is dropped silently.
 */
export async function queueOutboundMessage(db: Executor, input: QueueOutboundInput): Promise<MessagesTable> {
  const row = await insertOutboundMessage(db, input);
  const send = sendJobOf(row, input);
  await enqueue(db, input.now, sendMessageJob, send.payload, send.opts);
  return row;
}

/**
 * The message row and its conversation's bookkeeping, without the send job: for queueOutboundMessage,
 * and for the text-back, which sends its text itself when it can (services/send-text-back-now.ts).
 * With `throughLastGate` the row goes in already `sending` when the last gate before the carrier
 * lets it through (step 1 of the protocol in the insert itself: one statement, not an insert and
 * markMessageSending), else `pending`; the returned row says which.
 */
export async function insertOutboundMessage(db: Executor, input: QueueOutboundInput, opts: { throughLastGate?: boolean } = {}): Promise<MessagesTable> {
  const row = outboundMessageRow(input);
  if (opts.throughLastGate) {
    const inserted = (await insertMessageThroughLastGate(db, row)).rows[0];
    if (inserted?.status === 'sending') row.status = 'sending';
  } else {
    await insertMessage(db, row);
  }
  if (!input.conversationIsNew) await touchConversation(db, { id: input.conversationId, now: input.now });
  await markAnswered(db, input.conversationId, input.author, input.now);
  return row;
}

/** The message with its number's Messaging Service and the workspace's carrier account (sealed). */
const messageToSendQuery = preparedQuery((db, p: { messageId: string }) =>
  db
    .selectFrom('messages')
    .leftJoin('phone_numbers', 'phone_numbers.id', 'messages.phone_number_id')
    .leftJoin('contacts', 'contacts.id', 'messages.contact_id')
    .leftJoin('carrier_accounts as ca', (j) => j.onRef('ca.workspace_id', '=', 'messages.workspace_id').onRef('ca.carrier', '=', 'messages.carrier'))
    .selectAll('messages')
    .select(['phone_numbers.messaging_service_sid', 'contacts.practice as contact_practice', 'ca.account_id as ca_account_id', 'ca.secret_ciphertext as ca_secret_ciphertext', 'ca.extra_ciphertext as ca_extra_ciphertext'])
    .where('messages.id', '=', p.messageId),
);

/** Who a text goes to, for the last gate before the carrier (numberStillTextable). */
export interface TextRecipient {
  contactId: string;
  workspaceId: string;
  to: string;
}

/**
 * Whether the number a text goes to is still this contact's and textable and (with checkOptOut)
 * not opted out: the condition of the last gate before the carrier, written into the statement that
 * marks the text `sending` (markSending here; the insert of a text its job sends at once,
 * statusThroughLastGate), so nothing can slip in between the check and the send.
 */
export function numberStillTextable(db: QueryCreator<Database>, p: TextRecipient, checkOptOut: boolean): Expression<SqlBool> {
  let asMainNumber = db
    .selectFrom('contacts')
    .select('contacts.id')
    .where('contacts.id', '=', p.contactId)
    .where('contacts.phone', '=', p.to)
    .where('contacts.textable', '=', 1);
  let asOtherNumber = db
    .selectFrom('contact_phones')
    .select('contact_phones.contact_id')
    .where('contact_phones.workspace_id', '=', p.workspaceId)
    .where('contact_phones.contact_id', '=', p.contactId)
    .where('contact_phones.phone', '=', p.to)
    .where('contact_phones.textable', '=', 1);
  if (checkOptOut) {
    asMainNumber = asMainNumber.where('contacts.opted_out', '=', 0);
    asOtherNumber = asOtherNumber.where('contact_phones.opted_out', '=', 0);
  }
  const eb = expressionBuilder<Database, never>();
  return eb.or([eb.exists(asMainNumber), eb.exists(asOtherNumber)]);
}

/**
 * The status a text goes in with when its job is to send it at once (and `when` holds, if given):
 * `sending` through the last gate before the carrier (numberStillTextable, opt-out included), else
 * `pending`, for its send job to settle. Written into the insert itself (insertMessageThroughLastGate
 * on SQLite, the text-back's one statement on PostgreSQL): the same check markSending makes.
 */
export function statusThroughLastGate(db: QueryCreator<Database>, p: TextRecipient, when?: Expression<SqlBool>): RawBuilder<'sending' | 'pending'> {
  const gate = numberStillTextable(db, p, true);
  return sql<'sending' | 'pending'>`case when ${when ? sql`${when} and ${gate}` : gate} then 'sending' else 'pending' end`;
}

/** insertMessage with the status decided by the last gate (statusThroughLastGate), which it returns. */
const insertMessageThroughLastGate = preparedQuery((db, p: MessagesTable) =>
  db
    .insertInto('messages')
    .columns(MESSAGE_COLUMNS)
    .expression(
      db.selectNoFrom(
        MESSAGE_COLUMNS.map((c) =>
          c === 'status' ? statusThroughLastGate(db, { contactId: p.contact_id, workspaceId: p.workspace_id, to: p.to_number }).as(c) : sql`${p[c]}`.as(c),
        ),
      ),
    )
    .returning('status'),
);

/**
 * The last gate before the carrier: marks the message `sending` only while numberStillTextable
 * holds, checked in this very statement so nothing can slip in between the check and the send.
 */
function markSendingQuery(checkOptOut: boolean) {
  return preparedQuery((db, p: TextRecipient & { messageId: string; now: number }) =>
    db
      .updateTable('messages')
      .set({ status: 'sending', updated_at: p.now })
      .where('id', '=', p.messageId)
      .where('status', 'in', ['pending', 'sending'])
      .where(numberStillTextable(db, p, checkOptOut)),
  );
}
const markSending = markSendingQuery(true);
const markSendingEvenIfOptedOut = markSendingQuery(false);

/**
 * Step 1 of the protocol (see the header): marks the message `sending` through the last gate.
 * False when the gate refused it or the message was settled meanwhile. Its commit must come before
 * the carrier is called (the text-back runs it inside its queueing transaction, which commits first).
 */
export async function markMessageSending(
  db: Executor,
  message: Pick<MessagesTable, 'id' | 'contact_id' | 'workspace_id' | 'to_number'>,
  opts: { optOutConfirmation: boolean; now: number },
): Promise<boolean> {
  const marked = await (opts.optOutConfirmation ? markSendingEvenIfOptedOut : markSending)(db, {
    messageId: message.id,
    contactId: message.contact_id,
    workspaceId: message.workspace_id,
    to: message.to_number,
    now: opts.now,
  });
  return Number(marked.numAffectedRows ?? 0) > 0;
}

/**
 * How long after a send attempt began a text the carrier does not list may still be on its way to
 * becoming a message. A request the carrier received before the answer was lost (our deadline
 * passed, the connection broke) can be worked through after we stopped waiting, and a carrier
 * slowed down by load does exactly that; the lookup would then find nothing, and a re-send would
 * text the customer twice. Four times our own request deadline (15 s): until then, "not found"
 * means "not known yet", and the send job looks again later instead of sending (a carrier whose
 * records appear later still says how much later: CarrierClient.sentTextListedWithinMs).
 */
export const LOST_REQUEST_SETTLE_MS = 60_000;

/** The log lines of one message's send. */
export function sendLogger(ctx: AppContext, message: Pick<MessagesTable, 'workspace_id' | 'id' | 'conversation_id'>): Logger {
  return ctx.logger.child({ workspaceId: message.workspace_id, messageId: message.id, conversationId: message.conversation_id });
}

/** The job: sends one queued message, at most once. */
export async function sendQueuedMessage(ctx: AppContext, job: TypedJob<SendMessagePayload>): Promise<void> {
  const { messageId } = job.payload;
  // The sending number's Messaging Service, the recipient's practice flag and the workspace's
  // carrier account come with the message: one read, not four.
  const found = (await messageToSendQuery(ctx.db, { messageId })).rows[0];
  if (!found) throw new PermanentJobError(`message ${messageId} not found`);
  const { messaging_service_sid: messagingServiceId, contact_practice: contactPractice, ca_account_id, ca_secret_ciphertext, ca_extra_ciphertext, ...message } = found;
  if (message.status !== 'pending' && message.status !== 'sending') return; // already settled
  const log = sendLogger(ctx, message);
  const sealed = ca_account_id !== null && ca_secret_ciphertext !== null ? { account_id: ca_account_id, secret_ciphertext: ca_secret_ciphertext, extra_ciphertext: ca_extra_ciphertext } : undefined;
  const carrier = await sendingClientFor(ctx, message, contactPractice === 1, { sealed }).catch((err: unknown) => {
    throw asRetry(err);
  });

  if (message.status === 'sending') {
    // A previous attempt may have reached the carrier: never send before checking.
    const found = await carrier.findSentText({
      from: message.from_number,
      to: message.to_number,
      body: message.body,
      after: message.updated_at,
    }).catch((err: unknown) => {
      throw asRetry(err);
    });
    if (found) {
      await markAccepted(ctx, message, found.carrierMessageId, found.status, found.segments);
      log.info({ carrierMessageId: found.carrierMessageId }, 'reconciled: the text had already been sent');
      return;
    }
    // Not listed yet is not "never sent" while the lost request may still become a message, or
    // while the carrier's records of it may still be on their way.
    const settleMs = Math.max(LOST_REQUEST_SETTLE_MS, carrier.sentTextListedWithinMs ?? 0);
    const sinceAttempt = ctx.clock.now() - Number(message.updated_at);
    if (sinceAttempt < settleMs) {
      throw new RetryJobAfter(settleMs - sinceAttempt, 'The carrier does not list the text yet; looking again before sending it again');
    }
  }

  // The last gate: an opt-out that arrived while this waited wins (except its own confirmation).
  // Checked by the same statement that marks the message `sending` (the number must still be
  // textable for the row to change), so nothing can slip in between the check and the send. It is
  // the state of the number this text goes to: opt-out is per number, and after a merge the
  // contact's main number may have changed since the text was queued (services/contact-phones.ts).
  // The contact is read only to say why when the message was not marked.
  const confirmation = job.payload.optOutConfirmation === true;
  if (!(await markMessageSending(ctx.db, message, { optOutConfirmation: confirmation, now: ctx.clock.now() }))) {
    const contact = await ctx.db.selectFrom('contacts').selectAll().where('id', '=', message.contact_id).executeTakeFirstOrThrow();
    const state = await stateOfNumber(ctx.db, contact, message.to_number);
    const blocker = state === null ? 'The number is no longer this contact’s' : sendBlocker(confirmation ? { ...state, opted_out: 0 } : state);
    if (blocker) {
      await settleFailed(ctx, message, 'refused', null, blocker);
      log.info({ reason: blocker }, 'send refused');
    }
    // Otherwise the message was settled meanwhile (a status callback, another attempt).
    return;
  }
  await sendMarkedMessage(ctx, message, carrier, messagingServiceId ?? null, log);
}

/**
 * Steps 2 and 3 of the protocol for a message whose `sending` is committed: the carrier call, then
 * its answer recorded with the call's text-back and the running job's finish. A permanent refusal
 * settles the message; anything else throws for a retry (a retryable failure puts the message back
 * to `pending` first; an unknown one leaves it `sending`, for the next attempt to reconcile).
 */
export async function sendMarkedMessage(
  ctx: AppContext,
  message: MessagesTable,
  carrier: CarrierAccount,
  messagingServiceId: string | null,
  log: Logger,
): Promise<void> {
  // A worker that stalled past its job's lease (a frozen VM, a blocked event loop) may find the job
  // taken over: the other worker asked the carrier, found nothing, and sent. Sending now would text
  // twice. The message stays `sending`, so the next attempt asks the carrier before it sends.
  if (!leaseHeld(ctx.db, ctx.clock.now())) throw new LeaseLost(message.id);
  try {
    // In a job the carrier is asked off the job's worker slot (services/carrier-clients.ts).
    const sent = await carrier.sendText({
      from: message.from_number,
      to: message.to_number,
      body: message.body,
      // With a Messaging Service, `From` still names the number so the caller sees the number they called.
      messagingServiceId,
      ...(message.author === 'textback' ? { validitySeconds: TEXT_BACK_VALIDITY_SECONDS } : {}),
      statusCallbackUrl: `${ctx.config.publicUrl}/webhooks/${message.carrier}/sms/status?m=${message.id}`,
    });
    await markAccepted(ctx, message, sent.carrierMessageId, sent.status, sent.segments);
    log.info({ carrierMessageId: sent.carrierMessageId, author: message.author }, 'text sent');
  } catch (err) {
    const e = err instanceof CarrierSendError ? err : new CarrierSendError('unknown', String((err as Error)?.message ?? err));
    if (e.kind === 'permanent') {
      await settleFailed(ctx, message, 'failed', e.code ?? null, e.message);
      log.warn({ code: e.code, err: e.message }, 'text failed permanently');
      return;
    }
    if (e.kind === 'retryable') {
      // The carrier certainly did not take it: back to pending, no reconcile needed next time.
      await ctx.db
        .updateTable('messages')
        .set({ status: 'pending', error_code: e.code ?? null, error_message: e.message, updated_at: ctx.clock.now() })
        .where('id', '=', message.id)
        .where('status', '=', 'sending')
        .execute();
      if (message.call_id && message.author === 'textback') {
        // The owner sees why the text-back is late (revoked credentials, say) while it still retries.
        await ctx.db
          .updateTable('calls')
          .set({ textback_reason: `Not sent yet, will retry: ${e.message}`, updated_at: ctx.clock.now() })
          .where('id', '=', message.call_id)
          .where('textback_status', '=', 'pending')
          .execute();
      }
    }
    // `unknown` stays `sending`: the next attempt reconciles first.
    throw asRetry(e);
  }
}

/** The job's lease ran out (or was taken) before its text went to the carrier: nothing was sent. */
export class LeaseLost extends Error {
  constructor(messageId: string) {
    super(`message ${messageId} not sent: this worker's lease on its job ran out first; the next attempt asks the carrier before sending`);
    this.name = 'LeaseLost';
  }
}

export function asRetry(err: unknown): Error {
  if (err instanceof CarrierSendError && err.retryAfterMs) return new RetryJobAfter(err.retryAfterMs, err.message);
  if (err instanceof CarrierSendError && err.kind === 'permanent') return new PermanentJobError(err.message);
  return err instanceof Error ? err : new Error(String(err));
}

/** The carrier's answer on the message; a status a callback already moved on stays (decided in the update, no read first). */
function messageAcceptedUpdate(db: QueryCreator<Database>, p: { id: string; carrierMessageId: string; status: string; segments: number | null; now: number }) {
  return db
    .updateTable('messages')
    .set({
      carrier_message_id: p.carrierMessageId,
      status: sql<string>`case when status in ('pending', 'sending') then ${p.status} else status end`,
      segments: p.segments,
      error_code: null,
      error_message: null,
      sent_at: p.now,
      updated_at: p.now,
    })
    .where('id', '=', p.id);
}

/** The call's text-back is sent (a null call id matches nothing: not a text-back). */
function textBackSentUpdate(db: QueryCreator<Database>, p: { callId: string | null; now: number }) {
  return db
    .updateTable('calls')
    .set({ textback_status: 'sent', textback_reason: null, updated_at: p.now })
    .where('id', '=', p.callId)
    .where('textback_status', '=', 'pending');
}

const markMessageAccepted = preparedQuery((db, p: { id: string; carrierMessageId: string; status: string; segments: number | null; now: number }) =>
  messageAcceptedUpdate(db, p),
);

const markTextBackSent = preparedQuery((db, p: { callId: string; now: number }) => textBackSentUpdate(db, p));

/**
 * PostgreSQL: the same three updates as markAccepted's transaction (message, call, the send job's
 * completion) as data-modifying CTEs of one statement. A statement is atomic like a transaction and
 * each CTE runs exactly once, to completion, whether or not the outer query reads it; the updates
 * touch different tables, so the snapshot they share hides nothing from any of them. One round trip
 * instead of five (BEGIN, three UPDATEs, COMMIT). SQLite has no data-modifying CTEs, and there a
 * statement is a function call, not a round trip: it keeps the transaction.
 */
const markAcceptedInOneStatement = preparedQuery(
  (
    db,
    p: { id: string; carrierMessageId: string; status: string; segments: number | null; now: number; callId: string | null; jobId: string | null; jobToken: string | null },
  ) =>
    db
      .with('accepted', () => messageAcceptedUpdate(db, p).returning('id'))
      .with('text_back_sent', () => textBackSentUpdate(db, { callId: p.callId, now: p.now }).returning('id'))
      // The call's row before its job's: every other write that takes both (a voicemail, the call's
      // end moving its text-back job earlier) locks them in that order. PostgreSQL runs the CTEs
      // the main query does not read in an order of its own (the job's first, as measured), which
      // deadlocked against a voicemail arriving during the send; reading text_back_sent here
      // makes the job's update wait for the call's.
      .with('job_done', () =>
        finishJobUpdate(db, { id: p.jobId, token: p.jobToken, now: p.now })
          .where(sql<SqlBool>`(select count(*) from text_back_sent) >= 0`)
          .returning('id'),
      )
      .selectFrom('accepted')
      .select('id'),
);

async function markAccepted(
  ctx: AppContext,
  message: MessagesTable,
  carrierMessageId: string,
  status: string,
  segments: number | undefined,
): Promise<void> {
  const now = ctx.clock.now();
  const accepted = { id: message.id, carrierMessageId, status, segments: segments ?? null, now };
  const callId = message.call_id && message.author === 'textback' ? message.call_id : null;
  if (ctx.store.dialect === 'postgres') {
    // The send job ends here too: its completion commits with the carrier's answer.
    const job = runningJobToFinishInStatement(ctx.db);
    await markAcceptedInOneStatement(ctx.db, { ...accepted, callId, jobId: job?.id ?? null, jobToken: job?.token ?? null });
    job?.finished();
  } else {
    await ctx.db.transaction().execute(async (trx) => {
      await markMessageAccepted(trx, accepted);
      if (callId) await markTextBackSent(trx, { callId, now });
      // The send job ends here: its completion commits with the carrier's answer.
      await finishJobInTransaction(trx, now);
    });
  }
  ctx.live.publish({ workspaceId: message.workspace_id, type: 'message', id: message.id });
}

/** A message that will never go out: failed at the carrier, or refused by our own rules. */
async function settleFailed(
  ctx: AppContext,
  message: MessagesTable,
  status: 'failed' | 'refused',
  code: string | null,
  reason: string,
): Promise<void> {
  const now = ctx.clock.now();
  const meaning = code ? describeCarrierError(message.carrier, code) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({ status, error_code: code, error_message: meaning?.meaning ?? reason, updated_at: now })
      .where('id', '=', message.id)
      .execute();
    await applyCarrierErrorToContact(trx, message, code, now);
    await applyCarrierErrorToNumber(trx, message, code, now);
    if (message.call_id && message.author === 'textback') {
      await trx
        .updateTable('calls')
        .set({
          textback_status: status === 'refused' ? 'skipped' : 'failed',
          textback_reason: status === 'refused' ? reason : `Not delivered: ${meaning?.meaning ?? reason}${code ? ` (error ${code})` : ''}`,
          updated_at: now,
        })
        .where('id', '=', message.call_id)
        .execute();
    }
  });
  ctx.live.publish({ workspaceId: message.workspace_id, type: 'message', id: message.id });
}

/** Undelivered failures in a row (30003: phone off, no signal…) before a contact counts as not textable. */
export const UNREACHABLE_STRIKES_LIMIT = 3;
/** Sender-blocking errors in a row (30034, 30032, 30007…) before text-back pauses on the number. */
export const SENDER_BLOCK_PAUSE_AFTER = 3;

/**
 * 21610 opts the contact out; landline codes mark it not textable; a strike code (30003) marks it
 * not textable only after several in a row.
 */
export async function applyCarrierErrorToContact(
  db: Executor,
  message: Pick<MessagesTable, 'workspace_id' | 'contact_id' | 'id' | 'carrier' | 'to_number'>,
  code: string | null,
  now: number,
  /** Whether the text went to one of the contact's further numbers, when the caller's read says. */
  toOtherPhone?: boolean,
): Promise<void> {
  if (!code) return;
  const { meaning, effect, strike } = describeCarrierError(message.carrier, code);
  if (effect && toOtherPhone !== false && (await applyCarrierErrorToOtherPhone(db, message, code, { meaning, effect, strike }, now))) return;
  if (effect === 'opted_out') {
    await recordOptOut(db, {
      workspaceId: message.workspace_id,
      contactId: message.contact_id,
      source: 'carrier',
      detail: `Carrier error ${code}: ${meaning}`,
      messageId: message.id,
      now,
    });
  } else if (effect === 'not_textable' && strike) {
    await db
      .updateTable('contacts')
      .set((eb) => ({ unreachable_strikes: eb('unreachable_strikes', '+', 1), updated_at: now }))
      .where('id', '=', message.contact_id)
      .execute();
    const c = await db.selectFrom('contacts').select('unreachable_strikes').where('id', '=', message.contact_id).executeTakeFirst();
    if (c && c.unreachable_strikes >= UNREACHABLE_STRIKES_LIMIT) {
      await markNotTextable(db, message.workspace_id, message.contact_id, `Carrier error ${code} ${c.unreachable_strikes} times in a row: ${meaning}`, now);
    }
  } else if (effect === 'not_textable') {
    await markNotTextable(db, message.workspace_id, message.contact_id, `Carrier error ${code}: ${meaning}`, now);
  }
}

/**
 * The text went to one of the contact's further numbers (merged contacts): the verdict belongs to
 * that number's own row, never to the main number. False when the text went to the main number.
 */
async function applyCarrierErrorToOtherPhone(
  db: Executor,
  message: Pick<MessagesTable, 'workspace_id' | 'contact_id' | 'id' | 'to_number'>,
  code: string,
  verdict: Pick<CarrierErrorMeaning, 'meaning' | 'effect' | 'strike'>,
  now: number,
): Promise<boolean> {
  const main = await db.selectFrom('contacts').select('phone').where('id', '=', message.contact_id).executeTakeFirst();
  if (!main || main.phone === message.to_number) return false;
  const at = (change: Parameters<typeof applyToOtherPhone>[4]) => applyToOtherPhone(db, message.workspace_id, message.contact_id, message.to_number, change, now);
  if (verdict.effect === 'opted_out') {
    if (!(await at({ optOut: true }))) return false;
    await recordOtherPhoneOptOut(db, { workspaceId: message.workspace_id, contactId: message.contact_id, source: 'carrier', detail: `Carrier error ${code} for ${message.to_number}: ${verdict.meaning}`, messageId: message.id, now });
    return true;
  }
  if (verdict.effect === 'not_textable' && verdict.strike) {
    if (!(await at({ strike: true }))) return false;
    const row = await db.selectFrom('contact_phones').select('unreachable_strikes').where('workspace_id', '=', message.workspace_id).where('phone', '=', message.to_number).executeTakeFirst();
    if (row && row.unreachable_strikes >= UNREACHABLE_STRIKES_LIMIT) await at({ notTextable: `Carrier error ${code} ${row.unreachable_strikes} times in a row: ${verdict.meaning}` });
    return true;
  }
  return at({ notTextable: `Carrier error ${code}: ${verdict.meaning}` });
}

/**
 * Sender-blocking errors count against the sending number; after several in a row text-back pauses
 * there (every later missed call records why) until the owner fixes the cause and resumes.
 */
export async function applyCarrierErrorToNumber(
  db: Executor,
  message: Pick<MessagesTable, 'phone_number_id' | 'carrier'>,
  code: string | null,
  now: number,
): Promise<boolean> {
  if (!code) return false;
  const { meaning, blocksSender } = describeCarrierError(message.carrier, code);
  if (!blocksSender) return false;
  await db
    .updateTable('phone_numbers')
    .set((eb) => ({ sender_block_strikes: eb('sender_block_strikes', '+', 1) }))
    .where('id', '=', message.phone_number_id)
    .execute();
  const paused = await db
    .updateTable('phone_numbers')
    .set({
      textback_paused_at: now,
      textback_paused_reason: `Carriers blocked the last ${SENDER_BLOCK_PAUSE_AFTER} texts from this number: ${meaning} (error ${code}).`,
    })
    .where('id', '=', message.phone_number_id)
    .where('textback_paused_at', 'is', null)
    .where('sender_block_strikes', '>=', SENDER_BLOCK_PAUSE_AFTER)
    .executeTakeFirst();
  return Number(paused.numUpdatedRows) > 0;
}

/**
 * The strikes a delivered text may clear, as the status callback's own read found them: the
 * sending number's, and those of the number the text went to (the contact row's, or the further
 * number's row when it went to one). All zero, the usual case, clears nothing and costs nothing.
 */
export interface StrikesAtDelivery {
  senderStrikes: number | null;
  contactStrikes: number | null;
  /** Null when the text did not go to one of the contact's further numbers. */
  otherPhoneStrikes: number | null;
}

/** A delivered text clears the strikes against its number and against the number it reached. */
export async function clearStrikesOnDelivery(
  db: Executor,
  message: Pick<MessagesTable, 'phone_number_id' | 'contact_id' | 'workspace_id' | 'to_number'>,
  strikes: StrikesAtDelivery,
): Promise<void> {
  if (strikes.senderStrikes) await db.updateTable('phone_numbers').set({ sender_block_strikes: 0 }).where('id', '=', message.phone_number_id).execute();
  // Delivered to one of the contact's further numbers: that number's strikes, not the main one's.
  if (strikes.otherPhoneStrikes !== null) {
    if (strikes.otherPhoneStrikes > 0) await applyToOtherPhone(db, message.workspace_id, message.contact_id, message.to_number, { clearStrikes: true }, 0);
    return;
  }
  if (strikes.contactStrikes) await db.updateTable('contacts').set({ unreachable_strikes: 0 }).where('id', '=', message.contact_id).execute();
}

/** What the message's carrier says an error code means (a generic sentence for unknown carriers). */
export function describeCarrierError(carrier: string, code: string | null | undefined): CarrierErrorMeaning {
  const adapter = findCarrier(carrier);
  if (adapter) return adapter.describeError(code);
  return { meaning: code ? `Carrier error ${code}` : 'Unknown error', effect: null, blocksSender: false };
}
