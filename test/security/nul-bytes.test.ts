/**
 * Issue 15, item 6: NUL characters (\u0000), which PostgreSQL text cannot hold. From a user (a
 * contact name, a search, a path id, knowledge, a staff reply) they are refused with a 400 naming
 * the field and nothing is stored; from a carrier (an inbound text, a voicemail transcription)
 * the text is stored without them, never lost. Runs on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postTwilioWebhook } from '../support/twilio-webhook-client.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
let conversationId: string;
const CALLER = '+15550106666';

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: [], voicemail: { enabled: true, transcribe: true } });
  const contact = await f.t.api('POST', '/api/v1/contacts', { token: f.ws.apiKey, body: { phone: CALLER, name: 'Nora' } });
  expect(contact.status).toBe(201);
  const sms = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CALLER, to: number.number, body: 'hello', smsUrl: number.webhooks.smsUrl });
  expect(sms.statusCode).toBe(200);
  const convs = await f.t.api('GET', `/api/v1/conversations?contactId=${contact.body.id}`, { token: f.ws.apiKey });
  conversationId = convs.body.data[0].id;
});
afterAll(async () => f?.close());

describe('user input with a NUL: 400 naming the field, nothing stored', () => {
  const cases: Array<[what: string, method: string, path: () => string, body: unknown, field: string]> = [
    ['a contact name', 'POST', () => '/api/v1/contacts', { phone: '+15550107777', name: 'Eve\u0000l' }, 'name'],
    ['a contact update', 'PATCH', () => '/api/v1/contacts/%00', undefined, 'id'],
    ['a search', 'GET', () => '/api/v1/contacts?q=a%00b', undefined, 'q'],
    ['a path id', 'GET', () => '/api/v1/contacts/ct_%00', undefined, 'id'],
    ['a conversation path id', 'GET', () => '/api/v1/conversations/%00/messages', undefined, 'id'],
    ['knowledge', 'POST', () => '/api/v1/knowledge', { title: 'Hours', content: 'Open 9\u0000 to 5' }, 'content'],
    ['a staff reply', 'POST', () => `/api/v1/conversations/${conversationId}/messages`, { body: 'On my way\u0000' }, 'body'],
    ['a nested field', 'PUT', () => '/api/v1/agent', { activeTags: ['ok', 'b\u0000d'] }, 'activeTags.1'],
    ['an object key', 'PATCH', () => '/api/v1/workspace', { ['name\u0000']: 'x' }, 'name\\u0000'],
  ];
  it.each(cases)('%s', async (_what, method, path, body, field) => {
    const res = await f.t.api(method, path(), { token: f.ws.apiKey, body: body ?? (method === 'PATCH' ? {} : undefined) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
    expect(res.body.error.message).toContain('NUL');
  });

  it('stored none of it', async () => {
    const db = f.t.runtime.ctx.db;
    expect(await db.selectFrom('contacts').select('phone').where('phone', '=', '+15550107777').execute()).toEqual([]);
    expect(await db.selectFrom('knowledge_entries').select('id').execute()).toEqual([]);
    const outbound = await db.selectFrom('messages').select('body').where('direction', '=', 'outbound').execute();
    expect(outbound).toEqual([]);
  });
});

describe('carrier input with a NUL: stored without it', () => {
  it('an inbound text', async () => {
    const sms = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CALLER, to: number.number, body: 'Can you\u0000 come today?', smsUrl: number.webhooks.smsUrl });
    expect(sms.statusCode).toBe(200);
    const row = await f.t.runtime.ctx.db.selectFrom('messages').select('body').where('carrier_message_id', '=', sms.messageSid).executeTakeFirst();
    expect(row).toEqual({ body: 'Can you come today?' });
  });

  it('a voicemail transcription', async () => {
    const sid = `CA${'b'.repeat(32)}`;
    const voice = await postTwilioWebhook(
      number.webhooks.voiceUrl,
      { AccountSid: f.ws.accountSid, CallSid: sid, From: CALLER, To: number.number, CallStatus: 'ringing', Direction: 'inbound' },
      { authToken: f.ws.authToken },
    );
    expect(voice.statusCode).toBe(200);
    const call = await f.t.runtime.ctx.db.selectFrom('calls').select('id').where('carrier_call_id', '=', sid).executeTakeFirstOrThrow();
    const res = await postTwilioWebhook(
      `${f.t.url}/webhooks/twilio/voice/transcription?call=${call.id}`,
      { AccountSid: f.ws.accountSid, CallSid: sid, TranscriptionText: 'Please\u0000 call me back', TranscriptionStatus: 'completed', RecordingSid: `RE${'c'.repeat(32)}` },
      { authToken: f.ws.authToken },
    );
    expect(res.statusCode).toBe(204);
    const row = await f.t.runtime.ctx.db.selectFrom('calls').select('voicemail_transcript').where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(row.voicemail_transcript).toBe('Please call me back');
  });
});
