/**
 * A Textback wired to a carrier simulator (Twilio, SignalWire's Twilio-compatible API, or Telnyx): one
 * workspace with the carrier's credentials and helpers to add numbers, place calls through the call
 * driver and inspect what was texted. The same missed-call scenarios run against each carrier.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { CallTrace, PlaceCallOptions } from './twilio-call-driver.js';
import { startSignalWireSimulator } from './signalwire-simulator.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';
import { startTelnyxSimulator, type TelnyxSimulator } from './telnyx-simulator.js';
import { startTwilioSimulator, type TwilioSimulator } from './twilio-simulator.js';

export type SimulatedCarrier = 'twilio' | 'signalwire' | 'telnyx';

/** What the shared scenarios and account tests use of a carrier simulator (each simulator has it). */
export interface CarrierSimulatorApi {
  url: string;
  /** Emits `received` ({method, path}) as each REST request arrives, and `message` for each text created. */
  readonly events: EventEmitter;
  readonly messages: ReadonlyArray<{ sid: string; from: string | null; to: string; body: string; accountSid: string; direction: string }>;
  readonly requests: ReadonlyArray<{ method: string; path: string }>;
  clear(): void;
  failNext(n: number, fault: { status: 500 | 503 | 429 | 400; code?: number; message?: string } | { acceptThenDrop: true } | { drop: true } | { delayMs: number }): void;
  waitForMessages(count: number, opts?: { timeoutMs?: number }): Promise<unknown[]>;
  sendInboundSms(o: { accountSid: string; from: string; to: string; body: string; smsUrl?: string }): Promise<{ statusCode: number; body: string }>;
  placeCall(o: Omit<PlaceCallOptions, 'authToken' | 'voiceUrl'> & Partial<Pick<PlaceCallOptions, 'authToken' | 'voiceUrl'>>): Promise<CallTrace>;
  addIncomingNumber(accountSid: string, phoneNumber: string, name?: string): string;
  incomingNumbers(accountSid: string): Array<{ sid: string; phoneNumber: string; voiceUrl: string; statusCallback: string; smsUrl: string }>;
  setAuthToken(accountSid: string, token: string): void;
  close(): Promise<void>;
}

export interface TwilioWorkspace {
  id: string;
  apiKey: string;
  /** The carrier's account id (Twilio Account SID, SignalWire project id). */
  accountSid: string;
  /** The REST API secret (Twilio auth token, SignalWire API token). */
  authToken: string;
  /** What signs the carrier's webhooks (Twilio: the auth token, the default; SignalWire: the Signing Key). */
  webhookKey?: string;
}

export interface TwilioFixture<S extends CarrierSimulatorApi = TwilioSimulator> {
  carrier: SimulatedCarrier;
  t: TestApp;
  sim: S;
  ws: TwilioWorkspace;
  /** Adds a workspace with its own account on the simulator. */
  addWorkspace(businessName?: string): Promise<TwilioWorkspace>;
  /** Adds a number on this carrier to a workspace (PATCHable settings in `settings`). */
  addNumber(ws: TwilioWorkspace, number: string, settings?: Record<string, unknown>): Promise<any>;
  /** Places a call to `to` as the carrier would, signed for `ws` (pass `authToken` to sign with another key). */
  call(
    ws: TwilioWorkspace,
    number: any,
    opts: Partial<PlaceCallOptions> & Pick<PlaceCallOptions, 'scenario'>,
  ): Promise<CallTrace>;
  close(): Promise<void>;
}

export function newAccountSid(): string {
  return `AC${randomBytes(16).toString('hex')}`;
}

export async function startTwilioFixture(opts: TestAppOptions = {}): Promise<TwilioFixture> {
  return startCarrierFixture('twilio', opts);
}

