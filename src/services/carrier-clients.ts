/**
 * The carrier account that sends and answers account calls for a workspace's number: the number's
 * carrier (from the registry) connected with that workspace's own credentials.
 */
import { createHash } from 'node:crypto';
import type { CarrierAccount, CarrierAdapter, CarrierCredentials } from '../carriers/carrier.js';
import { CarrierSendError } from '../carriers/carrier.js';
import { findCarrier } from '../carriers/registry.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { loadCarrierCredentials, openCarrierCredentials, type SealedCarrierAccount } from './carrier-accounts.js';

/** The API base URL a carrier's REST calls go to (tests point it at a simulator). */
export function carrierApiUrl(config: Config, carrier: string): string | undefined {
  const urls: Record<string, string | undefined> = { twilio: config.twilioApiUrl, signalwire: config.signalwireApiUrl, telnyx: config.telnyxApiUrl };
  return urls[carrier];
}

/**
 * Clients by workspace and carrier, rebuilt when the stored credentials change: a send reuses the
 * client's keep-alive connection instead of building an SDK and a TLS session per text.
 */
const clients = new Map<string, { key: string; client: CarrierAccount }>();
const MAX_CACHED_CLIENTS = 1_000;

/** Hash of the secrets, once per decrypted credentials object (loadCarrierCredentials reuses them while unchanged). */
const fingerprints = new WeakMap<CarrierCredentials, string>();
function fingerprint(creds: CarrierCredentials): string {
  let hash = fingerprints.get(creds);
  if (!hash) {
    hash = createHash('sha256').update(creds.secret).update(JSON.stringify(creds.extra ?? {})).digest('hex');
    fingerprints.set(creds, hash);
  }
  return hash;
}

/** The stored account row when the caller already read it (joined to its own read); else it is read here. */
type Preloaded = { sealed: SealedCarrierAccount | undefined };

async function connectedAccount(ctx: AppContext, workspaceId: string, adapter: CarrierAdapter, preloaded?: Preloaded): Promise<CarrierAccount | null> {
  if (!adapter.numbersBelongToAccount) return adapter.connect({ accountId: '', secret: '' }, {});
  const creds = preloaded
    ? openCarrierCredentials(ctx, workspaceId, adapter.name, preloaded.sealed)
    : await loadCarrierCredentials(ctx, workspaceId, adapter.name);
  if (!creds) return null;
  const apiUrl = carrierApiUrl(ctx.config, adapter.name);
  const key = `${apiUrl}|${creds.accountId}|${fingerprint(creds)}`;
  const cacheKey = `${workspaceId}|${adapter.name}`;
  const cached = clients.get(cacheKey);
  if (cached?.key === key) return cached.client;
  if (clients.size >= MAX_CACHED_CLIENTS) clients.delete(clients.keys().next().value as string);
  const client = adapter.connect(creds, { apiUrl });
  clients.set(cacheKey, { key, client });
  return client;
}

/** For sending (jobs): failures are CarrierSendErrors the send job understands. */
export async function carrierClientFor(ctx: AppContext, workspaceId: string, carrier: string, preloaded?: Preloaded): Promise<CarrierAccount> {
  const adapter = findCarrier(carrier);
  if (!adapter) throw new CarrierSendError('permanent', `Unknown carrier "${carrier}"`);
  const account = await connectedAccount(ctx, workspaceId, adapter, preloaded);
  // Retrying will not help until someone adds credentials; the job dies with a clear error.
  if (!account) throw new CarrierSendError('permanent', `No ${adapter.displayName} credentials for this workspace (PUT /api/v1/carriers/${adapter.name})`);
  return account;
}

/** For the account API (dashboard): a 409 the owner can act on when nothing is connected. */
export async function requireCarrierAccount(ctx: AppContext, workspaceId: string, adapter: CarrierAdapter): Promise<CarrierAccount> {
  const account = await connectedAccount(ctx, workspaceId, adapter);
  if (!account) {
    throw new AppError(409, `${adapter.name}_not_connected`, `Connect a ${adapter.displayName} account first (PUT /api/v1/carriers/${adapter.name})`);
  }
  return account;
}
