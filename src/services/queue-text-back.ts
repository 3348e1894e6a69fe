/**
 * The text-back's queueing write: the call takes the message's id (only while its text-back is
 * still `pending` and no text was claimed for it: the decision is taken once), the caller's
 * conversation is created if it has none, the message is inserted — all or nothing. Then either:
 * - the job sends the text itself (`sendsItself`, the usual case): the message goes in marked
 *   `sending` through the last gate before the carrier (the opt-out re-check, statusThroughLastGate,
 *   in the message's insert on both databases), so the commit of this write is step 1 of the
 *   at-most-once protocol (services/outbound-messages.ts) and the job calls the carrier next
 *   (services/send-text-back-now.ts), finishing in the acceptance;
 * - or, when the job does not send it or the gate refused it, its `message.send` job is inserted
 *   and the running job is marked done here, as for any queued text (a refused one is then settled
 *   by that job with the reason, as before).
 *
 * SQLite runs it as a transaction of those statements (a statement there is a function call, not a
 * round trip), the `sending` mark in the message's insert (one statement fewer than an insert and
 * an update). PostgreSQL runs it as ONE statement of data-modifying CTEs: BEGIN, the claim, the
 * conversation, the message, the send job, the job's finish and COMMIT were seven round trips.
 */
import { sql, type Compilable, type CompiledQuery } from 'kysely';
import type { AppContext } from '../context.js';
import { sendMessageJob } from '../jobs/definitions/send-message.js';
import { enqueue, planEnqueue } from '../jobs/job-definition.js';
import { DeferJob } from '../jobs/job-errors.js';
import { finishJobInTransaction, finishJobUpdate, runningJobToFinishInStatement, type Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import { compileObjectLiteral, property } from '../store/object-literal.js';
import { preparedQuery } from '../store/prepared-query.js';
import { CONVERSATION_COLUMNS, JOB_COLUMNS, MESSAGE_COLUMNS } from '../store/row-columns.js';
import type { ContactsTable, ConversationsTable, JobsTable, MessagesTable, PhoneNumbersTable } from '../store/schema.js';
import { ensureConversation, newConversationRow } from './conversations.js';
import { insertOutboundMessage, outboundMessageRow, sendJobOf, statusThroughLastGate, type QueueOutboundInput } from './outbound-messages.js';

export interface TextBackToQueue {
  callId: string;
  workspaceId: string;
  contact: ContactsTable;
  number: Pick<PhoneNumbersTable, 'id' | 'number' | 'carrier'>;
  /** The caller's conversation on this number as the job's read found it; null: none yet. */
  conversationId: string | null;
  /** Named first: the call takes it in the statement that checks the call is still pending. */
  messageId: string;
  /** The running job sends the text itself right after this write (see the header). */
  sendsItself: boolean;
  body: string;
  now: number;
}

/**
 * The queued message, `sending` when the job is to send it now and `pending` when its send job was
 * queued; or null when the call was settled meanwhile (skipped, or queued by another run): then
 * nothing was written.
 */
export async function queueTextBack(ctx: AppContext, t: TextBackToQueue): Promise<MessagesTable | null> {
  return ctx.store.dialect === 'postgres' ? queueInOneStatement(ctx, t) : queueInTransaction(ctx.db, t);
}

function queueInput(t: TextBackToQueue, conversation: { id: string; created: boolean }): QueueOutboundInput {
  return {
    id: t.messageId,
    workspaceId: t.workspaceId,
    conversationId: conversation.id,
    conversationIsNew: conversation.created,
    contact: t.contact,
    phoneNumber: t.number,
    author: 'textback',
    body: t.body,
    callId: t.callId,
    now: t.now,
  };
}

const claimCallForMessage = preparedQuery((db, p: { callId: string; messageId: string; now: number }) =>
  db
    .updateTable('calls')
    .set({ textback_message_id: p.messageId, updated_at: p.now })
    .where('id', '=', p.callId)
    .where('textback_status', '=', 'pending')
    // A call's text is claimed once: it stays `pending` until its send is accepted, so a second run
    // of the job (a worker that outlived its lease while another took the job over) must not
    // claim it again and queue a second text.
    .where('textback_message_id', 'is', null),
);

async function queueInTransaction(db: Executor, t: TextBackToQueue): Promise<MessagesTable | null> {
  return db.transaction().execute(async (trx) => {
    // Still pending (nothing skipped it since the read): the call takes the message's id first, in
    // the statement that checks, so a call another run settled meanwhile gets no text.
    const stillPending = await claimCallForMessage(trx, { callId: t.callId, messageId: t.messageId, now: t.now });
    if (Number(stillPending.numAffectedRows ?? 0) === 0) return null;
    const conversation = t.conversationId
      ? { id: t.conversationId, created: false }
      : await ensureConversation(trx, t.workspaceId, t.contact, t.number.id, t.now, true);
    const input = queueInput(t, conversation);
    // `sending` when the job sends it itself and the last gate lets it through, in the insert.
    const message = await insertOutboundMessage(trx, input, { throughLastGate: t.sendsItself });
    // Committed with the claim: the carrier may be called once this transaction commits.
    if (message.status === 'sending') return message;
    const send = sendJobOf(message, input);
    await enqueue(trx, t.now, sendMessageJob, send.payload, send.opts);
    await finishJobInTransaction(trx, t.now);
    return message;
  });
}

/** `row`'s fields renamed `<prefix><field>`, so several rows share one flat parameter object. */
type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}${K}`]: T[K] };

interface StatementParams extends Prefixed<'m_', MessagesTable>, Prefixed<'j_', JobsTable>, Prefixed<'cv_', ConversationsTable> {
  callId: string;
  now: number;
  /** The job sends the text itself if the gate lets it through (then no send job, no finish here). */
  sendsItself: boolean;
  /** The conversation the job's read found (then no insert is tried), or null. */
  knownConversationId: string | null;
  /** The running job to mark done, fenced by its claim token (nulls: not in a job, the worker finishes it). */
  runningJobId: string | null;
  runningJobToken: string | null;
}

/** The values of StatementParams that are not a row's columns. */
const OTHER_PARAMS = ['callId', 'now', 'sendsItself', 'knownConversationId', 'runningJobId', 'runningJobToken'] as const;
type OtherParams = Pick<StatementParams, (typeof OTHER_PARAMS)[number]>;

type StatementParamsOf = (m: MessagesTable, j: JobsTable, cv: ConversationsTable, other: OtherParams) => StatementParams;

/**
 * The statement's parameters, the three rows' columns under their prefixes: one object literal of a
 * fixed shape, compiled once. Built with Object.entries and spread, this was 2.3% of a PostgreSQL
 * process's samples: key strings made per call and a ~70-key dictionary-mode object that every
 * parameter was then looked up in (docs/performance.md, round 10).
 */
const statementParams = compileObjectLiteral<StatementParamsOf>(
  ['m', 'j', 'cv', 'other'],
  [
    ...MESSAGE_COLUMNS.map((c) => [`m_${c}`, property('m', c)] as const),
    ...JOB_COLUMNS.map((c) => [`j_${c}`, property('j', c)] as const),
    ...CONVERSATION_COLUMNS.map((c) => [`cv_${c}`, property('cv', c)] as const),
    ...OTHER_PARAMS.map((c) => [c, property('other', c)] as const),
  ],
);

interface StatementResult {
  claimed: string | null;
  message_id: string | null;
  message_status: string | null;
  conversation_id: string | null;
  send_job_id: string | null;
  job_done_id: string | null;
}

/**
 * PostgreSQL: the transaction of queueInTransaction as one statement. Each data-modifying CTE runs
 * exactly once, to completion, whether or not the outer query reads it, and the statement is atomic:
 * it commits whole or not at all. Every write after the claim reads the claim's RETURNING (`from
 * claimed`, or a message that exists only if the claim did), so a call settled meanwhile gets
 * nothing: no conversation, no message, no job, and the running job is left to the worker.
 *
 * The care: the CTEs share one snapshot and cannot see each other's writes, only RETURNING rows.
 * - The conversation: inserted (if the read found none) with ON CONFLICT DO NOTHING, else the
 *   existing one is touched (last_message_at, as queueOutboundMessage does) and its id comes back
 *   from that UPDATE. One created by another transaction (an inbound text from the same caller) that
 *   committed after this statement's snapshot, or was in flight when the insert met it, is neither
 *   inserted nor visible: both ids are null and the message insert fails on its NOT NULL
 *   conversation_id, failing the whole statement. The job retries and finds it; the text is never
 *   attached elsewhere nor lost.
 * - The message: inserted `sending` when the job sends it itself and the last gate before the
 *   carrier lets it through (statusThroughLastGate, as the SQLite transaction's insert), else `pending`.
 * - The send job and the running job's finish: only for a `pending` message (read from the
 *   message's RETURNING). The send job is leased to this worker when the chain has room
 *   (planJobInsert), with ON CONFLICT on its unique key like enqueueJob.
 * - markAnswered changes nothing for a text-back (it answers nobody), so it has no CTE here.
 */
const queueStatement = preparedQuery((db, p: StatementParams): Compilable<StatementResult> => {
  const values = p as unknown as Record<string, unknown>;
  const columns = (cols: readonly string[]) => sql.join(cols.map((c) => sql.ref(c)));
  const params = (prefix: string, cols: readonly string[], replace: Record<string, unknown> = {}) =>
    sql.join(cols.map((c) => (c in replace ? replace[c] : sql`${values[`${prefix}${c}`]}`)));
  const query = sql<StatementResult>`with claimed as (
  update calls set textback_message_id = ${p.m_id}, updated_at = ${p.now}
  where id = ${p.callId} and textback_status = 'pending' and textback_message_id is null
  returning id
), new_conversation as (
  insert into conversations (${columns(CONVERSATION_COLUMNS)})
  select ${params('cv_', CONVERSATION_COLUMNS)} from claimed where cast(${p.knownConversationId} as text) is null
  on conflict (workspace_id, contact_id, phone_number_id) do nothing
  returning id
), existing_conversation as (
  update conversations set last_message_at = ${p.now}, updated_at = ${p.now}
  where workspace_id = ${p.cv_workspace_id} and contact_id = ${p.cv_contact_id} and phone_number_id = ${p.cv_phone_number_id}
    and exists (select 1 from claimed)
  returning id
), message as (
  insert into messages (${columns(MESSAGE_COLUMNS)})
  select ${params('m_', MESSAGE_COLUMNS, {
    conversation_id: sql`coalesce((select id from new_conversation), (select id from existing_conversation))`,
    status: statusThroughLastGate(db, { contactId: p.m_contact_id, workspaceId: p.m_workspace_id, to: p.m_to_number }, sql<boolean>`cast(${p.sendsItself} as boolean)`),
  })} from claimed
  returning id, conversation_id, status
), send_job as (
  insert into jobs (${columns(JOB_COLUMNS)})
  select ${params('j_', JOB_COLUMNS)} from message where message.status = 'pending'
  on conflict (unique_key) do nothing
  returning id
), job_done as (
  ${finishJobUpdate(db, { id: p.runningJobId, token: p.runningJobToken, now: p.now })
    .where(sql<boolean>`exists (select 1 from message where message.status = 'pending')`)
    .returning('id')}
)
select (select id from claimed) as claimed, (select id from message) as message_id, (select status from message) as message_status,
       (select conversation_id from message) as conversation_id,
       (select id from send_job) as send_job_id, (select id from job_done) as job_done_id`;
  return { compile: (): CompiledQuery<StatementResult> => query.compile(db) };
});

/** SQLSTATE not_null_violation: here only the message's conversation_id can be null (see queueStatement). */
function isConversationRace(err: unknown): boolean {
  const e = err as { code?: string; column?: string; table?: string };
  return e?.code === '23502' && e.column === 'conversation_id' && e.table === 'messages';
}

async function queueInOneStatement(ctx: AppContext, t: TextBackToQueue): Promise<MessagesTable | null> {
  // The same rows queueOutboundMessage and ensureConversation write (the conversation id is decided
  // in the statement: the read's, a new one, or one created since the read).
  const conversation = newConversationRow({
    id: t.conversationId ?? newId('cv', t.now),
    workspaceId: t.workspaceId,
    contactId: t.contact.id,
    phoneNumberId: t.number.id,
    now: t.now,
    practice: t.contact.practice === 1 ? 1 : 0,
  });
  const message = outboundMessageRow(queueInput(t, { id: conversation.id, created: t.conversationId === null }));
  const send = sendJobOf(message, { workspaceId: t.workspaceId, now: t.now });
  const job = await planEnqueue(ctx.db, t.now, sendMessageJob, send.payload, send.opts);
  const running = runningJobToFinishInStatement(ctx.db);
  let result: StatementResult | undefined;
  try {
    result = (
      await queueStatement(
        ctx.db,
        statementParams(message, job.row, conversation, {
          callId: t.callId,
          now: t.now,
          sendsItself: t.sendsItself,
          knownConversationId: t.conversationId,
          runningJobId: running?.id ?? null,
          runningJobToken: running?.token ?? null,
        }),
      )
    ).rows[0];
  } catch (err) {
    job.failed();
    if (isConversationRace(err)) {
      // Nothing was written. The other transaction has committed by now (the insert waited for
      // it, or it was already committed), so the next attempt's read finds the conversation.
      // A deferral, not a failure: it gives the attempt back, so a race on the job's last attempt
      // cannot leave the call pending with no text and no reason.
      throw new DeferJob(t.now, 'the caller’s conversation was created by another write at the same moment; queueing the text-back again');
    }
    throw err;
  }
  if (!result?.claimed) {
    job.inserted(false);
    return null;
  }
  job.inserted(result.send_job_id !== null);
  if (result.job_done_id !== null) running?.finished();
  return {
    ...message,
    status: result.message_status === 'sending' ? 'sending' : message.status,
    conversation_id: result.conversation_id ?? message.conversation_id,
  };
}
