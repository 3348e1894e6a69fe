/**
 * The heart of the product: from a carrier's call webhooks to "answered" or "missed", decided once
 * per call, and on missed the text-back decision, taken in the same transaction.
 *
 * Webhooks arrive twice, concurrently and out of order. Three rules make that harmless:
 * - the call row is keyed on (carrier, carrier call id), so every delivery finds the same row, and
 *   only ever within the workspace that signed the webhook: a carrier call id that already
 *   belongs to another workspace is a forgery (a tenant signing with its own token for its own
 *   number but naming someone else's call) and changes nothing;
 * - the outcome is written by a conditional update (`outcome_decided_at IS NULL`), so exactly one
 *   webhook decides and the rest change nothing;
 * - a `completed` parent status never decides "answered" on its own: a dial result may still be on
 *   its way, so it only schedules a settle job that decides later if nothing else did.
 *
 * On PostgreSQL the two webhooks of a missed call write in one statement each instead of a
 * transaction (incoming-call-statement.ts, call-decision-statement.ts: same rows, same guards, one
 * round trip); the rarer cases those statements leave alone (a merged contact's further number, a
 * contact or call created meanwhile, a workflow listening, a call missed on arrival) take the
 * transaction, as SQLite always does.
 */
import { PostgresAdapter, type UpdateResult } from 'kysely';
import type { CallPlan } from '../carriers/call-plan.js';
import { VOICEMAIL_MAX_LENGTH_SECONDS } from '../carriers/call-plan.js';
import type { AppContext } from '../context.js';
import { conflict } from '../errors.js';
import { isOutsideHours } from '../domain/business-hours.js';
import { cleanCarrierText, TRANSCRIPTION_MAX_CHARS } from '../domain/carrier-text.js';
import { decideCallRoute } from '../domain/call-routing.js';
import { decideDialOutcome, DIAL_RESULT_GRACE_MS, FINAL_CALL_STATUSES, outcomeFromFinalStatus } from '../domain/call-outcome.js';
import { renderTemplate } from '../domain/message-template.js';
import { dialingCountryOf, normalizePhone } from '../domain/phone.js';
import { decideTextBack, type TextBackDecision, type TextBackInput } from '../domain/textback-policy.js';
import { advanceJob, hasEnqueued, type Executor } from '../jobs/job-queue.js';
import { insertedJobRow, jobInsertValues } from '../jobs/job-insert-statement.js';
import type { JobHandoff, SlotReservation } from '../jobs/job-handoff.js';
import { newId } from '../store/ids.js';
import { placeholderRow, preparedQuery, type PreparedQuery } from '../store/prepared-query.js';
import { CALL_COLUMNS } from '../store/row-columns.js';
import type { CallsTable, ContactsTable, PhoneNumbersTable, WorkspacesTable } from '../store/schema.js';
import type { CallContext, Listening, NumberContext } from './webhook-context.js';
import type {
  CallEndedEvent,
  DialEndedEvent,
  IncomingCallEvent,
  ReportedCallEvent,
  VoicemailRecordedEvent,
  VoicemailTranscribedEvent,
} from './call-events.js';
import { REPORTED_CALL_CARRIER } from './call-events.js';
import { decideCallInOneStatement, type CooldownWrite } from './call-decision-statement.js';
import { recordIncomingCallInOneStatement } from './incoming-call-statement.js';
import { upsertContactByPhone } from './contacts.js';
import { emitEvent, emitEventIfListened } from './domain-events.js';
import { parsePhoneNumberSettings, type PhoneNumberSettings } from './phone-number-settings.js';
import { numberSchedule, parseWorkspaceSettings } from './workspace-settings.js';
import { settleCallJob, type SettleCallPayload } from '../jobs/definitions/settle-call.js';
import { sendTextBackJob } from '../jobs/definitions/send-text-back.js';
import { enqueue, type TypedJob } from '../jobs/job-definition.js';
import { textBackJobKey } from './text-back-job-key.js';

