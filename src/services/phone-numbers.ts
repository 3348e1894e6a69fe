/**
 * The workspace's phone numbers: E.164, unique across the installation, each with its own call
 * handling and text-back settings, and the webhook URLs to set on the carrier.
 */
import { z } from 'zod';
import { carrierNames, findCarrier } from '../carriers/registry.js';
import { e164Schema } from './phone-schema.js';
import type { AppContext } from '../context.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { loadCarrierCredentials } from './carrier-accounts.js';
import { requireCarrierAccount } from './carrier-clients.js';
import { carrierWebhookUrls, syncFallbackRing } from './fallback-ring.js';
import { presentReadiness, scheduleReadinessCheck, type Readiness } from './texting-readiness.js';
import { newId } from '../store/ids.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { PhoneNumbersTable } from '../store/schema.js';
import {
  DEFAULT_PHONE_NUMBER_SETTINGS,
  mergePhoneNumberSettings,
  parsePhoneNumberSettings,
  phoneNumberSettingsPatchSchema,
  type PhoneNumberSettings,
} from './phone-number-settings.js';

const carrierSchema = z
  .string()
  .trim()
  .refine((name) => !!findCarrier(name), { message: `must be one of: ${carrierNames().join(', ')}` });

/** Twilio Messaging Service SID: `MG` + 32 hex. */
const messagingServiceSidSchema = z
  .string()
  .trim()
  .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Twilio Messaging Service SID: MG followed by 32 hex digits')
  .nullable();

export const createPhoneNumberSchema = phoneNumberSettingsPatchSchema
  .extend({
    number: e164Schema,
    carrier: carrierSchema.default('twilio'),
    name: z.string().trim().max(80).default(''),
    messagingServiceSid: messagingServiceSidSchema.optional(),
  })
  .strict();

export const updatePhoneNumberSchema = phoneNumberSettingsPatchSchema
  .extend({ name: z.string().trim().max(80).optional(), messagingServiceSid: messagingServiceSidSchema.optional() })
  .strict();

