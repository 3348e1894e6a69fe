/**
 * The phone simulator practising on a real carrier number (issue 11): an owner with a Twilio number
 * plays a caller from a fictional 555-01XX phone and sees the real number's text-back, agent, staff
 * replies and workflows answer in the simulator, while the Twilio simulator — the real Twilio REST
 * API as far as Textback knows — receives NOTHING: no text, no lookup, no notification to a staff
 * phone. Practice is left out of the overview's figures and cleared with the simulator's history;
 * STOP from the practice phone is honoured like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_KNOWLEDGE } from '../../src/agent/eval/sample-business.js';
import { startTwilioFixture, type TwilioFixture, type TwilioWorkspace } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
const STAFF = '+15550108071';

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100071', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  for (const entry of SAMPLE_KNOWLEDGE) expect((await f.t.api('POST', '/api/v1/knowledge', { token: f.ws.apiKey, body: entry })).status).toBe(201);
  expect((await f.t.api('PUT', '/api/v1/agent', { token: f.ws.apiKey, body: { enabled: true, model: { provider: 'builtin' }, debounceSeconds: 0 } })).status).toBe(200);
  // The line-type check is a paid Twilio lookup: on, to prove a practice call never makes one.
  expect((await f.t.api('PATCH', '/api/v1/workspace', { token: f.ws.apiKey, body: { staffNumbers: [STAFF], lineTypeCheck: { enabled: true } } })).status).toBe(200);
  // The new number's texting-readiness check (a Twilio read) runs now, before any practice.
  await f.t.drainJobs();
});
afterAll(async () => f?.close());

const api = (w: TwilioWorkspace, method: string, path: string, body?: unknown) => f.t.api(method, path, { token: w.apiKey, ...(body === undefined ? {} : { body }) });
const practiceCall = (w: TwilioWorkspace, to: string, from: string, outcome = 'no-answer') => api(w, 'POST', '/api/v1/sandbox/calls', { to, from, outcome });
const practiceText = (w: TwilioWorkspace, to: string, from: string, body: string) => api(w, 'POST', '/api/v1/sandbox/messages', { to, from, body });
const phoneThread = async (w: TwilioWorkspace, phone: string) => (await api(w, 'GET', `/api/v1/sandbox/messages?phone=${encodeURIComponent(phone)}`)).body.data as any[];
const conversationOf = async (w: TwilioWorkspace, phone: string) =>
  ((await api(w, 'GET', `/api/v1/conversations?q=${encodeURIComponent(phone.slice(2))}`)).body.data as any[]).find((c) => c.contact.phone === phone);
const callsFrom = async (w: TwilioWorkspace, phone: string) => ((await api(w, 'GET', '/api/v1/calls?limit=100')).body.data as any[]).filter((c) => c.from === phone);
/** What Twilio was asked to do: every REST request but the credential check the fixture made. */
const twilioWasAsked = () => f.sim.requests.filter((r) => !(r.method === 'GET' && /\/Accounts\/AC[0-9a-f]+\.json$/.test(r.path)));

async function settle() {
  await f.t.drainJobs();
  f.t.clock.advance(5_000);
  await f.t.drainJobs();
}