/** Records a new inbound call (idempotently) and returns what the carrier should do with it. */
export async function receiveIncomingCall(
  ctx: AppContext,
  number: PhoneNumbersTable,
  ev: IncomingCallEvent,
  /** What the webhook already read with the number (services/webhook-context.ts). */
  known?: Pick<NumberContext, 'workspace' | 'listening'>,
): Promise<CallPlan> {
  const settings = parsePhoneNumberSettings(number.settings);
  const workspace = known?.workspace ?? (await loadWorkspace(ctx, number.workspace_id));
  const listening = known?.listening;
  const schedule = numberSchedule({ timezone: workspace.timezone, settings: parseWorkspaceSettings(workspace.settings) }, settings.hours);
  const afterHours = isOutsideHours(schedule, ev.at);
  // From the stored flag: a duplicate delivery routes as the first did, whatever the clock says now.
  const routeOf = (row: CallsTable) =>
    decideCallRoute({
      mode: settings.mode,
      forwardTo: settings.forwardTo,
      outsideHours: row.after_hours === 1,
      ringAfterHours: settings.afterHours.ring,
    });
  const recorded = listening && (await recordRingingCallInOneStatement(ctx.db, number, { ...ev, afterHours }, listening, routeOf));
  const { call, route, enqueued } = recorded || (await recordInTransaction());
  if (!call || !route) {
    logForeignCall(ctx, number, ev);
    return { kind: 'hangup' };
  }
  if (enqueued) ctx.wakeWorker();
  ctx.live.publish({ workspaceId: number.workspace_id, type: 'call', id: call.id });
  if (route.action === 'ring') {
    return {
      kind: 'dial',
      callId: call.id,
      targets: settings.forwardTo,
      timeoutSeconds: settings.ringTimeoutSeconds,
      screening: settings.screening,
    };
  }
  return afterMissedPlan(call.id, settings, workspace, number);

  function recordInTransaction(): Promise<{ call: CallsTable | null; route: ReturnType<typeof decideCallRoute> | null; enqueued: boolean }> {
    return ctx.db
      .transaction()
      .execute(async (trx) => {
        // A voice webhook is the first word about a call: insert first, look only on a conflict.
        const found = await upsertCall(trx, number, { ...ev, afterHours }, { expectNew: true, listening });
        if (!found) throw new ForeignCall();
        const row = found.call;
        const route = routeOf(row);
        // Not ringing anyone (forwarded line, after hours, nowhere to ring): missed the moment it arrives.
        if (route.action === 'missed') {
          await decideOutcome(ctx, trx, row, number, 'missed', route.reason, ev.at, !settings.voicemail.enabled, { workspace, contact: found.contact, listening });
        }
        return { call: row, route, enqueued: hasEnqueued(trx) };
      })
      .catch((err: unknown) => {
        // Another workspace's call id: rolled back whole, so nothing of it was stored.
        if (err instanceof ForeignCall) return { call: null, route: null, enqueued: false };
        throw err;
      });
  }
}

/** The dial leg ended: decide answered or missed (once) and say what the caller hears next. */
export async function receiveDialResult(
  ctx: AppContext,
  call: CallsTable,
  ev: DialEndedEvent,
  /** What the webhook already read with the call (services/webhook-context.ts). */
  known?: Pick<CallContext, 'number' | 'workspace' | 'contact' | 'listening'>,
): Promise<CallPlan> {
  const number = known ? known.number : await loadNumber(ctx, call);
  const settings = number ? parsePhoneNumberSettings(number.settings) : null;
  const outcome = decideDialOutcome({
    dialStatus: ev.dialStatus,
    bridged: ev.bridged,
    screening: settings?.screening ?? 'none',
    screenAccepted: call.screen_accepted_at !== null,
  });
  // A missed call's answer names the business, and its text-back decision reads the workspace's
  // settings: one read serves both (an answered call needs neither).
  const workspace = known?.workspace ?? (number && outcome === 'missed' ? await loadWorkspace(ctx, call.workspace_id) : undefined);
  const dial: Pick<CallsTable, 'dial_status' | 'dial_bridged'> = {
    dial_status: ev.dialStatus,
    dial_bridged: ev.bridged === undefined ? null : ev.bridged ? 1 : 0,
  };
  const source = `dial ${ev.dialStatus}${ev.bridged === undefined ? '' : ev.bridged ? ', bridged' : ', not bridged'}`;
  const voicemailFollows = outcome === 'missed' && !!settings?.voicemail.enabled;
  // A due text-back goes to this process's worker already leased to it, when it has a free slot
  // (jobs/job-handoff.ts): it runs once the write commits, with no claim and no wake-up. Closed
  // after the write whatever became of it, so a rollback or a retried webhook's conflict gives
  // the slot back.
  const handoff = ctx.handoffToWorker();
  let decided: { decidedOutcome: CallsTable['outcome'] | null; enqueued: boolean };
  try {
    decided =
      number && known && decidesInOneStatement(ctx.db, known.listening, outcome)
        ? await decideOutcomeInOneStatement(ctx, call, number, outcome, source, ev.at, !voicemailFollows, {
            workspace,
            contact: known.contact ?? null,
            alsoSet: dial,
            handoff,
          })
        : await decideDialInTransaction();
  } finally {
    handoff.close();
  }
  const { decidedOutcome, enqueued } = decided;
  // A job handed over is already running here: only a job left pending needs the workers woken.
  if (enqueued) ctx.wakeWorker();
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'call', id: call.id });
  // Every delivery of this webhook answers the same way: from the stored decision, not its own.
  if (decidedOutcome === 'answered' || decidedOutcome === null || !number || !settings) return { kind: 'hangup' };
  return afterMissedPlan(call.id, settings, workspace ?? (await loadWorkspace(ctx, call.workspace_id)), number);

  async function decideDialInTransaction(): Promise<{ decidedOutcome: CallsTable['outcome'] | null; enqueued: boolean }> {
    return ctx.db.transaction().execute(async (trx) => {
      const storeDial = () => trx.updateTable('calls').set({ ...dial, updated_at: ev.at }).where('id', '=', call.id).execute();
      if (!number) {
        await storeDial();
        return { decidedOutcome: null, enqueued: false };
      }
      // The dial result is written with the decision when this delivery decides (one statement)…
      const won = await decideOutcome(ctx, trx, call, number, outcome, source, ev.at, !voicemailFollows, {
        workspace,
        alsoSet: dial,
        handoff,
        ...(known ? { contact: known.contact ?? null, listening: known.listening } : {}),
      });
      if (won) return { decidedOutcome: outcome, enqueued: hasEnqueued(trx) };
      // …and on its own when another delivery (or the status callback) decided first; the answer
      // then follows that stored decision.
      await storeDial();
      const stored = await trx.selectFrom('calls').select('outcome').where('id', '=', call.id).executeTakeFirstOrThrow();
      return { decidedOutcome: stored.outcome, enqueued: false };
    });
  }
}

