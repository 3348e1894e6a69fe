/**
 * The offline flow on the built-in sandbox carrier: a simulated missed call is texted back, the
 * caller's reply lands in the conversation and the agent answers it — the same services as Twilio,
 * no network at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_KNOWLEDGE } from '../../src/agent/eval/sample-business.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let ws: { id: string; apiKey: string };
let number: any;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.createWorkspace();
  const res = await t.api('POST', '/api/v1/phone-numbers', {
    token: ws.apiKey,
    body: { number: '+15550100001', carrier: 'sandbox', name: 'Demo', forwardTo: ['+15550109999'], voicemail: { enabled: true } },
  });
  number = res.body;
  for (const entry of SAMPLE_KNOWLEDGE) await t.api('POST', '/api/v1/knowledge', { token: ws.apiKey, body: entry });
  await t.api('PUT', '/api/v1/agent', { token: ws.apiKey, body: { enabled: true, debounceSeconds: 0 } });
});
afterAll(async () => t?.close());

const phoneThread = async (phone: string) =>
  (await t.api('GET', `/api/v1/sandbox/messages?phone=${encodeURIComponent(phone)}`, { token: ws.apiKey })).body.data as any[];

describe('sandbox carrier', () => {
  it('texts back a missed call, and the agent answers the reply of a tagged contact', async () => {
    const caller = '+15550107777';
    const call = await t.api('POST', '/api/v1/sandbox/calls', {
      token: ws.apiKey,
      body: { to: number.number, from: caller, outcome: 'voicemail', voicemailTranscript: 'My sink is leaking' },
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ outcome: 'voicemail', carrier: 'sandbox', textBack: { status: 'pending' } });
    expect(call.body.voicemail.transcript).toBe('My sink is leaking');
    const audio = await fetch(call.body.voicemail.url);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await audio.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    await t.drainJobs();

    let thread = await phoneThread(caller);
    expect(thread.map((m) => [m.direction, m.author])).toEqual([['outbound', 'textback']]);
    expect(thread[0].body).toContain('Acme Plumbing');
    expect(thread[0].status).toBe('delivered');

    const contact = (await t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(caller)}`, { token: ws.apiKey })).body.data[0];
    await t.api('POST', `/api/v1/contacts/${contact.id}/tags`, { token: ws.apiKey, body: { tag: 'smschat_ai' } });
    await t.api('POST', '/api/v1/sandbox/messages', { token: ws.apiKey, body: { to: number.number, from: caller, body: 'How much is your diagnostic fee?' } });
    await t.drainJobs();

    thread = await phoneThread(caller);
    expect(thread.map((m) => m.author)).toEqual(['textback', 'contact', 'agent']);
    expect(thread[2].body).toContain('$89');
  });

  it('answered calls are not texted; STOP is confirmed once by Textback itself', async () => {
    const caller = '+15550107778';
    const answered = await t.api('POST', '/api/v1/sandbox/calls', { token: ws.apiKey, body: { to: number.number, from: caller, outcome: 'answered' } });
    expect(answered.body.outcome).toBe('answered');
    await t.drainJobs();
    expect(await phoneThread(caller)).toEqual([]);

    await t.api('POST', '/api/v1/sandbox/messages', { token: ws.apiKey, body: { to: number.number, from: caller, body: 'STOP' } });
    await t.drainJobs();
    const thread = await phoneThread(caller);
    expect(thread.map((m) => m.author)).toEqual(['contact', 'system']);
    expect(thread[1].body).toContain('unsubscribed');

    await t.api('POST', '/api/v1/sandbox/calls', { token: ws.apiKey, body: { to: number.number, from: caller, outcome: 'no-answer' } });
    await t.drainJobs();
    expect(await phoneThread(caller)).toHaveLength(2);
  });

  it('a call to a Twilio number is practice: only from a fictional 555-01XX phone (test/missed-call/practice-calls.test.ts)', async () => {
    await t.api('POST', '/api/v1/phone-numbers', { token: ws.apiKey, body: { number: '+15550100002', carrier: 'twilio' } });
    const res = await t.api('POST', '/api/v1/sandbox/calls', { token: ws.apiKey, body: { to: '+15550100002', from: '+15550107779', outcome: 'no-answer' } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('from');
    expect((await t.api('GET', '/api/v1/calls?limit=50', { token: ws.apiKey })).body.data.filter((c: any) => c.from === '+15550107779')).toEqual([]);
  });

  it('a call to a sandbox number is not practice, from any phone', async () => {
    const call = await t.api('POST', '/api/v1/sandbox/calls', { token: ws.apiKey, body: { to: number.number, from: '+15550107780', outcome: 'no-answer' } });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ carrier: 'sandbox', practice: false });
  });
});
