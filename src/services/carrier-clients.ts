/**
 * Picks the carrier client that sends for a workspace's number: Twilio with that workspace's own
 * credentials, or the offline sandbox.
 */
import { createHash } from 'node:crypto';
import type { CarrierClient } from '../carriers/carrier.js';
import { CarrierSendError } from '../carriers/carrier.js';
import { SandboxCarrierClient } from '../carriers/sandbox/sandbox-carrier.js';
import { TwilioCarrierClient } from '../carriers/twilio/twilio-rest-client.js';
import type { AppContext } from '../context.js';
import { loadTwilioCredentials } from './carrier-accounts.js';

const sandbox = new SandboxCarrierClient();

/**
 * Twilio clients by workspace, rebuilt when the stored credentials change: a send reuses the
 * client's keep-alive connection instead of building an SDK and a TLS session per text.
 */
const twilioClients = new Map<string, { key: string; client: TwilioCarrierClient }>();
const MAX_CACHED_CLIENTS = 1_000;

export async function carrierClientFor(ctx: AppContext, workspaceId: string, carrier: string): Promise<CarrierClient> {
  if (carrier === 'sandbox') return sandbox;
  if (carrier === 'twilio') {
    const creds = await loadTwilioCredentials(ctx, workspaceId);
    // Retrying will not help until someone adds credentials; the job dies with a clear error.
    if (!creds) throw new CarrierSendError('permanent', 'No Twilio credentials for this workspace (PUT /api/v1/carriers/twilio)');
    const key = `${ctx.config.twilioApiUrl}|${creds.accountSid}|${createHash('sha256').update(creds.authToken).digest('hex')}`;
    const cached = twilioClients.get(workspaceId);
    if (cached?.key === key) return cached.client;
    if (twilioClients.size >= MAX_CACHED_CLIENTS) twilioClients.delete(twilioClients.keys().next().value as string);
    const client = new TwilioCarrierClient(creds, ctx.config.twilioApiUrl);
    twilioClients.set(workspaceId, { key, client });
    return client;
  }
  throw new CarrierSendError('permanent', `Unknown carrier "${carrier}"`);
}
