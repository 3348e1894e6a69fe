/**
 * Connecting Telnyx through the API the dashboard uses: the API key checked against the v2 API and
 * stored encrypted, the public key validated, numbers listed and imported (assigned to a Textback
 * TeXML Application for calls and a messaging profile for texts, through the API), and an account whose
 * API key was deleted: the text-back waits with a readable reason and a banner, and goes out once the
 * owner saves a working key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarrierFixture, type TwilioFixture } from '../support/twilio-fixture.js';
import type { TelnyxSimulator } from '../support/telnyx-simulator.js';

let f: TwilioFixture<TelnyxSimulator>;

beforeAll(async () => {
  f = await startCarrierFixture('telnyx');
});
afterAll(async () => f?.close());

const creds = (o: Record<string, unknown> = {}) => ({ apiKey: f.ws.authToken, publicKey: f.ws.accountSid, ...o });

describe('connect Telnyx', () => {
  it('rejects an API key Telnyx refuses, naming apiKey; a malformed public key names publicKey; nothing is saved', async () => {
    const before = await f.t.runtime.ctx.db.selectFrom('carrier_accounts').selectAll().where('workspace_id', '=', f.ws.id).execute();
    const bad = await f.t.api('PUT', '/api/v1/carriers/telnyx', { token: f.ws.apiKey, body: creds({ apiKey: 'KEYwrong-wrong-wrong' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('apiKey');
    expect(bad.body.error.message).toMatch(/Telnyx rejected this API key/);
    const key = await f.t.api('PUT', '/api/v1/carriers/telnyx', { token: f.ws.apiKey, body: creds({ publicKey: 'not-a-key' }) });
    expect(key.status).toBe(400);
    expect(key.body.error.field).toBe('publicKey');
    const after = await f.t.runtime.ctx.db.selectFrom('carrier_accounts').selectAll().where('workspace_id', '=', f.ws.id).execute();
    expect(after).toEqual(before);
  });

  it('accepts a good key as verified and never returns it; it is stored encrypted', async () => {
    const res = await f.t.api('PUT', '/api/v1/carriers/telnyx', { token: f.ws.apiKey, body: creds() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: true, carrier: 'telnyx', accountSid: f.ws.accountSid });
    const list = await f.t.api('GET', '/api/v1/carriers', { token: f.ws.apiKey });
    expect(JSON.stringify(list.body)).not.toContain(f.ws.authToken);
    const row = await f.t.runtime.ctx.db.selectFrom('carrier_accounts').selectAll().where('carrier', '=', 'telnyx').where('workspace_id', '=', f.ws.id).executeTakeFirstOrThrow();
    expect(row.secret_ciphertext).not.toContain(f.ws.authToken);
  });

  it('lists the numbers and imports one: a Textback TeXML Application and messaging profile, reused for the next number', async () => {
    const id = f.sim.addIncomingNumber(f.ws.accountSid, '+15550100088', 'Front desk');
    const list = await f.t.api('GET', '/api/v1/carriers/telnyx/numbers', { token: f.ws.apiKey });
    expect(list.body.data).toEqual([expect.objectContaining({ sid: id, phoneNumber: '+15550100088', friendlyName: 'Front desk', voiceUrl: null, smsUrl: null, imported: false, webhooksPointHere: false })]);
    const refused = await f.t.api('POST', '/api/v1/carriers/telnyx/numbers/import', { token: f.ws.apiKey, body: { sid: id } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('forwardTo');
    const before = f.sim.requests.length;
    const imported = await f.t.api('POST', '/api/v1/carriers/telnyx/numbers/import', { token: f.ws.apiKey, body: { sid: id, forwardTo: ['+15550109999'] } });
    expect(imported.status).toBe(201);
    // The import looks the one number up and lists the applications and profiles once (it used to
    // list every number, application and profile, then the applications and profiles again).
    const gets = f.sim.requests.slice(before).filter((r) => r.method === 'GET').map((r) => r.path);
    expect(gets).toEqual([`/v2/phone_numbers/${id}`, '/v2/texml_applications', '/v2/messaging_profiles']);
    expect(imported.body).toMatchObject({ number: '+15550100088', carrier: 'telnyx' });

    const onTelnyx = f.sim.incomingNumbers(f.ws.accountSid).find((n) => n.id === id)!;
    expect(onTelnyx.voiceUrl).toBe(`${f.t.url}/webhooks/telnyx/voice`);
    expect(onTelnyx.statusCallback).toBe(`${f.t.url}/webhooks/telnyx/voice/status`);
    expect(onTelnyx.smsUrl).toBe(`${f.t.url}/webhooks/telnyx/sms`);
    expect(f.sim.texmlApplications(f.ws.accountSid)).toEqual([expect.objectContaining({ friendly_name: 'Textback', voice_method: 'post', status_callback_method: 'post' })]);
    expect(f.sim.messagingProfiles(f.ws.accountSid)).toEqual([expect.objectContaining({ name: 'Textback', webhook_api_version: '2' })]);
    // The list now shows where the number points, which is how the dashboard tells it is ready.
    const again = await f.t.api('GET', '/api/v1/carriers/telnyx/numbers', { token: f.ws.apiKey });
    expect(again.body.data[0]).toMatchObject({ voiceUrl: `${f.t.url}/webhooks/telnyx/voice`, smsUrl: `${f.t.url}/webhooks/telnyx/sms`, imported: true, webhooksPointHere: true });

    const second = f.sim.addIncomingNumber(f.ws.accountSid, '+15550100087');
    expect((await f.t.api('POST', '/api/v1/carriers/telnyx/numbers/import', { token: f.ws.apiKey, body: { sid: second, mode: 'forwarded' } })).status).toBe(201);
    expect(f.sim.texmlApplications(f.ws.accountSid)).toHaveLength(1);
    expect(f.sim.messagingProfiles(f.ws.accountSid)).toHaveLength(1);

    // A call to the imported number reaches Textback through the TeXML Application and is texted back.
    await f.sim.placeCall({ accountSid: f.ws.accountSid, from: '+15550101999', to: '+15550100088', scenario: 'no-answer' });
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === '+15550101999')).toHaveLength(1);
    expect(f.sim.requests.some((r) => r.method === 'POST' && r.path === '/v2/messages')).toBe(true);
  });

  it('a number on another Telnyx account cannot be added (number squatting guard)', async () => {
    const other = f.sim.createAccount('Someone else');
    const theirs = f.sim.addIncomingNumber(other.publicKey, '+15550100077');
    const res = await f.t.api('POST', '/api/v1/phone-numbers', { token: f.ws.apiKey, body: { number: '+15550100077', carrier: 'telnyx', name: 'Not mine', forwardTo: ['+15550109999'] } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    // Nor imported by its id: looked up with this workspace's key, the other account's number is not found.
    const imported = await f.t.api('POST', '/api/v1/carriers/telnyx/numbers/import', { token: f.ws.apiKey, body: { sid: theirs, forwardTo: ['+15550109999'] } });
    expect(imported.status).toBe(404);
    expect(f.sim.incomingNumbers(other.publicKey)[0]!.connectionId).toBeNull();
  });
});

describe('revoked credentials', () => {
  it('the text-back waits with a readable reason and a banner, nothing is lost, and it goes out once the key is fixed', async () => {
    const number = await f.addNumber(f.ws, '+15550100089', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const from = '+15550102222';
    f.sim.setAuthToken(f.ws.accountSid, 'KEYnew-after-the-old-one-was-deleted');
    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();
    f.t.clock.advance(60_000);
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(0);
    let call = (await f.t.api('GET', '/api/v1/calls?limit=50', { token: f.ws.apiKey })).body.data.find((c: any) => c.from === from);
    expect(call.textBack.status).toBe('pending');
    expect(call.textBack.reason).toMatch(/Telnyx rejected the API key/);
    let warnings = (await f.t.api('GET', '/api/v1/warnings', { token: f.ws.apiKey })).body.data;
    expect(warnings).toContainEqual({ id: 'carrier_credentials_rejected', message: expect.stringMatching(/^Telnyx rejected the saved credentials: 1 text is waiting/) });

    const fixed = await f.t.api('PUT', '/api/v1/carriers/telnyx', { token: f.ws.apiKey, body: creds({ apiKey: 'KEYnew-after-the-old-one-was-deleted' }) });
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
