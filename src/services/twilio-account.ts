/**
 * The workspace's Twilio account as the dashboard sees it: check credentials, list the account's
 * numbers, and import one, pointing its webhooks at Textback through the Twilio API so nobody has
 * to copy URLs by hand. These are user-initiated API calls, never made from a webhook handler.
 */
import { createTwilioSdk } from '../carriers/twilio/twilio-rest-client.js';
import type { AppContext } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { loadTwilioCredentials } from './carrier-accounts.js';
import { createPhoneNumber, deletePhoneNumber, webhookUrls, type PhoneNumber } from './phone-numbers.js';

export type CredentialCheck = { verified: true } | { verified: false; warning: string };

/**
 * Asks Twilio whether the credentials work. A definite "no" is a 400 naming authToken; Twilio being
 * unreachable is not the user's fault, so the credentials are kept with a warning.
 */
export async function checkTwilioCredentials(ctx: AppContext, accountSid: string, authToken: string): Promise<CredentialCheck> {
  const sdk = createTwilioSdk({ accountSid, authToken }, ctx.config.twilioApiUrl, 8_000);
  try {
    await sdk.api.v2010.accounts(accountSid).fetch();
    return { verified: true };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) {
      throw badRequest('Twilio rejected this Account SID and auth token', 'authToken');
    }
    return { verified: false, warning: `Could not reach Twilio to check the credentials (${(err as Error).message}); saved anyway.` };
  }
}

async function sdkFor(ctx: AppContext, workspaceId: string) {
  const creds = await loadTwilioCredentials(ctx, workspaceId);
  if (!creds) throw new AppError(409, 'twilio_not_connected', 'Connect a Twilio account first (PUT /api/v1/carriers/twilio)');
  return createTwilioSdk(creds, ctx.config.twilioApiUrl, 15_000);
}

function upstream(err: unknown): AppError {
  return new AppError(502, 'carrier_error', `Twilio answered: ${(err as Error).message}`);
}

export interface TwilioNumberSummary {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
  smsUrl: string | null;
  imported: boolean;
}

export async function listTwilioNumbers(ctx: AppContext, workspaceId: string): Promise<TwilioNumberSummary[]> {
  const sdk = await sdkFor(ctx, workspaceId);
  const numbers = await sdk.incomingPhoneNumbers.list({ limit: 500 }).catch((err: unknown) => {
    throw upstream(err);
  });
  const ours = await ctx.db.selectFrom('phone_numbers').select('number').where('workspace_id', '=', workspaceId).execute();
  const imported = new Set(ours.map((n) => n.number));
  return numbers.map((n) => ({
    sid: n.sid,
    phoneNumber: n.phoneNumber,
    friendlyName: n.friendlyName,
    voiceUrl: n.voiceUrl || null,
    smsUrl: n.smsUrl || null,
    imported: imported.has(n.phoneNumber),
  }));
}

/** Adds the Twilio number to the workspace and sets its Voice, status and Messaging URLs. */
export async function importTwilioNumber(ctx: AppContext, workspaceId: string, sid: string): Promise<PhoneNumber> {
  const sdk = await sdkFor(ctx, workspaceId);
  const all = await sdk.incomingPhoneNumbers.list({ limit: 500 }).catch((err: unknown) => {
    throw upstream(err);
  });
  const found = all.find((n) => n.sid === sid);
  if (!found) throw notFound('Twilio number');
  const created = await createPhoneNumber(ctx, workspaceId, { number: found.phoneNumber, carrier: 'twilio', name: found.friendlyName ?? '' });
  const urls = webhookUrls(ctx.config.publicUrl, 'twilio');
  try {
    await sdk.incomingPhoneNumbers(sid).update({
      voiceUrl: urls.voiceUrl,
      voiceMethod: 'POST',
      statusCallback: urls.voiceStatusUrl,
      statusCallbackMethod: 'POST',
      smsUrl: urls.smsUrl,
      smsMethod: 'POST',
    });
  } catch (err) {
    // Half an import is worse than none: the number would look ready but never hear a call.
    await deletePhoneNumber(ctx, workspaceId, created.id);
    throw upstream(err);
  }
  ctx.logger.info({ workspaceId, phoneNumberId: created.id }, 'twilio number imported');
  return created;
}
