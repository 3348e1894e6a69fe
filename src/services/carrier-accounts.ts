/**
 * A workspace's carrier credentials: stored encrypted (AES-256-GCM bound to the workspace and
 * carrier), decrypted only to sign-check a webhook or to call the carrier, never returned or logged.
 */
import type { CarrierCredentials } from '../carriers/carrier.js';
import type { AppContext } from '../context.js';
import { newId } from '../store/ids.js';
import type { CarrierAccountsTable } from '../store/schema.js';
import { LruMap } from '../domain/lru-map.js';

export interface CarrierAccountSummary {
  carrier: string;
  /** The carrier's public account id (Twilio Account SID); the API name predates other carriers. */
  accountSid: string;
  configured: true;
  updatedAt: string;
}

/** What a carrier account's secret is sealed with (bound to its workspace and carrier). */
export const carrierSecretContext = (workspaceId: string, carrier: string) => `carrier:${workspaceId}:${carrier}`;
export const carrierExtraContext = (workspaceId: string, carrier: string) => `carrier-extra:${workspaceId}:${carrier}`;

/** Stores (or replaces) the workspace's credentials for one carrier. */
export async function saveCarrierCredentials(
  ctx: AppContext,
  workspaceId: string,
  carrier: string,
  creds: CarrierCredentials,
): Promise<CarrierAccountSummary> {
  const now = ctx.clock.now();
  const ciphertext = ctx.secrets.seal(creds.secret, carrierSecretContext(workspaceId, carrier));
  const extraCiphertext = creds.extra ? ctx.secrets.seal(JSON.stringify(creds.extra), carrierExtraContext(workspaceId, carrier)) : null;
  await ctx.db
    .insertInto('carrier_accounts')
    .values({
      id: newId('ca', now),
      workspace_id: workspaceId,
      carrier,
      account_id: creds.accountId,
      secret_ciphertext: ciphertext,
      extra_ciphertext: extraCiphertext,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'carrier']).doUpdateSet({
        account_id: creds.accountId,
        secret_ciphertext: ciphertext,
        extra_ciphertext: extraCiphertext,
        updated_at: now,
      }),
    )
    .execute();
  return { carrier, accountSid: creds.accountId, configured: true, updatedAt: new Date(now).toISOString() };
}

/**
 * Decrypted credentials by workspace and carrier, valid only for the exact stored ciphertexts they
 * came from. Every webhook's signature check and every send still reads the row (so a change made
 * by another process is seen at once: a new save seals with a fresh nonce, so its ciphertext never
 * equals the old one, even within one millisecond), but decrypts only when the row changed. Bounded:
 * the entry used least recently goes first, so a platform with more businesses than the bound keeps
 * the ones sending now (the first version dropped the oldest entry, busy or not). Holds secrets in
 * this process's memory only. The one cache of carrier credentials: the client built from them
 * (services/carrier-clients.ts), with its keep-alive connections, is tied to the very object
 * returned here, and goes with it; an evicted business pays a new client and connection on its
 * next send.
 */
const openedBy = new WeakMap<AppContext['secrets'], LruMap<string, { sealed: string; creds: CarrierCredentials }>>();
export const MAX_OPEN_CARRIER_ACCOUNTS = 4_000;

/** The stored (sealed) credentials columns, as a joined read brings them along. */
export type SealedCarrierAccount = Pick<CarrierAccountsTable, 'account_id' | 'secret_ciphertext' | 'extra_ciphertext'>;

/** The workspace's credentials for `carrier` in clear, or null when none are set. */
export async function loadCarrierCredentials(ctx: AppContext, workspaceId: string, carrier: string): Promise<CarrierCredentials | null> {
  const row = await ctx.db
    .selectFrom('carrier_accounts')
    .select(['account_id', 'secret_ciphertext', 'extra_ciphertext'])
    .where('workspace_id', '=', workspaceId)
    .where('carrier', '=', carrier)
    .executeTakeFirst();
  return openCarrierCredentials(ctx, workspaceId, carrier, row);
}

/**
 * The credentials in `row` (the workspace's carrier_accounts row for `carrier`, read just now,
 * possibly joined to another read) in clear, or null when there is none.
 */
export function openCarrierCredentials(ctx: AppContext, workspaceId: string, carrier: string, row: SealedCarrierAccount | undefined): CarrierCredentials | null {
  // Per key holder: what one master key opened is never handed to a context holding another.
  let opened = openedBy.get(ctx.secrets);
  if (!opened) openedBy.set(ctx.secrets, (opened = new LruMap(MAX_OPEN_CARRIER_ACCOUNTS)));
  const key = `${workspaceId}|${carrier}`;
  if (!row) {
    opened.delete(key);
    return null;
  }
  const sealed = `${row.account_id}|${row.secret_ciphertext}|${row.extra_ciphertext ?? ''}`;
  const hit = opened.get(key);
  if (hit?.sealed === sealed) return hit.creds;
  const secret = ctx.secrets.open(row.secret_ciphertext, carrierSecretContext(workspaceId, carrier));
  const creds: CarrierCredentials = row.extra_ciphertext
    ? {
        accountId: row.account_id,
        secret,
        extra: JSON.parse(ctx.secrets.open(row.extra_ciphertext, carrierExtraContext(workspaceId, carrier))) as Record<string, string>,
      }
    : { accountId: row.account_id, secret };
  opened.set(key, { sealed, creds });
  return creds;
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
