/**
 * Issue 10 item 7: voicemail playback through Textback. The simulator's account enforces HTTP auth
 * on media (a plain GET of the RecordingUrl is 401, as on Twilio with "Enforce HTTP Auth on Media
 * URLs"); GET /api/v1/calls/:id/voicemail fetches it with the workspace's credentials and streams
 * the bytes with the carrier's content type to an API key or a signed-in member.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../accounts/browser-session.js';
import { newAccountSid, startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
const audio = randomBytes(2048);
let callId: string;

beforeAll(async () => {
  f = await startTwilioFixture();
  f.sim.enforceMediaAuth = true;
  number = await f.addNumber(f.ws, '+15550190001', { forwardTo: ['+15550109999'], voicemail: { enabled: true } });
  const trace = await f.call(f.ws, number, { scenario: 'no-answer', from: '+15550191111', voicemail: { leave: true, durationSeconds: 9 } });
  f.sim.addRecording(f.ws.accountSid, trace.recording!.sid, audio, 'audio/x-wav');
  const calls = await f.t.api('GET', '/api/v1/calls', { token: f.ws.apiKey });
  callId = calls.body.data.find((c: any) => c.from === '+15550191111').id;
});
afterAll(async () => f?.close());

describe('GET /api/v1/calls/:id/voicemail', () => {
  it('the recording itself is behind HTTP auth at the carrier', async () => {
    const call = await f.t.api('GET', `/api/v1/calls/${callId}`, { token: f.ws.apiKey });
    const direct = await fetch(call.body.voicemail.url.replace('https://api.twilio.com', f.sim.url));
    expect(direct.status).toBe(401);
  });

  it('streams the bytes with the carrier content type to an API key of the workspace', async () => {
    const res = await fetch(`${f.t.url}/api/v1/calls/${callId}/voicemail`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/x-wav');
    expect(Buffer.from(await res.arrayBuffer()).equals(audio)).toBe(true);
  });

  it('401 without credentials, 404 for another workspace', async () => {
    expect((await fetch(`${f.t.url}/api/v1/calls/${callId}/voicemail`)).status).toBe(401);
    const other = await f.addWorkspace('Rival');
    const res = await fetch(`${f.t.url}/api/v1/calls/${callId}/voicemail`, { headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(res.status).toBe(404);
  });

  it('plays for a signed-in member with only the session cookie (as an <audio> element sends), 404 for a non-member', async () => {
    const made = await f.t.api('POST', '/api/v1/workspaces', {
      token: f.t.adminToken,
      body: { name: 'vm', businessName: 'VM Plumbing', timezone: 'America/Chicago', owner: { email: 'vm@example.com', password: 'correct horse battery' } },
    });
    expect(made.status).toBe(201);
    const accountSid = newAccountSid();
    const authToken = randomBytes(16).toString('hex');
    f.sim.addAccount(accountSid, authToken);
    expect((await f.t.api('PUT', '/api/v1/carriers/twilio', { token: made.body.apiKey, body: { accountSid, authToken } })).status).toBe(200);
    const ws = { id: made.body.id, apiKey: made.body.apiKey, accountSid, authToken };
    const n = await f.addNumber(ws, '+15550190002', { forwardTo: ['+15550109999'], voicemail: { enabled: true } });
    const trace = await f.call(ws, n, { scenario: 'no-answer', from: '+15550192222', voicemail: { leave: true, durationSeconds: 4 } });
    f.sim.addRecording(accountSid, trace.recording!.sid, audio, 'audio/x-wav');
    const calls = await f.t.api('GET', '/api/v1/calls', { token: ws.apiKey });
    const id = calls.body.data[0].id;

    const browser = new Browser(f.t.url);
    expect((await browser.login('vm@example.com', 'correct horse battery')).status).toBe(200);
    const res = await fetch(`${f.t.url}/api/v1/calls/${id}/voicemail`, { headers: { cookie: `tb_session=${browser.cookie}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(audio)).toBe(true);
    // The same member cannot play the first workspace's call.
    const foreign = await fetch(`${f.t.url}/api/v1/calls/${callId}/voicemail`, { headers: { cookie: `tb_session=${browser.cookie}` } });
    expect(foreign.status).toBe(404);
  });
});