/** The answering phone pressed 1 during screening: only this makes a screened call "answered". */
export async function receiveScreenAccepted(ctx: AppContext, call: CallsTable, at: number): Promise<CallPlan> {
  await ctx.db
    .updateTable('calls')
    .set({ screen_accepted_at: at, updated_at: at })
    .where('id', '=', call.id)
    .where('screen_accepted_at', 'is', null)
    .execute();
  return { kind: 'connect' };
}

/** The whisper the answering phone hears. */
export async function screeningPlan(ctx: AppContext, call: CallsTable): Promise<CallPlan> {
  const workspace = await loadWorkspace(ctx, call.workspace_id);
  return {
    kind: 'screen',
    callId: call.id,
    prompt: `Call for ${workspace.business_name}. Press 1 to accept.`,
  };
}

/** The parent call's final status (the status callback). */
export async function receiveCallEnded(ctx: AppContext, number: PhoneNumbersTable, ev: CallEndedEvent): Promise<void> {
  if (!FINAL_CALL_STATUSES.has(ev.status)) {
    await ctx.db
      .updateTable('calls')
      .set({ carrier_status: ev.status, updated_at: ev.at })
      .where('workspace_id', '=', number.workspace_id)
      .where('carrier', '=', ev.carrier)
      .where('carrier_call_id', '=', ev.carrierCallId)
      .where('ended_at', 'is', null)
      .execute();
    return;
  }
  const call = await ctx.db.transaction().execute(async (trx) => {
    // The voice webhook may have failed before it stored the call: the status callback still counts.
    const found = await upsertCall(trx, number, { ...ev });
    if (!found) return null;
    const row = found.call;
    await trx
      .updateTable('calls')
      .set({ carrier_status: ev.status, ended_at: row.ended_at ?? ev.at, updated_at: ev.at })
      .where('id', '=', row.id)
      .execute();
    if (row.outcome_decided_at === null) {
      if (outcomeFromFinalStatus(ev.status) === 'missed') {
        await decideOutcome(ctx, trx, row, number, 'missed', `call ended ${ev.status} with no dial result`, ev.at, true, { contact: found.contact });
      } else {
        // `completed` may be the bridge or our own voicemail: wait for the dial result to tell.
        await enqueue(
          trx,
          ev.at,
          settleCallJob,
          { callId: row.id },
          { workspaceId: row.workspace_id, uniqueKey: `settle:${row.id}`, runAt: ev.at + DIAL_RESULT_GRACE_MS },
        );
      }
    }
    await advanceJob(trx, textBackJobKey(row.id), ev.at, ev.at);
    return row;
  });
  if (!call) {
    logForeignCall(ctx, number, ev);
    return;
  }
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'call', id: call.id });
}

function logForeignCall(ctx: AppContext, number: PhoneNumbersTable, ev: { carrier: string; carrierCallId: string }): void {
  ctx.logger.warn(
    { workspaceId: number.workspace_id, carrier: ev.carrier, carrierCallId: ev.carrierCallId },
    "call webhook names another workspace's call; ignored",
  );
}

/** A voicemail was left: store it on the call; the outcome becomes `voicemail`. */
export async function receiveVoicemail(ctx: AppContext, call: CallsTable, ev: VoicemailRecordedEvent): Promise<CallPlan> {
  await ctx.db.transaction().execute(async (trx) => {
    const leftMessage = ev.durationSeconds > 0;
    const first = await trx
      .updateTable('calls')
      .set({ voicemail_recording_id: ev.recordingId })
      .where('id', '=', call.id)
      .where('voicemail_url', 'is', null)
      .executeTakeFirst();
    if (leftMessage && Number(first.numUpdatedRows) > 0) {
      await emitEvent(trx, {
        workspaceId: call.workspace_id,
        type: 'voicemail.received',
        contactId: call.contact_id,
        data: { callId: call.id, phoneNumberId: call.phone_number_id, durationSeconds: ev.durationSeconds, url: ev.url },
        now: ev.at,
      });
    }
    await trx
      .updateTable('calls')
      .set({
        voicemail_url: ev.url,
        voicemail_recording_id: ev.recordingId,
        voicemail_duration: ev.durationSeconds,
        ended_at: call.ended_at ?? ev.at,
        updated_at: ev.at,
        ...(leftMessage && call.outcome === 'missed' ? { outcome: 'voicemail' as const } : {}),
      })
      .where('id', '=', call.id)
      .execute();
    await advanceJob(trx, textBackJobKey(call.id), ev.at, ev.at);
  });
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'call', id: call.id });
  return { kind: 'hangup' };
}

