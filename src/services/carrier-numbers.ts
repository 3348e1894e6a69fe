/**
 * A workspace's carrier account as the dashboard sees it: check credentials, list the account's
 * numbers, and import one, pointing its webhooks at Textback through the carrier's API so nobody
 * has to copy URLs by hand. These are user-initiated API calls, never made from a webhook handler.
 */
import { CarrierApiError, type CarrierAdapter, type CarrierCredentials } from '../carriers/carrier.js';
import type { AppContext } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { carrierApiUrl, requireCarrierAccount } from './carrier-clients.js';
import { z } from 'zod';
import { createPhoneNumber, createPhoneNumberSchema, deletePhoneNumber, getPhoneNumber, getPhoneNumberRow, webhookUrls, type PhoneNumber } from './phone-numbers.js';
import { refreshReadiness } from './texting-readiness.js';

export type CredentialCheckResult = { verified: true } | { verified: false; warning: string };

/**
 * Asks the carrier whether the credentials work. A definite "no" is a 400 naming the secret's
 * field; the carrier being unreachable is not the user's fault, so they are kept with a warning.
 */
export async function checkCarrierCredentials(ctx: AppContext, adapter: CarrierAdapter, creds: CarrierCredentials): Promise<CredentialCheckResult> {
  const check = await adapter.connect(creds, { apiUrl: carrierApiUrl(ctx.config, adapter.name), timeoutMs: 8_000 }).checkCredentials();
  if (check.ok) return { verified: true };
  if (check.rejected) throw badRequest(check.message, adapter.secretField);
  return { verified: false, warning: `Could not reach ${adapter.displayName} to check the credentials (${check.message}); saved anyway.` };
}

function upstream(adapter: CarrierAdapter, err: unknown): AppError {
  return new AppError(502, 'carrier_error', `${adapter.displayName} answered: ${(err as Error).message}`);
}

export interface CarrierNumberSummary {
  /** The carrier's id for the number; the API name predates other carriers (Twilio `PN…`). */
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
  smsUrl: string | null;
  imported: boolean;
  /**
   * The number's voice and messaging webhook URLs are exactly the ones this Textback expects for the
   * carrier (PUBLIC_URL + /webhooks/<carrier>/voice and …/sms). Compared whole, so another
   * installation's URLs ending in the same path do not count.
   */
  webhooksPointHere: boolean;
}

export async function listCarrierNumbers(ctx: AppContext, workspaceId: string, adapter: CarrierAdapter): Promise<CarrierNumberSummary[]> {
  const account = await requireCarrierAccount(ctx, workspaceId, adapter);
  const numbers = await account.listNumbers().catch((err: unknown) => {
    throw upstream(adapter, err);
  });
  const ours = await ctx.db.selectFrom('phone_numbers').select('number').where('workspace_id', '=', workspaceId).execute();
  const imported = new Set(ours.map((n) => n.number));
  const expected = webhookUrls(ctx.config.publicUrl, adapter.name);
  return numbers.map((n) => ({
    sid: n.id,
    phoneNumber: n.number,
    friendlyName: n.name,
    voiceUrl: n.voiceUrl,
    smsUrl: n.smsUrl,
    imported: imported.has(n.number),
    webhooksPointHere: n.voiceUrl === expected.voiceUrl && n.smsUrl === expected.smsUrl,
  }));
}

/**
 * What an import must say about where calls go (issue 10 item 2): the phones Textback rings, or that
 * the number receives forwarded calls (`mode: "forwarded"`). Any other number setting may come too.
 */
export const importNumberSchema = createPhoneNumberSchema
  .omit({ number: true, carrier: true })
  .extend({ sid: z.string().trim().min(1).max(200) })
  .strict()
  .superRefine((v, issue) => {
    const forwarded = (v as { mode?: string }).mode === 'forwarded';
    if (!forwarded && (!v.forwardTo || v.forwardTo.length === 0)) {
      issue.addIssue({
        code: 'custom',
        path: ['forwardTo'],
        message: 'Say where calls go: the phones Textback rings (forwardTo), or that this number receives forwarded calls (mode "forwarded")',
      });
    }
  });

/** Adds the carrier's number to the workspace and sets its voice, status and messaging webhooks. */
export async function importCarrierNumber(
  ctx: AppContext,
  workspaceId: string,
  adapter: CarrierAdapter,
  input: z.infer<typeof importNumberSchema>,
): Promise<PhoneNumber> {
  const { sid: carrierNumberId, ...settings } = input;
  const account = await requireCarrierAccount(ctx, workspaceId, adapter);
  // The number's webhook URLs are not needed here: configureNumber sets them. A carrier that can
  // look one number up without them (Telnyx) does, so its applications and profiles are listed once.
  const found = await (account.findNumber
    ? account.findNumber(carrierNumberId)
    : account.listNumbers().then((all) => all.find((n) => n.id === carrierNumberId))
  ).catch((err: unknown) => {
    throw upstream(adapter, err);
  });
  if (!found) throw notFound(`${adapter.displayName} number`);
  const created = await createPhoneNumber(
    ctx,
    workspaceId,
    { ...settings, number: found.number, carrier: adapter.name, name: settings.name || found.name },
    { carrierNumberId },
  );
  try {
    await account.configureNumber(carrierNumberId, {
      ...webhookUrls(ctx.config.publicUrl, adapter.name),
      // If Textback does not answer, the carrier itself rings the same phones.
      fallbackRing: { phones: created.forwardTo, timeoutSeconds: created.ringTimeoutSeconds },
    });
  } catch (err) {
    // Half an import is worse than none: the number would look ready but never hear a call.
    await deletePhoneNumber(ctx, workspaceId, created.id);
    throw upstream(adapter, err instanceof CarrierApiError ? err : new Error(String(err)));
  }
  ctx.logger.info({ workspaceId, phoneNumberId: created.id, carrier: adapter.name }, 'carrier number imported');
  // Readiness at import (a failure leaves it `unknown`; the daily job tries again).
  await refreshReadiness(ctx, await getPhoneNumberRow(ctx, workspaceId, created.id));
  return getPhoneNumber(ctx, workspaceId, created.id);
}

