/**
 * Issue 15, item 3: a webhook acts only inside the workspace that signed it. Workspace B, signing
 * correctly with its own auth token for its own number, names workspace A's CallSid (or A's
 * MessageSid): A's call and A's texts must not change, and B gets nothing stored either.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postTwilioWebhook } from '../support/twilio-webhook-client.js';
import { startTwilioFixture, type TwilioFixture, type TwilioWorkspace } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let b: TwilioWorkspace;
let numberA: any;
let numberB: any;
const CALLER = '+15550104444';

beforeAll(async () => {
  f = await startTwilioFixture();
  // A forwards its calls, so a new call stays ringing until Twilio reports the dial result.
  numberA = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  b = await f.addWorkspace('Bravo Electric');
  // B has no forwarding: any call B "receives" is missed at once (the strongest lever B has).
  numberB = await f.addNumber(b, '+15550100002', { forwardTo: [], voicemail: { enabled: false } });
});
afterAll(async () => f?.close());

const callsOf = (workspaceId: string) => f.t.runtime.ctx.db.selectFrom('calls').selectAll().where('workspace_id', '=', workspaceId).execute();

it("B's correctly signed voice and status webhooks naming A's ringing call change nothing", async () => {
  const sid = `CA${'a'.repeat(32)}`;
  const ringing = await postTwilioWebhook(
    numberA.webhooks.voiceUrl,
    { AccountSid: f.ws.accountSid, CallSid: sid, From: CALLER, To: numberA.number, CallStatus: 'ringing', Direction: 'inbound' },
    { authToken: f.ws.authToken },
  );
  expect(ringing.statusCode).toBe(200);
  const [before] = await callsOf(f.ws.id);
  expect(before).toMatchObject({ carrier_call_id: sid, outcome: 'ringing' });

  // B's voice webhook for B's own number, carrying A's CallSid.
  const voice = await postTwilioWebhook(
    numberB.webhooks.voiceUrl,
    { AccountSid: b.accountSid, CallSid: sid, From: CALLER, To: numberB.number, CallStatus: 'ringing', Direction: 'inbound' },
    { authToken: b.authToken },
  );
  expect(voice.statusCode).toBe(200);
  // B's status callbacks: first an in-progress one, then the final no-answer.
  for (const CallStatus of ['in-progress', 'no-answer']) {
    const status = await postTwilioWebhook(
      numberB.webhooks.voiceStatusUrl,
      { AccountSid: b.accountSid, CallSid: sid, From: CALLER, To: numberB.number, CallStatus },
      { authToken: b.authToken },
    );
    expect(status.statusCode).toBe(204);
  }
  await f.t.drainJobs();
  f.t.clock.advance(10 * 60_000);
  await f.t.drainJobs();

  const [after] = await callsOf(f.ws.id);
  expect(after).toMatchObject({ id: before!.id, outcome: 'ringing', outcome_decided_at: null, carrier_status: null, ended_at: null, textback_status: null });
  expect(await callsOf(b.id)).toEqual([]);
  // Nothing half-stored for B either: the contact its voice webhook made for the caller went with it.
  expect(await f.t.runtime.ctx.db.selectFrom('contacts').select('phone').where('workspace_id', '=', b.id).execute()).toEqual([]);
  expect(f.sim.messages.filter((m) => m.to === CALLER)).toEqual([]);
  const jobs = await f.t.runtime.ctx.db.selectFrom('jobs').select(['kind', 'workspace_id']).where('kind', '=', 'textback.send').execute();
  expect(jobs).toEqual([]);
});

it("B's correctly signed inbound text reusing A's MessageSid stores nothing, and A's text stays A's", async () => {
  const sent = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CALLER, to: numberA.number, body: 'Hi, is this Acme?', smsUrl: numberA.webhooks.smsUrl });
  expect(sent.statusCode).toBe(200);
  const forged = await f.sim.sendInboundSms({
    accountSid: b.accountSid,
    from: '+15550105555',
    to: numberB.number,
    body: 'forged',
    smsUrl: numberB.webhooks.smsUrl,
    messageSid: sent.messageSid,
  });
  expect(forged.statusCode).toBe(200);
  const db = f.t.runtime.ctx.db;
  expect(await db.selectFrom('messages').select('id').where('workspace_id', '=', b.id).execute()).toEqual([]);
  // Nothing half-stored for B either: no contact for the forged sender.
  expect(await db.selectFrom('contacts').select('phone').where('workspace_id', '=', b.id).execute()).toEqual([]);
  const mine = await db.selectFrom('messages').select(['body', 'workspace_id']).where('carrier_message_id', '=', sent.messageSid).execute();
  expect(mine).toEqual([{ body: 'Hi, is this Acme?', workspace_id: f.ws.id }]);
});

it("B's correctly signed status callback for its own message, naming A's MessageSid, neither adopts it nor uses up A's callback", async () => {
  const db = f.t.runtime.ctx.db;
  const a = await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CALLER, to: numberA.number, body: 'Another one', smsUrl: numberA.webhooks.smsUrl });
  // B: a conversation and a staff reply still queued (no carrier id yet), as when a callback beats the send's answer.
  const bContact = await f.sim.sendInboundSms({ accountSid: b.accountSid, from: '+15550105556', to: numberB.number, body: 'hi B', smsUrl: numberB.webhooks.smsUrl });
  expect(bContact.statusCode).toBe(200);
  const conv = await db.selectFrom('messages').select('conversation_id').where('carrier_message_id', '=', bContact.messageSid).executeTakeFirstOrThrow();
  const reply = await f.t.api('POST', `/api/v1/conversations/${conv.conversation_id}/messages`, { token: b.apiKey, body: { body: 'On our way' } });
  expect(reply.status).toBe(201);
  const bMessage = await db.selectFrom('messages').selectAll().where('id', '=', reply.body.id).executeTakeFirstOrThrow();
  expect(bMessage.carrier_message_id).toBeNull();

  const res = await postTwilioWebhook(
    `${f.t.url}/webhooks/twilio/sms/status?m=${bMessage.id}`,
    { AccountSid: b.accountSid, MessageSid: a.messageSid, SmsSid: a.messageSid, MessageStatus: 'delivered', To: '+15550105556', From: numberB.number },
    { authToken: b.authToken },
  );
  expect(res.statusCode).toBe(204);
  const after = await db.selectFrom('messages').select(['carrier_message_id', 'status']).where('id', '=', bMessage.id).executeTakeFirstOrThrow();
  expect(after.carrier_message_id).toBeNull();
  expect(await db.selectFrom('message_status_events').select('status').where('carrier_message_id', '=', a.messageSid).execute()).toEqual([]);
});
