/**
 * SignalWire behind the carrier port, through its Twilio-compatible Compatibility API (cXML, formerly
 * LaML): webhooks carry Twilio's parameter names (CallSid, DialCallStatus, MessageSid…), call control is
 * cXML (TwiML's verbs and attributes: <Dial answerOnBridge action>, <Number url>, <Record>), and the
 * REST API mirrors Twilio's 2010-04-01 resources under /api/laml. What differs, and is handled here:
 * - credentials: project id (a UUID, which the `twilio` SDK refuses), API token, the space's host, and
 *   the Signing Key that signs webhooks in X-SignalWire-Signature;
 * - `DialBridged` is not among the documented <Dial> action parameters: when it is absent the shared
 *   decision falls back to DialCallStatus with answerOnBridge, and screening counts only a key press,
 *   which is safe both ways (see docs/carriers.md);
 * - SignalWire does not document answering STOP/HELP for us, so Textback sends its own confirmations;
 * - error codes: its REST errors use Twilio-shaped bodies; codes are read with Twilio's table.
 */
import { z } from 'zod';
import type { CarrierAdapter, WebhookKind, WebhookResponse } from '../carrier.js';
import { twilioErrorMeaning } from '../twilio/twilio-error-codes.js';
import * as parse from '../twilio/twilio-webhooks.js';
import { emptyTwiml, renderCallPlan } from '../twilio/twiml.js';
import { SignalWireAccount } from './signalwire-rest-client.js';
import { isValidSignalWireSignature } from './signalwire-signature.js';

/** `acme.signalwire.com`, with or without https:// and a trailing slash. Only SignalWire's own hosts. */
const SPACE_HOST = /^(?:https:\/\/)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.signalwire\.com)\/?$/i;

export const signalwireCredentialsSchema = z.object({
  projectId: z.uuid({ message: 'must be the SignalWire project id (a UUID, shown under API Credentials)' }),
  apiToken: z.string().trim().min(10, 'must be a SignalWire API token (PT…)').max(200),
  spaceUrl: z
    .string()
    .trim()
    .regex(SPACE_HOST, 'must be your SignalWire space, such as acme.signalwire.com')
    .transform((v) => SPACE_HOST.exec(v)![1]!.toLowerCase()),
  signingKey: z.string().trim().min(10, 'must be the Signing Key shown under API Credentials (it signs webhooks)').max(200),
});

/** Webhooks that expect cXML back (an empty document means "do nothing more"). */
const CXML_KINDS = new Set<WebhookKind>(['incoming-call', 'dial-result', 'screen', 'screen-answer', 'recording', 'incoming-text']);
const CXML = 'text/xml';

export const signalwireCarrier: CarrierAdapter = {
  name: 'signalwire',
  displayName: 'SignalWire',
  numbersBelongToAccount: true,
  handlesKeywords: false,
  secretField: 'apiToken',
  credentialsSchema: signalwireCredentialsSchema,

  parseCredentials(body) {
    const c = signalwireCredentialsSchema.parse(body);
    return { accountId: c.projectId, secret: c.apiToken, extra: { spaceUrl: c.spaceUrl, signingKey: c.signingKey } };
  },

  verifyWebhook: (req, creds) => isValidSignalWireSignature(creds.extra?.signingKey ?? '', req),
  parseIncomingCall: parse.parseIncomingCall,
  parseCallStatus: parse.parseCallStatus,
  parseDialResult: parse.parseDialResult,
  parseScreenLeg: parse.parseScreenLeg,
  parseRecording: parse.parseRecording,
  parseTranscription: parse.parseTranscription,
  parseIncomingText: (req) => {
    // OptOutType is a Twilio Advanced Opt-Out parameter: ignore it rather than trust it here.
    const { carrierKeyword: _ignored, ...text } = parse.parseIncomingText(req);
    return text;
  },
  parseTextStatus: parse.parseTextStatus,

  renderCallPlan: (plan, webhookBase): WebhookResponse => ({
    status: 200,
    contentType: CXML,
    body: renderCallPlan(plan, { webhookBase, voice: null }),
  }),
  acknowledge: (kind): WebhookResponse => (CXML_KINDS.has(kind) ? { status: 200, contentType: CXML, body: emptyTwiml() } : { status: 204 }),

  describeError: (code) => {
    const m = twilioErrorMeaning(code);
    return { ...m, meaning: m.meaning.replace(/^Twilio error/, 'SignalWire error').replace(/Twilio/g, 'SignalWire') };
  },

  connect: (creds, options) =>
    new SignalWireAccount(
      { projectId: creds.accountId, apiToken: creds.secret, spaceHost: creds.extra?.spaceUrl ?? '' },
      options.apiUrl,
      options.timeoutMs,
    ),
};
