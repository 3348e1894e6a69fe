/**
 * The missed call text back on Telnyx (TeXML calls, v2 Messaging API), end to end over real HTTP:
 * every webhook signed with Ed25519 by the account's own key pair on the app's clock, TeXML call
 * webhooks with Twilio's parameter names and no DialBridged, `v3:` call ids, JSON messaging events,
 * the Telnyx REST client sending to the simulator's /v2/messages, a real database. Same scenarios as
 * Twilio and SignalWire (missed-call-scenarios.ts).
 */
import { describeMissedCallScenarios } from './missed-call-scenarios.js';

describeMissedCallScenarios('telnyx');