export async function receiveTranscription(ctx: AppContext, call: CallsTable, ev: VoicemailTranscribedEvent): Promise<void> {
  await ctx.db
    .updateTable('calls')
    .set({ voicemail_transcript: cleanCarrierText(ev.text, TRANSCRIPTION_MAX_CHARS), updated_at: ev.at })
    .where('id', '=', call.id)
    .execute();
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'call', id: call.id });
}

/**
 * A call a phone system reported when it ended (POST /api/v1/call-events): recorded once per id and
 * decided by the first report. A retry, a replay or a later status for the same id finds the call
 * already decided and changes nothing (the conditional update in decideOutcome), so reports of one
 * call arriving together or out of order still text at most once, and "answered" never texts.
 * Returns whether this report decided the call.
 */
export async function receiveReportedCall(ctx: AppContext, number: PhoneNumbersTable, ev: ReportedCallEvent): Promise<{ callId: string; decided: boolean }> {
  const settings = parsePhoneNumberSettings(number.settings);
  const workspace = await loadWorkspace(ctx, number.workspace_id);
  const schedule = numberSchedule({ timezone: workspace.timezone, settings: parseWorkspaceSettings(workspace.settings) }, settings.hours);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const found = await upsertCall(trx, number, {
      carrier: REPORTED_CALL_CARRIER,
      carrierCallId: ev.carrierCallId,
      from: ev.from,
      to: number.number,
      at: ev.startedAt,
      forwardedFrom: ev.forwardedFrom ?? null,
      // When the call came in, as the phone system says: its after-hours message applies then.
      afterHours: isOutsideHours(schedule, ev.startedAt),
    });
    // Call ids are unique per carrier, and all phone systems share the carrier `pbx`: an id another
    // workspace already reported is refused rather than mixed up with its call.
    if (!found) throw conflict('This call id was already reported by another workspace; make the ids unique (prefix them with your system name)', 'id');
    const row = found.call;
    if (row.outcome_decided_at !== null) return { callId: row.id, decided: false };
    const outcome = ev.status === 'answered' ? 'answered' : 'missed';
    const decided = await decideOutcome(ctx, trx, row, number, outcome, `reported ${ev.status} by the phone system`, ev.at, true, { workspace, contact: found.contact });
    if (decided) {
      await trx
        .updateTable('calls')
        .set({
          carrier_status: ev.status,
          ended_at: row.ended_at ?? ev.at,
          updated_at: ev.at,
          ...(ev.status === 'voicemail' ? { outcome: 'voicemail' as const } : {}),
        })
        .where('id', '=', row.id)
        .execute();
    }
    return { callId: row.id, decided };
  });
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId: number.workspace_id, type: 'call', id: result.callId });
  return result;
}

/** Job: a call that ended `completed` and got no dial result in the grace period was answered. */
export async function settleCall(ctx: AppContext, job: TypedJob<SettleCallPayload>): Promise<void> {
  const call = await ctx.db.selectFrom('calls').selectAll().where('id', '=', job.payload.callId).executeTakeFirst();
  if (!call || call.outcome_decided_at !== null) return;
  const number = await loadNumber(ctx, call);
  if (!number) return;
  await ctx.db.transaction().execute(async (trx) => {
    await decideOutcome(ctx, trx, call, number, 'answered', 'call completed with no dial result', ctx.clock.now(), true);
  });
  ctx.live.publish({ workspaceId: call.workspace_id, type: 'call', id: call.id });
}

// ——— internals ———

const insertCall = preparedQuery((db, p: CallsTable) =>
  db
    .insertInto('calls')
    .values(placeholderRow(p, CALL_COLUMNS))
    .onConflict((oc) => oc.columns(['carrier', 'carrier_call_id']).doNothing())
    .returningAll(),
);

/**
 * The voice webhook's write as one statement (PostgreSQL; services/incoming-call-statement.ts) for
 * a call that rings: the contact and the call, nothing else, which is all the transaction writes
 * for it. Null when the transaction must do it: on SQLite; a workflow listens to contact.created
 * (the transaction writes the event); a practice call; a call missed on arrival (the transaction
 * decides it with the insert); or anything the statement left unresolved (a merged contact's
 * further number, a contact or call inserted meanwhile by another request). The transaction is
 * idempotent, so running it after the statement found an existing call is safe.
 */
