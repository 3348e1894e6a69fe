/**
 * Connecting SignalWire through the API the dashboard uses: credentials checked against the
 * Compatibility API and stored encrypted, numbers listed and imported with their webhooks set through
 * the API, and a project whose API token was revoked: the text-back waits with a readable reason and
 * goes out once the owner saves working credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarrierFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;

beforeAll(async () => {
  f = await startCarrierFixture('signalwire');
});
afterAll(async () => f?.close());

const creds = (o: Record<string, unknown> = {}) => ({
  projectId: f.ws.accountSid,
  apiToken: f.ws.authToken,
  spaceUrl: 'acme-test.signalwire.com',
  signingKey: f.ws.webhookKey!,
  ...o,
});

describe('connect SignalWire', () => {
  it('rejects an API token SignalWire refuses, naming apiToken; a space outside signalwire.com names spaceUrl', async () => {
    const bad = await f.t.api('PUT', '/api/v1/carriers/signalwire', { token: f.ws.apiKey, body: creds({ apiToken: 'PTwrong-wrong-wrong' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('apiToken');
    const space = await f.t.api('PUT', '/api/v1/carriers/signalwire', { token: f.ws.apiKey, body: creds({ spaceUrl: 'http://127.0.0.1:9' }) });
    expect(space.status).toBe(400);
    expect(space.body.error.field).toBe('spaceUrl');
  });

  it('accepts good credentials as verified and never returns the token or signing key', async () => {
    const res = await f.t.api('PUT', '/api/v1/carriers/signalwire', { token: f.ws.apiKey, body: creds() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: true, carrier: 'signalwire', accountSid: f.ws.accountSid });
    const list = await f.t.api('GET', '/api/v1/carriers', { token: f.ws.apiKey });
    expect(JSON.stringify(list.body)).not.toContain(f.ws.authToken);
    expect(JSON.stringify(list.body)).not.toContain(f.ws.webhookKey!);
    const row = await f.t.runtime.ctx.db.selectFrom('carrier_accounts').selectAll().where('carrier', '=', 'signalwire').where('workspace_id', '=', f.ws.id).executeTakeFirstOrThrow();
    expect(`${row.secret_ciphertext}${row.extra_ciphertext}`).not.toContain(f.ws.webhookKey!);
    expect(`${row.secret_ciphertext}${row.extra_ciphertext}`).not.toContain('acme-test');
  });

  it('lists the project numbers and imports one, setting its webhooks through the Compatibility API', async () => {
    const sid = f.sim.addIncomingNumber(f.ws.accountSid, '+15550100088', 'Front desk');
    const list = await f.t.api('GET', '/api/v1/carriers/signalwire/numbers', { token: f.ws.apiKey });
    expect(list.body.data).toEqual([expect.objectContaining({ sid, phoneNumber: '+15550100088', friendlyName: 'Front desk', imported: false, webhooksPointHere: false })]);
    const refused = await f.t.api('POST', '/api/v1/carriers/signalwire/numbers/import', { token: f.ws.apiKey, body: { sid } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('forwardTo');
    const imported = await f.t.api('POST', '/api/v1/carriers/signalwire/numbers/import', { token: f.ws.apiKey, body: { sid, forwardTo: ['+15550109999'] } });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ number: '+15550100088', carrier: 'signalwire' });
    const onSignalWire = f.sim.incomingNumbers(f.ws.accountSid).find((n) => n.sid === sid)!;
    expect(onSignalWire.voiceUrl).toBe(`${f.t.url}/webhooks/signalwire/voice`);
    expect(onSignalWire.statusCallback).toBe(`${f.t.url}/webhooks/signalwire/voice/status`);
    expect(onSignalWire.smsUrl).toBe(`${f.t.url}/webhooks/signalwire/sms`);
    const listed = async () => (await f.t.api('GET', '/api/v1/carriers/signalwire/numbers', { token: f.ws.apiKey })).body.data[0];
    expect(await listed()).toMatchObject({ imported: true, webhooksPointHere: true });
    // Another installation's URL with the same path is not this Textback: the server compares whole URLs.
    const ours = onSignalWire.voiceUrl;
    onSignalWire.voiceUrl = 'https://old-textback.example.com/webhooks/signalwire/voice';
    expect(await listed()).toMatchObject({ imported: true, webhooksPointHere: false });
    onSignalWire.voiceUrl = ours;
    expect(await listed()).toMatchObject({ webhooksPointHere: true });

    await f.sim.placeCall({ accountSid: f.ws.accountSid, from: '+15550101999', to: '+15550100088', scenario: 'no-answer' });
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === '+15550101999')).toHaveLength(1);
    // The request went to SignalWire's path with SignalWire ids.
    expect(f.sim.requests.some((r) => r.method === 'POST' && r.path === `/api/laml/2010-04-01/Accounts/${f.ws.accountSid}/Messages.json`)).toBe(true);
  });
});

describe('revoked credentials', () => {
  it('the text-back waits with a readable reason, nothing is lost, and it goes out once the credentials are fixed', async () => {
    const number = await f.addNumber(f.ws, '+15550100089', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const from = '+15550102222';
    f.sim.setAuthToken(f.ws.accountSid, 'PTrotated-in-the-signalwire-dashboard');
    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();
    f.t.clock.advance(60_000);
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(0);
    let call = (await f.t.api('GET', '/api/v1/calls?limit=50', { token: f.ws.apiKey })).body.data.find((c: any) => c.from === from);
    expect(call.textBack.status).toBe('pending');
    expect(call.textBack.reason).toMatch(/SignalWire rejected the project id and API token/);
    // The dashboard's banner (GET /api/v1/warnings, shown on the overview) says texts are waiting.
    let warnings = (await f.t.api('GET', '/api/v1/warnings', { token: f.ws.apiKey })).body.data;
    expect(warnings).toContainEqual({ id: 'carrier_credentials_rejected', message: expect.stringMatching(/^SignalWire rejected the saved credentials: 1 text is waiting/) });

    // The owner pastes the new token; the next retry sends the text once.
    const fixed = await f.t.api('PUT', '/api/v1/carriers/signalwire', { token: f.ws.apiKey, body: creds({ apiToken: 'PTrotated-in-the-signalwire-dashboard' }) });
    expect(fixed.status).toBe(200);
    f.t.clock.advance(16 * 60_000);
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
    call = (await f.t.api('GET', '/api/v1/calls?limit=50', { token: f.ws.apiKey })).body.data.find((c: any) => c.from === from);
    expect(call.textBack).toMatchObject({ status: 'sent', reason: null });
    warnings = (await f.t.api('GET', '/api/v1/warnings', { token: f.ws.apiKey })).body.data;
    expect(warnings.map((w: { id: string }) => w.id)).not.toContain('carrier_credentials_rejected');
  });
});
