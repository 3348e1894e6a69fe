/**
 * Twilio behind the carrier port: X-Twilio-Signature, Twilio's webhook parameter names, TwiML,
 * Twilio error codes, and the account client (REST API through the official SDK).
 */
import { z } from 'zod';
import type { CarrierAdapter, WebhookKind, WebhookResponse } from '../carrier.js';
import { twilioErrorMeaning } from './twilio-error-codes.js';
import { TWILIO_API, TwilioAccount } from './twilio-rest-client.js';
import { isValidTwilioSignature } from './twilio-signature.js';
import * as parse from './twilio-webhooks.js';
import { emptyTwiml, renderCallPlan } from './twiml.js';

export const twilioCredentialsSchema = z.object({
  accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio Account SID: AC followed by 32 hex digits'),
  authToken: z.string().trim().min(16, 'must be the Twilio auth token').max(128),
});

const TWIML = 'text/xml';

/** Webhooks Twilio expects TwiML from (an empty document means "do nothing more"). */
const TWIML_KINDS = new Set<WebhookKind>(['incoming-call', 'dial-result', 'screen', 'screen-answer', 'recording', 'incoming-text']);

export const twilioCarrier: CarrierAdapter = {
  name: 'twilio',
  displayName: 'Twilio',
  numbersBelongToAccount: true,
  // Twilio answers STOP/START/HELP on long codes and toll-free numbers by default (twilio-facts §2).
  handlesKeywords: true,
  secretField: 'authToken',
  credentialsSchema: twilioCredentialsSchema,

  parseCredentials(body) {
    const c = twilioCredentialsSchema.parse(body);
    return { accountId: c.accountSid, secret: c.authToken };
  },

  verifyWebhook: (req, creds) => isValidTwilioSignature(creds.secret, req),
  parseIncomingCall: parse.parseIncomingCall,
  parseCallStatus: parse.parseCallStatus,
  parseDialResult: parse.parseDialResult,
  parseScreenLeg: parse.parseScreenLeg,
  parseRecording: parse.parseRecording,
  parseTranscription: parse.parseTranscription,
  parseIncomingText: parse.parseIncomingText,
  parseTextStatus: parse.parseTextStatus,

  renderCallPlan: (plan, webhookBase): WebhookResponse => ({ status: 200, contentType: TWIML, body: renderCallPlan(plan, { webhookBase }) }),
  acknowledge: (kind): WebhookResponse => (TWIML_KINDS.has(kind) ? { status: 200, contentType: TWIML, body: emptyTwiml() } : { status: 204 }),

  describeError: twilioErrorMeaning,

  connect: (creds, options) =>
    new TwilioAccount({ accountSid: creds.accountId, authToken: creds.secret }, options.apiUrl ?? TWILIO_API, options.timeoutMs, options.maxInFlight),
};