async function recordRingingCallInOneStatement(
  db: Executor,
  number: PhoneNumbersTable,
  ev: IncomingCallEvent & { afterHours: boolean },
  listening: Listening,
  routeOf: (row: CallsTable) => ReturnType<typeof decideCallRoute>,
): Promise<{ call: CallsTable | null; route: ReturnType<typeof decideCallRoute> | null; enqueued: false } | null> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter) || listening['contact.created'] !== false || ev.practice === true) return null;
  const caller = normalizePhone(ev.from);
  const values = newCallRow(number, ev, caller, null);
  if (routeOf(values).action !== 'ring') return null;
  const result = await recordIncomingCallInOneStatement(db, values, caller, newId('ct', ev.at));
  if (result.state === 'foreign') return { call: null, route: null, enqueued: false };
  if (result.state === 'unresolved') return null;
  const route = routeOf(result.call);
  return route.action === 'ring' ? { call: result.call, route, enqueued: false } : null;
}

/** Thrown inside the voice webhook's transaction when the call id turns out to be another workspace's: rolls it back. */
class ForeignCall extends Error {}

/**
 * The number's workspace's row for this carrier call, created if new, with the caller's contact
 * when this call read it (undefined: not read; null: no contact, the number was withheld); null
 * when the carrier call id is already another workspace's (the id is unique per carrier, so that can
 * only be a forgery).
 *
 * `expectNew` (the voice webhook, a call's first word): insert without looking first; only an
 * insert that loses to an existing id reads it, and one that turns out to be another workspace's
 * throws ForeignCall so the caller's transaction rolls back the contact it may have made.
 */
async function upsertCall(
  trx: Executor,
  number: PhoneNumbersTable,
  ev: { carrier: string; carrierCallId: string; from: string; to: string; at: number; forwardedFrom?: string | null; afterHours?: boolean; practice?: boolean },
  opts: { expectNew?: boolean; listening?: Listening } = {},
): Promise<{ call: CallsTable; contact: ContactsTable | null | undefined } | null> {
  // Looked up across workspaces so a foreign id is recognised before anything is written.
  const find = async () => {
    const row = await trx
      .selectFrom('calls')
      .selectAll()
      .where('carrier', '=', ev.carrier)
      .where('carrier_call_id', '=', ev.carrierCallId)
      .executeTakeFirst();
    return row ? (row.workspace_id === number.workspace_id ? row : null) : undefined;
  };
  if (!opts.expectNew) {
    const existing = await find();
    if (existing !== undefined) return existing && { call: existing, contact: undefined };
  }
  const caller = normalizePhone(ev.from);
  const contact = caller ? (await upsertContactByPhone(trx, number.workspace_id, caller, ev.at, { practice: ev.practice === true, listened: opts.listening?.['contact.created'] })).contact : null;
  const values = newCallRow(number, ev, caller, contact ?? null);
  // The stored row comes back with the insert (no read after the write)…
  const inserted = (await insertCall(trx, values)).rows[0];
  if (inserted) return { call: inserted, contact };
  // …and only when the id existed (a duplicate delivery, or a racing insert) is it read: ours if it
  // is this workspace's, nothing if another workspace holds the id.
  const row = await find();
  if (row === undefined) throw new Error('call vanished after insert');
  if (row === null && opts.expectNew) throw new ForeignCall();
  // An existing call's caller is the contact of that call, not necessarily the one just looked up.
  return row && { call: row, contact: row.contact_id === (contact?.id ?? null) ? contact : undefined };
}

/** The row of a call heard of for the first time, its contact being `contact` (null: none). */
function newCallRow(
  number: PhoneNumbersTable,
  ev: { carrier: string; carrierCallId: string; from: string; at: number; forwardedFrom?: string | null; afterHours?: boolean; practice?: boolean },
  caller: string | null,
  contact: Pick<ContactsTable, 'id' | 'practice'> | null,
): CallsTable {
  return {
    id: newId('call', ev.at),
    workspace_id: number.workspace_id,
    phone_number_id: number.id,
    contact_id: contact?.id ?? null,
    carrier: ev.carrier,
    carrier_call_id: ev.carrierCallId,
    from_number: caller ?? ev.from.slice(0, 64),
    to_number: number.number,
    started_at: ev.at,
    ended_at: null,
    carrier_status: null,
    dial_status: null,
    dial_bridged: null,
    screen_accepted_at: null,
    outcome: 'ringing',
    outcome_decided_at: null,
    outcome_source: null,
    voicemail_url: null,
    voicemail_recording_id: null,
    voicemail_duration: null,
    voicemail_transcript: null,
    textback_status: null,
    textback_reason: null,
    textback_message_id: null,
    // Carriers write ForwardedFrom their own way (often national digits): read it in the called
    // number's country so it compares with caller IDs; keep it as given when it is no number.
    forwarded_from: ev.forwardedFrom
      ? (normalizePhone(ev.forwardedFrom, dialingCountryOf(number.number)) ?? ev.forwardedFrom.trim().slice(0, 64))
      : null,
    after_hours: ev.afterHours ? 1 : 0,
    created_at: ev.at,
    updated_at: ev.at,
    // A practice caller's calls are practice calls, whoever reports them.
    practice: ev.practice === true || contact?.practice === 1 ? 1 : 0,
  };
}