describe('a practice call to a Twilio number', () => {
  it('is texted back into the simulator, marked practice; Twilio receives nothing', async () => {
    f.sim.clear();
    const caller = '+15125550101';
    const call = await practiceCall(f.ws, number.number, caller);
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ outcome: 'missed', carrier: 'sandbox', to: number.number, phoneNumberId: number.id, practice: true, textBack: { status: 'pending' } });
    await settle();

    const thread = await phoneThread(f.ws, caller);
    expect(thread.map((m) => [m.direction, m.author, m.status, m.practice])).toEqual([['outbound', 'textback', 'delivered', true]]);
    expect(thread[0]).toMatchObject({ from: number.number, to: caller });
    expect(thread[0].body).toContain('Acme Plumbing');
    expect((await callsFrom(f.ws, caller))[0].textBack).toMatchObject({ status: 'sent', messageId: thread[0].id });
    const conversation = await conversationOf(f.ws, caller);
    expect(conversation).toMatchObject({ practice: true, phoneNumberId: number.id, lastMessage: { practice: true } });

    expect(f.sim.messages).toEqual([]);
    expect(twilioWasAsked()).toEqual([]);
  });

  it('the agent answers a practice text, and a staff reply goes to the simulator; Twilio receives nothing', async () => {
    f.sim.clear();
    const caller = '+15125550102';
    await practiceCall(f.ws, number.number, caller);
    await settle();
    const contact = (await api(f.ws, 'GET', `/api/v1/contacts?phone=${encodeURIComponent(caller)}`)).body.data[0];
    expect((await api(f.ws, 'POST', `/api/v1/contacts/${contact.id}/tags`, { tag: 'smschat_ai' })).status).toBe(201);

    expect((await practiceText(f.ws, number.number, caller, 'How much is your diagnostic fee?')).status).toBe(201);
    await settle();
    let thread = await phoneThread(f.ws, caller);
    expect(thread.map((m) => m.author)).toEqual(['textback', 'contact', 'agent']);
    expect(thread[2]).toMatchObject({ status: 'delivered', practice: true });
    expect(thread[2].body).toContain('$89');

    const conversation = await conversationOf(f.ws, caller);
    const reply = await api(f.ws, 'POST', `/api/v1/conversations/${conversation.id}/messages`, { body: 'We can come Tuesday at 9.' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ author: 'human', practice: true });
    await settle();
    thread = await phoneThread(f.ws, caller);
    expect(thread.map((m) => [m.author, m.status])).toEqual([['textback', 'delivered'], ['contact', 'received'], ['agent', 'delivered'], ['human', 'delivered']]);

    expect(f.sim.messages).toEqual([]);
    expect(twilioWasAsked()).toEqual([]);
  });

  it("a handoff's staff notification is recorded as practice, never texted to the staff phone", async () => {
    f.sim.clear();
    const caller = '+15125550103';
    await practiceCall(f.ws, number.number, caller);
    await settle();
    const contact = (await api(f.ws, 'GET', `/api/v1/contacts?phone=${encodeURIComponent(caller)}`)).body.data[0];
    await api(f.ws, 'POST', `/api/v1/contacts/${contact.id}/tags`, { tag: 'smschat_ai' });
    await practiceText(f.ws, number.number, caller, 'Can I talk to a real person please?');
    await settle();

    expect((await conversationOf(f.ws, caller)).needsReply).toMatchObject({ handoff: true });
    const staffConversation = await conversationOf(f.ws, STAFF);
    expect(staffConversation.practice).toBe(false);
    const notes = (await api(f.ws, 'GET', `/api/v1/conversations/${staffConversation.id}/messages?limit=50`)).body.data as any[];
    const aboutCaller = notes.filter((m) => m.body.includes('needs a person'));
    expect(aboutCaller).toHaveLength(1);
    expect(aboutCaller[0]).toMatchObject({ to: STAFF, author: 'system', status: 'delivered', practice: true });

    expect(f.sim.messages).toEqual([]);
    expect(twilioWasAsked()).toEqual([]);
  });

  it("plays the number's voicemail: the recording is the sandbox's, fetched from nowhere else", async () => {
    f.sim.clear();
    const line = await f.addNumber(f.ws, '+15550100073', { forwardTo: ['+15550109999'], voicemail: { enabled: true } });
    await f.t.drainJobs();
    f.sim.clear();
    const caller = '+15125550106';
    const call = await api(f.ws, 'POST', '/api/v1/sandbox/calls', { to: line.number, from: caller, outcome: 'voicemail', voicemailTranscript: 'My sink is leaking' });
    expect(call.body).toMatchObject({ outcome: 'voicemail', practice: true, voicemail: { transcript: 'My sink is leaking' } });
    const audio = await fetch(`${f.t.url}/api/v1/calls/${call.body.id}/voicemail`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await audio.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    await settle();
    expect((await phoneThread(f.ws, caller)).map((m) => m.author)).toEqual(['textback']);
    expect(f.sim.messages).toEqual([]);
    expect(twilioWasAsked()).toEqual([]);
  });

  it('STOP from the practice phone is honoured: confirmed once, then nothing is texted to it', async () => {
    f.sim.clear();
    const caller = '+15125550104';
    await practiceText(f.ws, number.number, caller, 'STOP');
    await settle();
    expect((await phoneThread(f.ws, caller)).map((m) => [m.author, m.practice])).toEqual([['contact', true], ['system', true]]);
    expect((await api(f.ws, 'GET', `/api/v1/contacts?phone=${encodeURIComponent(caller)}`)).body.data[0].optedOut).toBe(true);

    const call = await practiceCall(f.ws, number.number, caller);
    expect(call.body.textBack).toMatchObject({ status: 'skipped', reason: 'The caller opted out of texts' });
    const conversation = await conversationOf(f.ws, caller);
    const reply = await api(f.ws, 'POST', `/api/v1/conversations/${conversation.id}/messages`, { body: 'Are you sure?' });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('contact_opted_out');
    await settle();
    expect(await phoneThread(f.ws, caller)).toHaveLength(2);
    expect(f.sim.messages).toEqual([]);
    expect(twilioWasAsked()).toEqual([]);
  });

  it('refuses a caller outside the fictional 555-0100..0199 range with a 400 naming from, storing nothing', async () => {
    for (const from of ['+15125550200', '+15550107777', '+447700900123']) {
      const call = await practiceCall(f.ws, number.number, from);
      expect(call.status).toBe(400);
      expect(call.body.error.field).toBe('from');
      expect(call.body.error.message).toMatch(/555-0100 to 555-0199/);
      const text = await practiceText(f.ws, number.number, from, 'Hello');
      expect(text.status).toBe(400);
      expect(text.body.error.field).toBe('from');
      expect((await api(f.ws, 'GET', `/api/v1/contacts?phone=${encodeURIComponent(from)}`)).body.data).toEqual([]);
    }
    // A number that is not the workspace's is still a 404.
    expect((await practiceCall(f.ws, '+15550100079', '+15125550105')).status).toBe(404);
  });
});

