/**
 * The missed call text back on SignalWire (Compatibility API / cXML), end to end over real HTTP:
 * webhooks signed with the project's Signing Key in X-SignalWire-Signature, no DialBridged on dial
 * results, UUID ids, the SignalWire REST client sending to the simulator under /api/laml, a real
 * database. Same scenarios as Twilio (missed-call-scenarios.ts).
 */
import { describeMissedCallScenarios } from './missed-call-scenarios.js';

describeMissedCallScenarios('signalwire');
