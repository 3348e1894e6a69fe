/**
 * The missed call text back on Twilio, end to end over real HTTP: signed webhooks from the call
 * driver, the real `twilio` SDK sending to the simulator, a real database (the shared scenarios of
 * missed-call-scenarios.ts, plus the Twilio-only DialBridged cases).
 */
import { describeMissedCallScenarios } from './missed-call-scenarios.js';

describeMissedCallScenarios('twilio');
