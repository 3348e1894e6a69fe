/**
 * The carriers Textback knows, by name. Adding a carrier: a folder under src/carriers/<name>/
 * exporting a `CarrierAdapter`, one line here (see docs/carriers.md).
 */
import type { CarrierAdapter } from './carrier.js';
import { sandboxCarrier } from './sandbox/sandbox-carrier.js';
import { signalwireCarrier } from './signalwire/signalwire-carrier.js';
import { telnyxCarrier } from './telnyx/telnyx-carrier.js';
import { twilioCarrier } from './twilio/twilio-carrier.js';

const CARRIERS: Record<string, CarrierAdapter> = {
  [twilioCarrier.name]: twilioCarrier,
  [signalwireCarrier.name]: signalwireCarrier,
  [sandboxCarrier.name]: sandboxCarrier,
  [telnyxCarrier.name]: telnyxCarrier,
};

/** Every registered carrier's name (the `carrier` values the API accepts). */
export const carrierNames = (): string[] => Object.keys(CARRIERS);

/** The adapter for `name`, or undefined for a name no carrier has. */
export function findCarrier(name: string): CarrierAdapter | undefined {
  return Object.hasOwn(CARRIERS, name) ? CARRIERS[name] : undefined;
}

/** The adapter for `name`; throws for an unknown name (a bug or a stale row, never user input). */
export function getCarrier(name: string): CarrierAdapter {
  const c = findCarrier(name);
  if (!c) throw new Error(`Unknown carrier "${name}"`);
  return c;
}

/** Every carrier whose numbers live in an account the workspace connects (all but the sandbox). */
export const accountCarriers = (): CarrierAdapter[] => Object.values(CARRIERS).filter((c) => c.numbersBelongToAccount);
