/**
 * The built-in `sandbox` carrier: no network at all. Texts "sent" to a sandbox caller are accepted
 * at once and show up in the phone simulator (which reads them from the conversation), so the
 * whole flow can be tried offline through the very same services as Twilio.
 *
 * It implements the whole carrier port so the services never special-case it, but it has no
 * outside webhooks (the simulator drives the services directly), so `verifyWebhook` refuses
 * everything, and its numbers are free-form (no account owns them).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sandboxVoicemailTone } from './sandbox-tone.js';
import {
  CarrierApiError,
  type FetchedMedia,
  type CarrierAccount,
  type CarrierAdapter,
  type CarrierWebhookRequest,
  type SendTextRequest,
  type SentText,
  type SentTextLookup,
} from '../carrier.js';

export class SandboxCarrierClient implements CarrierAccount {
  async sendText(_req: SendTextRequest): Promise<SentText> {
    return { carrierMessageId: `SB${randomBytes(16).toString('hex')}`, status: 'delivered', segments: undefined };
  }

  /** A sandbox send completes within the same process step that records it; nothing is ever lost. */
  async findSentText(_q: SentTextLookup): Promise<SentText | null> {
    return null;
  }

  async checkCredentials() {
    return { ok: true as const };
  }

  /** Sandbox numbers are created free-form in the dashboard; there is no account to list. */
  async listNumbers() {
    return [];
  }

  async configureNumber(): Promise<void> {}

  /** Sandbox voicemails have no real audio: the tone the sandbox media route also serves. */
  async fetchRecording(url: string): Promise<FetchedMedia> {
    if (!/\/sandbox\/voicemail\/call_[0-9A-Z]{26}\.wav$/.test(url)) throw new CarrierApiError('Not a sandbox recording');
    return { contentType: 'audio/wav', body: sandboxVoicemailTone() };
  }
}

const client = new SandboxCarrierClient();
const str = (req: CarrierWebhookRequest, key: string) => {
  const v = req.params?.[key];
  return typeof v === 'string' ? v : '';
};

export const sandboxCarrier: CarrierAdapter = {
  name: 'sandbox',
  displayName: 'Sandbox (offline simulator)',
  numbersBelongToAccount: false,
  // Nothing sits between the simulator and Textback: Textback itself confirms STOP and START.
  handlesKeywords: false,
  secretField: 'secret',
  credentialsSchema: z.object({}),
  parseCredentials: () => ({ accountId: 'sandbox', secret: '' }),

  verifyWebhook: () => false,
  parseIncomingCall: (req) => (str(req, 'callId') ? { carrierCallId: str(req, 'callId'), from: str(req, 'from'), to: str(req, 'to') } : null),
  parseCallStatus: (req) =>
    str(req, 'callId') && str(req, 'status')
      ? { carrierCallId: str(req, 'callId'), from: str(req, 'from'), to: str(req, 'to'), status: str(req, 'status') }
      : null,
  parseDialResult: (req) => ({ carrierCallId: str(req, 'callId'), dialStatus: str(req, 'dialStatus') || 'failed', bridged: undefined }),
  parseScreenLeg: (req) => ({ carrierCallId: str(req, 'callId') || undefined, digits: str(req, 'digits') }),
  parseRecording: (req) => ({ carrierCallId: str(req, 'callId') || undefined, url: str(req, 'url') || null, recordingId: str(req, 'recordingId'), durationSeconds: Number(str(req, 'durationSeconds')) || 0 }),
  parseTranscription: (req) => ({ carrierCallId: str(req, 'callId') || undefined, text: str(req, 'text') || null, completed: true }),
  parseIncomingText: (req) => ({ carrierMessageId: str(req, 'messageId') || null, from: str(req, 'from'), to: str(req, 'to'), body: str(req, 'body'), mediaUrls: [] }),
  parseTextStatus: (req) => ({ carrierMessageId: str(req, 'messageId') || null, status: str(req, 'status') || null, errorCode: null }),

  // The simulator shows the plan itself: JSON is its "TwiML".
  renderCallPlan: (plan) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(plan) }),
  acknowledge: () => ({ status: 204 }),
  describeError: (code) => ({ meaning: code ? `Sandbox error ${code}` : 'Unknown error', effect: null, blocksSender: false }),
  connect: () => client,
};
