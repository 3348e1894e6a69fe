/**
 * Picks the carrier client that sends for a workspace's number: Twilio with that workspace's own
 * credentials, or the offline sandbox.
 */
import type { CarrierClient } from '../carriers/carrier.js';
import { CarrierSendError } from '../carriers/carrier.js';
import { SandboxCarrierClient } from '../carriers/sandbox/sandbox-carrier.js';
import { TwilioCarrierClient } from '../carriers/twilio/twilio-rest-client.js';
import type { AppContext } from '../context.js';
import { loadTwilioCredentials } from './carrier-accounts.js';

const sandbox = new SandboxCarrierClient();

export async function carrierClientFor(ctx: AppContext, workspaceId: string, carrier: string): Promise<CarrierClient> {
  if (carrier === 'sandbox') return sandbox;
  if (carrier === 'twilio') {
    const creds = await loadTwilioCredentials(ctx, workspaceId);
    // Retrying will not help until someone adds credentials; the job dies with a clear error.
    if (!creds) throw new CarrierSendError('permanent', 'No Twilio credentials for this workspace (PUT /api/v1/carriers/twilio)');
    return new TwilioCarrierClient(creds, ctx.config.twilioApiUrl);
  }
  throw new CarrierSendError('permanent', `Unknown carrier "${carrier}"`);
}