/** What the caller of a decision already read or wants written with it (decideOutcome and its one-statement form). */
interface DecideOptions {
  /** The workspace's row when the caller already read it (its settings feed the text-back decision). */
  workspace?: Pick<WorkspacesTable, 'settings'>;
  /** The caller's contact when the caller already read it (null: there is none); undefined: read here. */
  contact?: Pick<ContactsTable, 'opted_out' | 'textable'> | null;
  /** Whether workflows listen to the call's events, when the caller read it (else checked on insert). */
  listening?: Listening;
  /** More columns to write with the decision (the dial result's own), in the same statement. */
  alsoSet?: Partial<Pick<CallsTable, 'dial_status' | 'dial_bridged'>>;
  /** This process's worker, offered a due text-back (jobs/job-handoff.ts). */
  handoff?: JobHandoff;
}

/**
 * Writes the outcome if no one has yet; on the first "missed" takes the text-back decision in the
 * same transaction. Returns whether this caller decided.
 */
async function decideOutcome(
  ctx: AppContext,
  trx: Executor,
  call: CallsTable,
  number: PhoneNumbersTable,
  outcome: 'answered' | 'missed',
  source: string,
  at: number,
  callEndsNow: boolean,
  opts: DecideOptions = {},
): Promise<boolean> {
  // A missed call's text-back is decided before the deciding update and written by it: one
  // statement settles both. (Only a cooldown claim refused below writes a second time.)
  const textBack = outcome === 'missed' ? await planTextBack(trx, call, number, at, opts) : null;
  const decision = decidingColumns(call, outcome, source, at, callEndsNow, opts.alsoSet, textBack?.decision ?? null);
  const won = await decideIfUndecided(Object.keys(decision) as (keyof CallsTable)[])(trx, { ...decision, id: call.id });
  if (Number(won.numAffectedRows ?? 0) === 0) return false;
  ctx.logger.info({ workspaceId: call.workspace_id, callId: call.id, outcome, source }, 'call outcome decided');
  // The event first: a workflow that tags the caller on call.missed acts before any reply arrives.
  const type = outcome === 'missed' ? 'call.missed' : 'call.answered';
  await emitEventIfListened(
    trx,
    { workspaceId: call.workspace_id, type, contactId: call.contact_id, data: { callId: call.id, phoneNumberId: number.id, from: call.from_number }, now: at },
    opts.listening?.[type],
  );
  if (textBack) await carryOutTextBack(trx, call, number, at, textBack, opts.handoff);
  return true;
}

/**
 * Whether a decision can be one statement (services/call-decision-statement.ts): on PostgreSQL,
 * and only when no workflow listens to the call's event, whose dispatch the transaction writes
 * (decideOutcome) — a workspace with such a workflow keeps the transaction.
 */
function decidesInOneStatement(db: Executor, listening: Listening, outcome: 'answered' | 'missed'): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter && listening[outcome === 'missed' ? 'call.missed' : 'call.answered'] === false;
}

/**
 * decideOutcome as one statement (PostgreSQL; see decidesInOneStatement): the same plan, the same
 * columns, the same cooldown and job, written together or not at all. Returns the outcome as
 * stored after (this delivery's when it decided) and whether a job was queued.
 */
async function decideOutcomeInOneStatement(
  ctx: AppContext,
  call: CallsTable,
  number: PhoneNumbersTable,
  outcome: 'answered' | 'missed',
  source: string,
  at: number,
  callEndsNow: boolean,
  // The caller closes the handoff after: a slot taken here and not handed over goes back then.
  opts: Pick<DecideOptions, 'workspace'> & Required<Pick<DecideOptions, 'contact' | 'alsoSet' | 'handoff'>>,
): Promise<{ decidedOutcome: CallsTable['outcome'] | null; enqueued: boolean }> {
  const plan = outcome === 'missed' ? await planTextBack(ctx.db, call, number, at, opts) : null;
  let decision = plan?.decision ?? null;
  // Taken once, for the first decision that queues a due text; kept across a refused claim's retry.
  let slot: SlotReservation | null = null;
  // A decision to send always claims the caller's cooldown slot in the statement; refused, it is
  // planned again (replanAfterRefusedClaim) and that decision, normally a skip, is written.
  for (let attempt = 1; ; attempt++) {
    const caller = plan?.input.caller ?? null;
    const cooldown: CooldownWrite | null =
      plan && decision?.action === 'send' && caller
        ? { phoneNumberId: number.id, caller, at, freeBefore: plan.cooldownMinutes > 0 ? at - plan.cooldownMinutes * 60_000 : null }
        : null;
    const sendAt = decision?.action === 'send' ? decision.sendAt : null;
    if (sendAt !== null && sendAt <= at) slot ??= opts.handoff.take();
    const job =
      sendAt === null
        ? null
        : {
            def: sendTextBackJob,
            values: jobInsertValues(sendTextBackJob, { callId: call.id }, at, {
              workspaceId: call.workspace_id,
              uniqueKey: textBackJobKey(call.id),
              runAt: sendAt,
              lease: sendAt <= at ? slot : null,
            }),
          };
    const result = await decideCallInOneStatement(ctx.db, {
      callId: call.id,
      decision: decidingColumns(call, outcome, source, at, callEndsNow, opts.alsoSet, decision),
      ifLost: { ...opts.alsoSet, updated_at: at },
      cooldown,
      job,
    });
    if (result.state === 'lost') return { decidedOutcome: result.storedOutcome, enqueued: false };
    if (result.state === 'decided') {
      ctx.logger.info({ workspaceId: call.workspace_id, callId: call.id, outcome, source }, 'call outcome decided');
      // The statement committed the job leased to this worker: it runs it now, nothing to wake.
      if (result.enqueued && job?.values.lockedBy) {
        // With the context the statement read for it: the job reads none of its own.
        opts.handoff.handOver(insertedJobRow(job.def, job.values), result.textBackContextRow);
        return { decidedOutcome: outcome, enqueued: false };
      }
      return { decidedOutcome: outcome, enqueued: result.enqueued };
    }
    // Only a claim is ever refused; a slot that keeps moving under us is not worth a third try.
    if (!plan || !caller || attempt >= 3) throw new Error('the caller’s cooldown slot kept changing while the call was decided');
    decision = await replanAfterRefusedClaim(ctx.db, plan, number.id, caller, at);
  }
}

