/**
 * A workspace's carrier credentials: stored encrypted (AES-256-GCM bound to the workspace and
 * carrier), decrypted only to sign-check a webhook or to call the carrier, never returned or logged.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { newId } from '../store/ids.js';

export const twilioCredentialsSchema = z.object({
  accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio Account SID: AC followed by 32 hex digits'),
  authToken: z.string().trim().min(16, 'must be the Twilio auth token').max(128),
});

export interface CarrierAccountSummary {
  carrier: string;
  accountSid: string;
  configured: true;
  updatedAt: string;
}

const secretContext = (workspaceId: string, carrier: string) => `carrier:${workspaceId}:${carrier}`;

/** Stores (or replaces) the workspace's Twilio credentials. */
export async function saveTwilioCredentials(
  ctx: AppContext,
  workspaceId: string,
  input: z.infer<typeof twilioCredentialsSchema>,
): Promise<CarrierAccountSummary> {
  const now = ctx.clock.now();
  const ciphertext = ctx.secrets.seal(input.authToken, secretContext(workspaceId, 'twilio'));
  await ctx.db
    .insertInto('carrier_accounts')
    .values({
      id: newId('ca', now),
      workspace_id: workspaceId,
      carrier: 'twilio',
      account_id: input.accountSid,
      secret_ciphertext: ciphertext,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'carrier']).doUpdateSet({
        account_id: input.accountSid,
        secret_ciphertext: ciphertext,
        updated_at: now,
      }),
    )
    .execute();
  return { carrier: 'twilio', accountSid: input.accountSid, configured: true, updatedAt: new Date(now).toISOString() };
}

/** The workspace's Twilio credentials in clear, or null when none are set. */
export async function loadTwilioCredentials(
  ctx: AppContext,
  workspaceId: string,
): Promise<{ accountSid: string; authToken: string } | null> {
  const row = await ctx.db
    .selectFrom('carrier_accounts')
    .select(['account_id', 'secret_ciphertext'])
    .where('workspace_id', '=', workspaceId)
    .where('carrier', '=', 'twilio')
    .executeTakeFirst();
  if (!row) return null;
  return {
    accountSid: row.account_id,
    authToken: ctx.secrets.open(row.secret_ciphertext, secretContext(workspaceId, 'twilio')),
  };
}

/** What the API may show about the workspace's carriers: never a secret. */
export async function listCarrierAccounts(ctx: AppContext, workspaceId: string): Promise<CarrierAccountSummary[]> {
  const rows = await ctx.db
    .selectFrom('carrier_accounts')
    .select(['carrier', 'account_id', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => ({
    carrier: r.carrier,
    accountSid: r.account_id,
    configured: true as const,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}