export interface PhoneNumber extends PhoneNumberSettings {
  id: string;
  number: string;
  carrier: string;
  name: string;
  webhooks: { voiceUrl: string; voiceStatusUrl: string; smsUrl: string };
  /** Twilio Messaging Service the number sends through (sends carry it and From), or null. */
  messagingServiceSid: string | null;
  /** Read-only: can this number text (registrations, verifications, routing), with next steps. */
  readiness: Readiness;
  /** Set while text-back is paused after repeated sender-blocking errors; resume after fixing. */
  textBackPaused: { since: string; reason: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** The URLs a carrier must call for this number; every signature check is made against these. */
export function webhookUrls(publicUrl: string, carrier: string): PhoneNumber['webhooks'] {
  return carrierWebhookUrls(publicUrl, carrier);
}

export function presentPhoneNumber(ctx: AppContext, row: PhoneNumbersTable): PhoneNumber {
  return {
    id: row.id,
    number: row.number,
    carrier: row.carrier,
    name: row.name,
    ...parsePhoneNumberSettings(row.settings),
    webhooks: webhookUrls(ctx.config.publicUrl, row.carrier),
    messagingServiceSid: row.messaging_service_sid ?? null,
    readiness: presentReadiness(row),
    textBackPaused:
      row.textback_paused_at !== null && row.textback_paused_at !== undefined
        ? { since: new Date(row.textback_paused_at).toISOString(), reason: row.textback_paused_reason ?? '' }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Number squatting guard: with the carrier connected, a number must be one of that account's own
 * (else a workspace could claim a number it does not own and receive its calls' data). Only the
 * sandbox is free-form. Returns the carrier's id for the number.
 */
async function assertNumberOnAccount(ctx: AppContext, workspaceId: string, carrier: string, number: string): Promise<string | null> {
  const adapter = findCarrier(carrier);
  if (!adapter?.numbersBelongToAccount) return null;
  const creds = await loadCarrierCredentials(ctx, workspaceId, carrier);
  if (!creds) return null;
  const account = await requireCarrierAccount(ctx, workspaceId, adapter);
  const numbers = await account.listNumbers({ number }).catch((err: unknown) => {
    throw new AppError(502, 'carrier_error', `Could not confirm with ${adapter.displayName} that ${number} is on your account: ${(err as Error).message}`);
  });
  const found = numbers.find((n) => n.number === number);
  if (!found) throw badRequest(`${number} is not a number on your connected ${adapter.displayName} account`, 'number');
  return found.id;
}

export async function createPhoneNumber(
  ctx: AppContext,
  workspaceId: string,
  input: z.infer<typeof createPhoneNumberSchema>,
  opts: { carrierNumberId?: string } = {},
): Promise<PhoneNumber> {
  const { number, carrier, name, messagingServiceSid, ...patch } = input;
  // An import already found the number on the account; a manual create must prove it.
  const carrierNumberId = opts.carrierNumberId ?? (await assertNumberOnAccount(ctx, workspaceId, carrier, number));
  const settings = mergePhoneNumberSettings(DEFAULT_PHONE_NUMBER_SETTINGS, patch);
  const now = ctx.clock.now();
  const id = newId('pn', now);
  const inserted = await ctx.db
    .insertInto('phone_numbers')
    .values({
      id,
      workspace_id: workspaceId,
      number,
      carrier,
      name,
      settings: JSON.stringify(settings),
      carrier_number_id: carrierNumberId,
      messaging_service_sid: messagingServiceSid ?? null,
      readiness: null,
      sender_block_strikes: 0,
      textback_paused_at: null,
      textback_paused_reason: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('number').doNothing())
    .executeTakeFirst();
  // Unique across the installation: a number can only be routed to one workspace.
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict(`${number} is already registered`, 'number');
  await scheduleReadinessCheck(ctx.db, { id, workspace_id: workspaceId, carrier }, now);
  ctx.wakeWorker();
  return getPhoneNumber(ctx, workspaceId, id);
}

export async function getPhoneNumberRow(ctx: AppContext, workspaceId: string, id: string): Promise<PhoneNumbersTable> {
  const row = await ctx.db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Phone number');
  return row;
}

export async function getPhoneNumber(ctx: AppContext, workspaceId: string, id: string): Promise<PhoneNumber> {
  return presentPhoneNumber(ctx, await getPhoneNumberRow(ctx, workspaceId, id));
}

export async function listPhoneNumbers(ctx: AppContext, workspaceId: string, page: PageRequest): Promise<Page<PhoneNumber>> {
  const result = await paginate(
    ctx.db.selectFrom('phone_numbers').selectAll().where('workspace_id', '=', workspaceId),
    'created_at',
    'id',
    page,
    (r) => r.created_at,
  );
  return { data: result.data.map((r) => presentPhoneNumber(ctx, r)), nextCursor: result.nextCursor };
}

export async function updatePhoneNumber(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  input: z.infer<typeof updatePhoneNumberSchema>,
): Promise<PhoneNumber> {
  const row = await getPhoneNumberRow(ctx, workspaceId, id);
  const { name, messagingServiceSid, ...patch } = input;
  const settings = mergePhoneNumberSettings(parsePhoneNumberSettings(row.settings), patch);
  await ctx.db
    .updateTable('phone_numbers')
    .set({
      name: name ?? row.name,
      settings: JSON.stringify(settings),
      ...(messagingServiceSid !== undefined ? { messaging_service_sid: messagingServiceSid } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
  const updated = await getPhoneNumber(ctx, workspaceId, id);
  if (patch.forwardTo !== undefined || patch.ringTimeoutSeconds !== undefined) {
    await syncFallbackRing(ctx, workspaceId, updated, row.carrier_number_id);
  }
  return updated;
}

/** Deletes the number; its calls and conversations stay (they keep the number in from/to). */
export async function deletePhoneNumber(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const result = await ctx.db
    .deleteFrom('phone_numbers')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Phone number');
}

/** The number row for an E.164 number, in any workspace (webhooks arrive before we know the tenant). */
export async function findPhoneNumberByNumber(ctx: AppContext, number: string): Promise<PhoneNumbersTable | undefined> {
  return ctx.db.selectFrom('phone_numbers').selectAll().where('number', '=', number).executeTakeFirst();
}

/** The owner fixed what carriers were blocking: text-back runs again on this number. */
export async function resumeTextBack(ctx: AppContext, workspaceId: string, id: string): Promise<PhoneNumber> {
  const row = await getPhoneNumberRow(ctx, workspaceId, id);
  await ctx.db
    .updateTable('phone_numbers')
    .set({ textback_paused_at: null, textback_paused_reason: null, sender_block_strikes: 0, updated_at: ctx.clock.now() })
    .where('id', '=', row.id)
    .execute();
  ctx.logger.info({ workspaceId, phoneNumberId: id }, 'text-back resumed by the owner');
  return getPhoneNumber(ctx, workspaceId, id);
}