describe('practice and the owner’s figures', () => {
  it('workflow texts are practice too; the overview leaves practice out; clearing removes it and keeps the real traffic', async () => {
    f.sim.clear();
    const w = await f.addWorkspace('Practice Plumbing');
    const line = await f.addNumber(w, '+15550100072', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const staff = '+15550108072';
    const workflow = await api(w, 'POST', '/api/v1/workflows', {
      name: 'Missed call follow-up',
      enabled: true,
      trigger: { type: 'call.missed' },
      actions: [
        { type: 'send_sms', body: 'A follow-up from {{business.name}}.' },
        { type: 'notify', to: [staff], body: 'Missed call: call them back' },
      ],
    });
    expect(workflow.status).toBe(201);

    const real = '+15550104071';
    await f.call(w, line, { scenario: 'no-answer', from: real });
    await settle();
    // The real caller is texted twice (text-back, workflow) and the staff phone once, through Twilio.
    expect(f.sim.messages.map((m) => m.to).sort()).toEqual([real, real, staff].sort());
    f.sim.clear();

    const practice = '+15125550111';
    expect((await practiceCall(w, line.number, practice)).body.practice).toBe(true);
    await settle();
    // The text-back and the workflow's text are written by two jobs that run at once: either may be first.
    expect((await phoneThread(w, practice)).map((m) => [m.author, m.practice]).sort()).toEqual([['textback', true], ['workflow', true]]);
    const staffMessages = (await api(w, 'GET', `/api/v1/conversations/${(await conversationOf(w, staff)).id}/messages?limit=50`)).body.data as any[];
    expect(staffMessages.map((m) => m.practice).sort()).toEqual([false, true]);
    expect(f.sim.messages).toEqual([]);
    expect(twilioWasAsked()).toEqual([]);

    const plain = (await api(w, 'GET', '/api/v1/stats/overview?days=7')).body;
    expect(plain.totals).toMatchObject({ missed: 1, texted: 1 });
    expect(plain.sandboxMissed).toBe(1);
    expect((await api(w, 'GET', '/api/v1/stats/overview?days=7&includeSandbox=true')).body.totals).toMatchObject({ missed: 2, texted: 2 });

    const cleared = await api(w, 'DELETE', '/api/v1/sandbox/history');
    expect(cleared.body).toEqual({ calls: 1, conversations: 1 });
    expect((await api(w, 'GET', '/api/v1/calls?limit=50')).body.data.map((c: any) => c.from)).toEqual([real]);
    expect(await phoneThread(w, practice)).toEqual([]);
    const db = f.t.runtime.ctx.db;
    expect(await db.selectFrom('messages').select('id').where('workspace_id', '=', w.id).where('practice', '=', 1).execute()).toEqual([]);
    expect(await db.selectFrom('calls').select('id').where('workspace_id', '=', w.id).where('practice', '=', 1).execute()).toEqual([]);
    // The staff phone's real conversation and its real notification stay; so do the real caller's texts.
    expect((await api(w, 'GET', `/api/v1/conversations/${(await conversationOf(w, staff)).id}/messages?limit=50`)).body.data.map((m: any) => m.practice)).toEqual([false]);
    expect((await api(w, 'GET', `/api/v1/conversations/${(await conversationOf(w, real)).id}/messages?limit=50`)).body.data).toHaveLength(2);
    const after = (await api(w, 'GET', '/api/v1/stats/overview?days=7&includeSandbox=true')).body;
    expect(after.totals).toMatchObject({ missed: 1, texted: 1 });
    expect(after.sandboxMissed).toBe(0);

    // The practice caller's cooldown went with its calls: practising again texts back again.
    const again = await practiceCall(w, line.number, practice);
    expect(again.body.textBack.status).toBe('pending');
    await settle();
    expect((await phoneThread(w, practice)).map((m) => m.author).sort()).toEqual(['textback', 'workflow']);
    expect(f.sim.messages).toEqual([]);
    expect(await db.selectFrom('jobs').select(['kind', 'last_error']).where('workspace_id', '=', w.id).where('status', '=', 'dead').execute()).toEqual([]);
  });

  it('a practice contact cannot be merged with a real one', async () => {
    // its own practice caller, so the test stands without the others
    expect((await practiceCall(f.ws, number.number, '+15125550112')).status).toBe(201);
    const practice = (await api(f.ws, 'GET', `/api/v1/contacts?phone=${encodeURIComponent('+15125550112')}`)).body.data[0];
    const real = await api(f.ws, 'POST', '/api/v1/contacts', { phone: '+15550104072', name: 'Real Person' });
    expect(real.status).toBe(201);
    // The contacts API says which is which (the dashboard shows a Practice badge from it).
    expect([practice.practice, real.body.practice]).toEqual([true, false]);
    expect((await api(f.ws, 'GET', `/api/v1/contacts/${practice.id}`)).body.practice).toBe(true);
    for (const [into, from] of [[real.body.id, practice.id], [practice.id, real.body.id]]) {
      const res = await api(f.ws, 'POST', `/api/v1/contacts/${into}/merge`, { from });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('from');
    }
  });
});
