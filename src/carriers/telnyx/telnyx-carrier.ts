/**
 * Telnyx behind the carrier port: calls through TeXML, texts through the v2 Messaging API.
 *
 * Why TeXML rather than Call Control: TeXML is Telnyx's TwiML-compatible markup, and its call
 * webhooks are form-encoded with Twilio's names (CallSid, From, To, CallStatus, ParentCallSid,
 * DialCallStatus, RecordingUrl…), so the call plan renders with the TwiML renderer and the shared
 * answered/missed decision reads the same parameters; Call Control would need a command per step
 * (answer, transfer, gather, record) sent from our side while the call waits — REST calls from a
 * webhook handler, which Textback never makes. What differs, and is handled here:
 * - every webhook (TeXML and messaging alike) is signed with Ed25519 over `timestamp|raw body`
 *   (telnyx-signature.ts), checked with the account's public key, 5 minutes either way;
 * - credentials are an API key (Bearer) plus that public key; API keys name no account, so the
 *   public key — not secret, and one per account — is the account id shown;
 * - messaging is JSON (`message.received`, `message.sent`, `message.finalized`), parsed in
 *   telnyx-messaging-webhooks.ts;
 * - the <Dial> action's parameters are taken as TwiML's, but only DialCallStatus is read and
 *   DialBridged is never expected: the decision takes the no-DialBridged path (docs/carriers.md), and
 *   a dial result without DialCallStatus counts as connected — never texted on a guess;
 * - Telnyx does not document answering STOP/HELP for an application, so Textback sends its own.
 */
import { z } from 'zod';
import type { CarrierAdapter, CarrierWebhookRequest, ParsedDialResult, WebhookKind, WebhookResponse } from '../carrier.js';
import * as texml from '../twilio/twilio-webhooks.js';
import { emptyTwiml, renderCallPlan } from '../twilio/twiml.js';
import { parseIncomingText, parseTextStatus } from './telnyx-messaging-webhooks.js';
import { telnyxErrorMeaning } from './telnyx-error-codes.js';
import { TelnyxAccount } from './telnyx-rest-client.js';
import { isValidTelnyxSignature, telnyxPublicKey } from './telnyx-signature.js';

export const telnyxCredentialsSchema = z.object({
  apiKey: z.string().trim().min(10, 'must be a Telnyx API key (KEY…, under Account settings → Keys & Credentials → API Keys)').max(300),
  publicKey: z
    .string()
    .trim()
    .refine((v) => telnyxPublicKey(v) !== null, 'must be the Telnyx public key (base64, under Keys & Credentials → Public Key): it checks webhook signatures'),
});

/** Webhooks that expect TeXML back (an empty document means "do nothing more"). */
const TEXML_KINDS = new Set<WebhookKind>(['incoming-call', 'dial-result', 'screen', 'screen-answer', 'recording']);
const XML = 'text/xml';

function parseDialResult(req: CarrierWebhookRequest): ParsedDialResult {
  const p = texml.twilioParams(req);
  return {
    carrierCallId: p.CallSid ?? '',
    // Absent DialCallStatus: connected, so only the parent's own final status can make it missed.
    dialStatus: p.DialCallStatus?.trim() || 'completed',
    bridged: undefined,
  };
}

export const telnyxCarrier: CarrierAdapter = {
  name: 'telnyx',
  displayName: 'Telnyx',
  numbersBelongToAccount: true,
  handlesKeywords: false,
  secretField: 'apiKey',
  credentialsSchema: telnyxCredentialsSchema,

  parseCredentials(body) {
    const c = telnyxCredentialsSchema.parse(body);
    return { accountId: c.publicKey, secret: c.apiKey };
  },

  verifyWebhook: (req, creds) => isValidTelnyxSignature(creds.accountId, req),
  parseIncomingCall: texml.parseIncomingCall,
  parseCallStatus: texml.parseCallStatus,
  parseDialResult,
  parseScreenLeg: texml.parseScreenLeg,
  parseRecording: texml.parseRecording,
  parseTranscription: texml.parseTranscription,
  parseIncomingText,
  parseTextStatus,

  renderCallPlan: (plan, webhookBase): WebhookResponse => ({
    status: 200,
    contentType: XML,
    body: renderCallPlan(plan, { webhookBase, voice: null }),
  }),
  // Messaging webhooks want only a 2xx; TeXML ones an XML document.
  acknowledge: (kind): WebhookResponse => (TEXML_KINDS.has(kind) ? { status: 200, contentType: XML, body: emptyTwiml() } : { status: 204 }),

  describeError: telnyxErrorMeaning,

  connect: (creds, options) => new TelnyxAccount(creds.secret, options.apiUrl, options.timeoutMs),
};
