/**
 * The read side of calls (contract: GET /api/v1/calls): outcome, and why a text was or was not sent.
 */
import type { AppContext } from '../context.js';
import type { FetchedMedia } from '../carriers/carrier.js';
import { findCarrier } from '../carriers/registry.js';
import { AppError, notFound } from '../errors.js';
import { requireCarrierAccount } from './carrier-clients.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { CallsTable } from '../store/schema.js';

export interface Call {
  id: string;
  carrierCallId: string;
  carrier: string;
  from: string;
  to: string;
  phoneNumberId: string;
  contactId: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: CallsTable['outcome'];
  dialStatus: string | null;
  /** The line that forwarded the call here (carrier's ForwardedFrom), or null. */
  forwardedFrom: string | null;
  /** The call arrived outside its number's hours or on a closed date. */
  afterHours: boolean;
  textBack: { status: CallsTable['textback_status']; reason: string | null; messageId: string | null };
  voicemail: { url: string; durationSeconds: number | null; transcript: string | null } | null;
  /** A practice call the phone simulator played (any number; left out of the overview's figures). */
  practice: boolean;
}

export function presentCall(row: CallsTable): Call {
  return {
    id: row.id,
    carrierCallId: row.carrier_call_id,
    carrier: row.carrier,
    from: row.from_number,
    to: row.to_number,
    phoneNumberId: row.phone_number_id,
    contactId: row.contact_id,
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
    outcome: row.outcome,
    dialStatus: row.dial_status,
    forwardedFrom: row.forwarded_from,
    afterHours: row.after_hours === 1,
    textBack: { status: row.textback_status, reason: row.textback_reason, messageId: row.textback_message_id },
    voicemail: row.voicemail_url
      ? { url: row.voicemail_url, durationSeconds: row.voicemail_duration, transcript: row.voicemail_transcript }
      : null,
    practice: Number(row.practice) === 1,
  };
}

export async function listCalls(
  ctx: AppContext,
  workspaceId: string,
  filter: { contactId?: string; phoneNumberId?: string; outcome?: string },
  page: PageRequest,
): Promise<Page<Call>> {
  let q = ctx.db.selectFrom('calls').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.contactId) q = q.where('contact_id', '=', filter.contactId);
  if (filter.phoneNumberId) q = q.where('phone_number_id', '=', filter.phoneNumberId);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome as CallsTable['outcome']);
  const result = await paginate(q, 'started_at', 'id', page, (r) => r.started_at);
  return { data: result.data.map(presentCall), nextCursor: result.nextCursor };
}

export async function getCall(ctx: AppContext, workspaceId: string, id: string): Promise<Call> {
  const row = await ctx.db
    .selectFrom('calls')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Call');
  return presentCall(row);
}

/**
 * The call's voicemail audio, fetched from the carrier with the workspace's own credentials (so
 * accounts that enforce HTTP auth on media work). 404 when the call is another workspace's or has
 * no voicemail; 502 when the carrier will not hand it over.
 */
export async function fetchVoicemail(ctx: AppContext, workspaceId: string, id: string): Promise<FetchedMedia> {
  const row = await ctx.db
    .selectFrom('calls')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Call');
  if (!row.voicemail_url) throw notFound('Voicemail');
  const adapter = findCarrier(row.carrier);
  if (!adapter) throw notFound('Voicemail');
  const account = await requireCarrierAccount(ctx, workspaceId, adapter);
  if (!account.fetchRecording) throw new AppError(502, 'carrier_error', `${adapter.displayName} recordings cannot be fetched`);
  return account.fetchRecording(row.voicemail_url).catch((err: unknown) => {
    throw new AppError(502, 'carrier_error', `Could not fetch the voicemail from ${adapter.displayName}: ${(err as Error).message}`);
  });
}

/** The workspace a call belongs to (for a signed-in member opening a link without X-Workspace-Id). */
export async function workspaceOfCall(ctx: AppContext, id: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('calls').select('workspace_id').where('id', '=', id).executeTakeFirst();
  return row?.workspace_id ?? null;
}