/**
 * The deciding UPDATE (only while no one decided: `outcome_decided_at IS NULL`), compiled once per
 * set of columns it writes: the few paths that decide each write their own, fixed set.
 */
const decidingUpdates = new Map<string, PreparedQuery<Partial<CallsTable> & { id: string }, UpdateResult>>();
function decideIfUndecided(columns: (keyof CallsTable)[]): PreparedQuery<Partial<CallsTable> & { id: string }, UpdateResult> {
  const key = columns.join(',');
  let query = decidingUpdates.get(key);
  if (!query) {
    query = preparedQuery((db, p: Partial<CallsTable> & { id: string }) =>
      db
        .updateTable('calls')
        .set(Object.fromEntries(columns.map((c) => [c, p[c]])))
        .where('id', '=', p.id)
        .where('outcome_decided_at', 'is', null),
    );
    decidingUpdates.set(key, query);
  }
  return query;
}

interface TextBackPlan {
  input: TextBackInput;
  decision: TextBackDecision;
  cooldownMinutes: number;
}

/** The text-back policy's answer for a missed call, from what is known now (the cooldown comes after). */
async function planTextBack(
  trx: Executor,
  call: CallsTable,
  number: PhoneNumbersTable,
  at: number,
  known: { workspace?: Pick<WorkspacesTable, 'settings'>; contact?: Pick<ContactsTable, 'opted_out' | 'textable'> | null },
): Promise<TextBackPlan> {
  const settings = parsePhoneNumberSettings(number.settings);
  const contact =
    known.contact !== undefined
      ? known.contact
      : call.contact_id
        ? ((await trx.selectFrom('contacts').select(['opted_out', 'textable']).where('id', '=', call.contact_id).executeTakeFirst()) ?? null)
        : null;
  const workspace =
    known.workspace ?? (await trx.selectFrom('workspaces').select('settings').where('id', '=', call.workspace_id).executeTakeFirstOrThrow());
  // The cooldown is the policy's last check, so it is not read up front: a decision to send first
  // tries to claim the cooldown slot, and only a claim refused by a recent text reads that text's time.
  const input: TextBackInput = {
    settings: settings.missedCallTextBack,
    caller: normalizePhone(call.from_number),
    businessNumber: number.number,
    forwardTo: settings.forwardTo,
    ownNumbers: parseWorkspaceSettings(workspace.settings).ownNumbers,
    forwardedFrom: call.forwarded_from,
    contact: contact ? { optedOut: contact.opted_out === 1, textable: contact.textable === 1 } : null,
    lastTextBackAt: null,
    // `at` is when this webhook or report arrived (the app's clock): a call heard of too long after
    // it began is not texted, whichever carrier or phone system was late.
    callStartedAt: call.started_at,
    now: at,
  };
  return { input, decision: decideTextBack(input), cooldownMinutes: settings.missedCallTextBack.cooldownMinutes };
}

/**
 * What deciding a call writes, in the transaction (decideOutcome) and in the one statement
 * (decideOutcomeInOneStatement) alike: the outcome, who decided it, the text-back decision of a
 * missed call, and the dial result's own columns.
 */
function decidingColumns(
  call: CallsTable,
  outcome: 'answered' | 'missed',
  source: string,
  at: number,
  callEndsNow: boolean,
  alsoSet: Partial<Pick<CallsTable, 'dial_status' | 'dial_bridged'>> | undefined,
  textBack: TextBackDecision | null,
): Partial<CallsTable> {
  return {
    ...alsoSet,
    ...(textBack ? textBackColumns(textBack) : {}),
    outcome,
    outcome_decided_at: at,
    outcome_source: source,
    updated_at: at,
    ...(callEndsNow && outcome === 'missed' ? { ended_at: call.ended_at ?? at } : {}),
  };
}

