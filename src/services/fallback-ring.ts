/**
 * Keeps a carrier's own fallback (what the number does when Textback does not answer) ringing the
 * number's current phones; see src/carriers/twilio/twilio-fallback.ts for the mechanism and limits.
 */
import { findCarrier } from '../carriers/registry.js';
import type { AppContext } from '../context.js';
import { requireCarrierAccount } from './carrier-clients.js';
import type { PhoneNumber } from './phone-numbers.js';

/** The URLs a carrier must call for a number; every signature check is made against these. */
export const carrierWebhookUrls = (publicUrl: string, carrier: string) => ({
  voiceUrl: `${publicUrl}/webhooks/${carrier}/voice`,
  voiceStatusUrl: `${publicUrl}/webhooks/${carrier}/voice/status`,
  smsUrl: `${publicUrl}/webhooks/${carrier}/sms`,
});

/**
 * After the phones of an imported number change, the carrier's fallback must ring the new ones.
 * Best effort: the settings are saved either way; a failure is logged and the next change retries.
 */
export async function syncFallbackRing(ctx: AppContext, workspaceId: string, number: PhoneNumber, carrierNumberId: string | null): Promise<void> {
  const adapter = findCarrier(number.carrier);
  if (!adapter?.numbersBelongToAccount || !carrierNumberId) return;
  try {
    const account = await requireCarrierAccount(ctx, workspaceId, adapter);
    await account.configureNumber(carrierNumberId, {
      ...carrierWebhookUrls(ctx.config.publicUrl, adapter.name),
      fallbackRing: { phones: number.forwardTo, timeoutSeconds: number.ringTimeoutSeconds },
    });
  } catch (err) {
    ctx.logger.warn({ workspaceId, phoneNumberId: number.id, err: (err as Error).message }, 'could not update the carrier fallback');
  }
}
