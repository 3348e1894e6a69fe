/**
 * The carrier account that sends and answers account calls for a workspace's number: the number's
 * carrier (from the registry) connected with that workspace's own credentials.
 */
import type { CarrierAccount, CarrierAdapter, CarrierCredentials } from '../carriers/carrier.js';
import { CarrierSendError } from '../carriers/carrier.js';
import { findCarrier } from '../carriers/registry.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { followUpsOf, waitOffSlot } from '../jobs/follow-up-scope.js';
import type { Executor } from '../jobs/job-queue.js';
import type { MessagesTable } from '../store/schema.js';
import { loadCarrierCredentials, openCarrierCredentials, type SealedCarrierAccount } from './carrier-accounts.js';

/** The API base URL a carrier's REST calls go to (tests point it at a simulator). */
export function carrierApiUrl(config: Config, carrier: string): string | undefined {
  const urls: Record<string, string | undefined> = { twilio: config.twilioApiUrl, signalwire: config.signalwireApiUrl, telnyx: config.telnyxApiUrl };
  return urls[carrier];
}

/**
 * The client built from a decrypted credentials object, for as long as that object lives: the
 * credentials cache (services/carrier-accounts.ts) hands back the very same object while the stored
 * row is unchanged and a new one when it changed, so the client needs no cache, key or fingerprint
 * of its own. A send reuses the client's keep-alive connection instead of building an SDK and a
 * TLS session per text; a changed token builds a new client on its next use.
 */
const clientOf = new WeakMap<CarrierCredentials, { apiUrl: string | undefined; client: CarrierAccount }>();

/** The stored account row when the caller already read it (joined to its own read); else it is read here. */
type Preloaded = { sealed: SealedCarrierAccount | undefined };

/** The workspace's account on `adapter`'s carrier, as `ctx` uses it (forRunningJob); null when none is connected. */
async function connectedAccount(ctx: AppContext, workspaceId: string, adapter: CarrierAdapter, preloaded?: Preloaded): Promise<CarrierAccount | null> {
  const account = await sharedAccount(ctx, workspaceId, adapter, preloaded);
  return account && forRunningJob(account, ctx.db);
}

async function sharedAccount(ctx: AppContext, workspaceId: string, adapter: CarrierAdapter, preloaded?: Preloaded): Promise<CarrierAccount | null> {
  if (!adapter.numbersBelongToAccount) return adapter.connect({ accountId: '', secret: '' }, {});
  const creds = preloaded
    ? openCarrierCredentials(ctx, workspaceId, adapter.name, preloaded.sealed)
    : await loadCarrierCredentials(ctx, workspaceId, adapter.name);
  if (!creds) return null;
  const apiUrl = carrierApiUrl(ctx.config, adapter.name);
  const built = clientOf.get(creds);
  if (built && built.apiUrl === apiUrl) return built.client;
  // Requests wait on the carrier off the worker's slots (forRunningJob), so the account's own
  // limit, not the slots, caps what is open at once.
  const client = adapter.connect(creds, { apiUrl, maxInFlight: ctx.config.carrierRequestsPerAccount });
  clientOf.set(creds, { apiUrl, client });
  return client;
}

/**
 * The account as the job whose handle `db` is uses it: every request to the carrier (a send, the
 * lookup after a lost answer, a line-type lookup before a text-back, a readiness check, a
 * recording) waits off the job's worker slot (jobs/follow-up-scope.ts, waitOffSlot), so a carrier
 * taking its time never holds the slots a text-back needs. Every account method is a request.
 * Outside a job (a dashboard request), the account itself.
 */
function forRunningJob(account: CarrierAccount, db: Executor): CarrierAccount {
  if (!followUpsOf(db)?.offSlot) return account;
  return new Proxy(account, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => waitOffSlot(db, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
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

/** The built-in offline carrier's name: it records texts for the phone simulator and sends nothing. */
export const SANDBOX_CARRIER = 'sandbox';

/**
 * The one place a text's sending client is chosen. A practice text (the phone simulator playing a
 * carrier number: the message is marked, or its recipient is the practice phone) always goes to the
 * sandbox's recording client, whatever carrier the message or its number names, so nothing a
 * practice conversation sends — text-back, agent, staff, workflow, opt-out confirmation, staff
 * notification — can reach a real carrier, cost money or text a person. Anything else is sent by the
 * message's carrier with the workspace's credentials.
 */
export async function sendingClientFor(
  ctx: AppContext,
  message: Pick<MessagesTable, 'workspace_id' | 'carrier' | 'practice'>,
  recipientIsPractice: boolean,
  preloaded?: Preloaded,
): Promise<CarrierAccount> {
  // A practice message was queued with the sandbox as its carrier already; the recipient's flag
  // covers a contact that became the practice phone after its text was queued.
  const practice = message.practice === 1 || recipientIsPractice;
  return carrierClientFor(ctx, message.workspace_id, practice ? SANDBOX_CARRIER : message.carrier, preloaded);
}

/** For the account API (dashboard): a 409 the owner can act on when nothing is connected. */
export async function requireCarrierAccount(ctx: AppContext, workspaceId: string, adapter: CarrierAdapter): Promise<CarrierAccount> {
  const account = await connectedAccount(ctx, workspaceId, adapter);
  if (!account) {
    throw new AppError(409, `${adapter.name}_not_connected`, `Connect a ${adapter.displayName} account first (PUT /api/v1/carriers/${adapter.name})`);
  }
  return account;
}
