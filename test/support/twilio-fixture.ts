/**
 * A Textback wired to the Twilio simulator: one workspace with Twilio credentials and a number,
 * and helpers to place calls through the call driver and inspect what was texted.
 */
import { randomBytes } from 'node:crypto';
import type { CallTrace, PlaceCallOptions } from './twilio-call-driver.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';
import { startTwilioSimulator, type TwilioSimulator } from './twilio-simulator.js';

export interface TwilioWorkspace {
  id: string;
  apiKey: string;
  accountSid: string;
  authToken: string;
}

export interface TwilioFixture {
  t: TestApp;
  sim: TwilioSimulator;
  ws: TwilioWorkspace;
  /** Adds a workspace with its own Twilio account on the simulator. */
  addWorkspace(businessName?: string): Promise<TwilioWorkspace>;
  /** Adds a Twilio number to a workspace (PATCHable settings in `settings`). */
  addNumber(ws: TwilioWorkspace, number: string, settings?: Record<string, unknown>): Promise<any>;
  /** Places a call to `to` as Twilio would, signed for `ws` (or another token to forge). */
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
  const sim = await startTwilioSimulator();
  const t = await startTestApp({ ...opts, env: { TWILIO_API_URL: sim.url, ...opts.env } });

  const addWorkspace = async (businessName = 'Acme Plumbing'): Promise<TwilioWorkspace> => {
    const w = await t.createWorkspace({ businessName, name: businessName });
    const accountSid = newAccountSid();
    const authToken = randomBytes(16).toString('hex');
    sim.addAccount(accountSid, authToken);
    const res = await t.api('PUT', '/api/v1/carriers/twilio', { token: w.apiKey, body: { accountSid, authToken } });
    if (res.status !== 200) throw new Error(`credentials: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...w, accountSid, authToken };
  };
  const ws = await addWorkspace();

  return {
    t,
    sim,
    ws,
    addWorkspace,
    async addNumber(w, number, settings = {}) {
      // A number must be on the workspace's connected account (number squatting guard).
      if (!sim.incomingNumbers(w.accountSid).some((n) => n.phoneNumber === number)) sim.addIncomingNumber(w.accountSid, number);
      const res = await t.api('POST', '/api/v1/phone-numbers', { token: w.apiKey, body: { number, carrier: 'twilio', name: 'Main line', ...settings } });
      if (res.status !== 201) throw new Error(`addNumber: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async call(w, number, o) {
      return sim.placeCall({
        accountSid: w.accountSid,
        authToken: w.authToken,
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
