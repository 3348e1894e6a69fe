/**
 * The built-in `sandbox` carrier: no network at all. Texts "sent" to a sandbox caller are accepted
 * at once and show up in the phone simulator (which reads them from the conversation), so the
 * whole flow can be tried offline through the very same services as Twilio.
 */
import { randomBytes } from 'node:crypto';
import type { CarrierClient, SendTextRequest, SentText, SentTextLookup } from '../carrier.js';

export class SandboxCarrierClient implements CarrierClient {
  async sendText(_req: SendTextRequest): Promise<SentText> {
    return { carrierMessageId: `SB${randomBytes(16).toString('hex')}`, status: 'delivered', segments: undefined };
  }

  /** A sandbox send completes within the same process step that records it; nothing is ever lost. */
  async findSentText(_q: SentTextLookup): Promise<SentText | null> {
    return null;
  }
}