function textBackColumns(decision: TextBackDecision): Pick<CallsTable, 'textback_status' | 'textback_reason'> {
  return decision.action === 'skip' ? { textback_status: 'skipped', textback_reason: decision.reason } : { textback_status: 'pending', textback_reason: null };
}

/** Takes the caller's cooldown slot on this number unless a text went out after `freeBefore`. */
const claimCooldown = preparedQuery((db, p: { phoneNumberId: string; caller: string; at: number; callId: string; freeBefore: number }) =>
  db
    .insertInto('textback_cooldowns')
    .values({ phone_number_id: p.phoneNumberId, caller: p.caller, last_texted_at: p.at, call_id: p.callId })
    .onConflict((oc) =>
      oc
        .columns(['phone_number_id', 'caller'])
        .doUpdateSet({ last_texted_at: p.at, call_id: p.callId })
        .where('textback_cooldowns.last_texted_at', '<=', p.freeBefore),
    ),
);

/** With no cooldown set, the time of the text is still kept (a cooldown set later counts from it). */
const recordTextBackForCooldown = preparedQuery((db, p: { phoneNumberId: string; caller: string; at: number; callId: string }) =>
  db
    .insertInto('textback_cooldowns')
    .values({ phone_number_id: p.phoneNumberId, caller: p.caller, last_texted_at: p.at, call_id: p.callId })
    .onConflict((oc) => oc.columns(['phone_number_id', 'caller']).doUpdateSet({ last_texted_at: p.at, call_id: p.callId })),
);

/**
 * A cooldown claim was refused: another call's text took the caller's slot since the plan read it.
 * The plan is taken again with the slot as it is now, read in a statement of its own (on PostgreSQL
 * a refused statement's snapshot can predate the text that refused it): normally a skip.
 */
async function replanAfterRefusedClaim(db: Executor, plan: TextBackPlan, phoneNumberId: string, caller: string, at: number): Promise<TextBackDecision> {
  const slot = await db
    .selectFrom('textback_cooldowns')
    .select('last_texted_at')
    .where('phone_number_id', '=', phoneNumberId)
    .where('caller', '=', caller)
    .executeTakeFirst();
  return decideTextBack({ ...plan.input, lastTextBackAt: slot?.last_texted_at ?? at });
}

/** After the deciding update wrote the plan: claims the cooldown slot and queues the text-back job. */
async function carryOutTextBack(
  trx: Executor,
  call: CallsTable,
  number: PhoneNumbersTable,
  at: number,
  plan: TextBackPlan,
  handoff: JobHandoff | undefined,
): Promise<void> {
  const { input, cooldownMinutes } = plan;
  const caller = input.caller;
  let decision = plan.decision;
  if (decision.action === 'send' && caller && cooldownMinutes > 0) {
    // Claim the cooldown slot atomically: of two racing calls from one caller, only one texts.
    const claimed = await claimCooldown(trx, { phoneNumberId: number.id, caller, at, callId: call.id, freeBefore: at - cooldownMinutes * 60_000 });
    if (Number(claimed.numAffectedRows ?? 0) === 0) {
      decision = await replanAfterRefusedClaim(trx, plan, number.id, caller, at);
      if (decision.action === 'skip') {
        await trx.updateTable('calls').set(textBackColumns(decision)).where('id', '=', call.id).execute();
        return;
      }
    }
  } else if (decision.action === 'send' && caller) {
    await recordTextBackForCooldown(trx, { phoneNumberId: number.id, caller, at, callId: call.id });
  }
  if (decision.action === 'skip') return;
  await enqueue(trx, at, sendTextBackJob, { callId: call.id }, { workspaceId: call.workspace_id, uniqueKey: textBackJobKey(call.id), runAt: decision.sendAt, handoff });
}

function afterMissedPlan(
  callId: string,
  settings: PhoneNumberSettings,
  workspace: WorkspacesTable,
  number: PhoneNumbersTable,
): CallPlan {
  if (!settings.voicemail.enabled) {
    return { kind: 'hangup', say: `Sorry, no one at ${workspace.business_name} can take your call right now. We'll text you shortly.` };
  }
  return {
    kind: 'voicemail',
    callId,
    greeting: renderTemplate(settings.voicemail.greeting, {
      business: { name: workspace.business_name },
      contact: { name: null },
      number: { name: number.name },
    }),
    transcribe: settings.voicemail.transcribe,
    maxLengthSeconds: VOICEMAIL_MAX_LENGTH_SECONDS,
  };
}

async function loadWorkspace(ctx: AppContext, id: string): Promise<WorkspacesTable> {
  return ctx.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function loadNumber(ctx: AppContext, call: CallsTable): Promise<PhoneNumbersTable | undefined> {
  return ctx.db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('id', '=', call.phone_number_id)
    .where('workspace_id', '=', call.workspace_id)
    .executeTakeFirst();
}
