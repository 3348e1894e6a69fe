/**
 * SignalWire's Compatibility API (cXML / LaML) as the tests see it: the Twilio simulator speaking
 * SignalWire's dialect. What differs from Twilio, from SignalWire's docs:
 * - the REST API lives under `https://<space>.signalwire.com/api/laml/2010-04-01/Accounts/<project>/…`
 *   with Basic auth project id : API token (developer.signalwire.com/compatibility-api);
 * - ids are UUIDs (project, CallSid, MessageSid, phone number sid);
 * - webhooks are signed with the project's Signing Key in `X-SignalWire-Signature` (same HMAC-SHA1
 *   scheme as Twilio's; developer.signalwire.com/guides/webhook-security);
 * - the <Dial> action's documented parameters do not include `DialBridged`, so it is never sent.
 * Payload parameter names are Twilio's (CallSid, From, To, CallStatus, DialCallStatus, RecordingUrl,
 * MessageSid, MessageStatus, Body, NumMedia…), as cXML documents them.
 */
import { randomUUID } from 'node:crypto';
import { startTwilioSimulator, type SimDialect, type TwilioSimulator, type TwilioSimulatorOptions } from './twilio-simulator.js';

export const SIGNALWIRE_DIALECT: SimDialect = {
  name: 'signalwire',
  apiPrefix: '/api/laml',
  signatureHeader: 'X-SignalWire-Signature',
  sid: () => randomUUID(),
  sendsDialBridged: false,
};

export function startSignalWireSimulator(opts: Omit<TwilioSimulatorOptions, 'dialect'> = {}): Promise<TwilioSimulator> {
  return startTwilioSimulator({ ...opts, dialect: SIGNALWIRE_DIALECT });
}