export async function startCarrierFixture(carrier: 'twilio' | 'signalwire', opts?: TestAppOptions): Promise<TwilioFixture>;
export async function startCarrierFixture(carrier: 'telnyx', opts?: TestAppOptions): Promise<TwilioFixture<TelnyxSimulator>>;
export async function startCarrierFixture(carrier: SimulatedCarrier, opts?: TestAppOptions): Promise<TwilioFixture<CarrierSimulatorApi>>;
export async function startCarrierFixture(carrier: SimulatedCarrier, opts: TestAppOptions = {}): Promise<TwilioFixture<CarrierSimulatorApi>> {
  if (carrier === 'telnyx') return startTelnyxFixture(opts);
  const sim = carrier === 'twilio' ? await startTwilioSimulator() : await startSignalWireSimulator();
  const apiEnv: Record<string, string> = carrier === 'twilio' ? { TWILIO_API_URL: sim.url } : { SIGNALWIRE_API_URL: sim.url };
  const t = await startTestApp({ ...opts, env: { ...apiEnv, ...opts.env } });

  const addWorkspace = async (businessName = 'Acme Plumbing'): Promise<TwilioWorkspace> => {
    const w = await t.createWorkspace({ businessName, name: businessName });
    if (carrier === 'twilio') {
      const accountSid = newAccountSid();
      const authToken = randomBytes(16).toString('hex');
      sim.addAccount(accountSid, authToken);
      const res = await t.api('PUT', '/api/v1/carriers/twilio', { token: w.apiKey, body: { accountSid, authToken } });
      if (res.status !== 200) throw new Error(`credentials: ${res.status} ${JSON.stringify(res.body)}`);
      return { ...w, accountSid, authToken, webhookKey: authToken };
    }
    const projectId = randomUUID();
    const apiToken = `PT${randomBytes(24).toString('hex')}`;
    const signingKey = `PSK_${randomBytes(16).toString('hex')}`;
    sim.addAccount(projectId, apiToken, businessName, signingKey);
    const res = await t.api('PUT', '/api/v1/carriers/signalwire', {
      token: w.apiKey,
      body: { projectId, apiToken, spaceUrl: 'https://acme-test.signalwire.com', signingKey },
    });
    if (res.status !== 200) throw new Error(`credentials: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...w, accountSid: projectId, authToken: apiToken, webhookKey: signingKey };
  };
  const ws = await addWorkspace();

  return {
    carrier,
    t,
    sim,
    ws,
    addWorkspace,
    async addNumber(w, number, settings = {}) {
      // A number must be on the workspace's connected account (number squatting guard).
      if (!sim.incomingNumbers(w.accountSid).some((n) => n.phoneNumber === number)) sim.addIncomingNumber(w.accountSid, number);
      const res = await t.api('POST', '/api/v1/phone-numbers', { token: w.apiKey, body: { number, carrier, name: 'Main line', ...settings } });
      if (res.status !== 201) throw new Error(`addNumber: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async call(w, number, o) {
      return sim.placeCall({
        accountSid: w.accountSid,
        authToken: w.webhookKey ?? w.authToken,
        from: '+15550101234',
        to: number.number,
        voiceUrl: number.webhooks.voiceUrl,
        statusCallbackUrl: number.webhooks.voiceStatusUrl,
        ...o,
      });
    },
    async close() {
      await t.close();
      await sim.close();
    },
  };
}

/**
 * Telnyx: the account's id is its webhook public key (API keys name no account); the simulator signs
 * every webhook with the matching private key, on the app's own clock (Telnyx signatures expire).
 */
async function startTelnyxFixture(opts: TestAppOptions): Promise<TwilioFixture<TelnyxSimulator>> {
  const sim = await startTelnyxSimulator();
  const t = await startTestApp({ ...opts, env: { TELNYX_API_URL: sim.url, ...opts.env } });
  sim.now = () => new Date(t.clock.now());

  const addWorkspace = async (businessName = 'Acme Plumbing'): Promise<TwilioWorkspace> => {
    const w = await t.createWorkspace({ businessName, name: businessName });
    const { publicKey, apiKey } = sim.createAccount(businessName);
    const res = await t.api('PUT', '/api/v1/carriers/telnyx', { token: w.apiKey, body: { apiKey, publicKey } });
    if (res.status !== 200) throw new Error(`credentials: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...w, accountSid: publicKey, authToken: apiKey, webhookKey: publicKey };
  };
  const ws = await addWorkspace();

  return {
    carrier: 'telnyx',
    t,
    sim,
    ws,
    addWorkspace,
    async addNumber(w, number, settings = {}) {
      if (!sim.incomingNumbers(w.accountSid).some((n) => n.phoneNumber === number)) sim.addIncomingNumber(w.accountSid, number);
      const res = await t.api('POST', '/api/v1/phone-numbers', { token: w.apiKey, body: { number, carrier: 'telnyx', name: 'Main line', ...settings } });
      if (res.status !== 201) throw new Error(`addNumber: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async call(w, number, o) {
      return sim.placeCall({
        accountSid: w.accountSid,
        authToken: w.webhookKey,
        from: '+15550101234',
        to: number.number,
        voiceUrl: number.webhooks.voiceUrl,
        statusCallbackUrl: number.webhooks.voiceStatusUrl,
        ...o,
      });
    },
    async close() {
      await t.close();
      await sim.close();
    },
  };
}
