/**
 * Conversations and compliance over real HTTP against the Twilio simulator: inbound texts stored
 * once, opt-out and opt-in by keyword and in plain words, HELP, staff replies, delivery callbacks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
let seq = 0;
const nextPhone = () => `+1555012${String(1000 + seq++).padStart(4, '0')}`;

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false }, missedCallTextBack: { cooldownMinutes: 0 } });
});
afterAll(async () => f?.close());
beforeEach(() => f.sim.clear());

const text = (from: string, body: string, messageSid?: string) =>
  f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body, smsUrl: number.webhooks.smsUrl, messageSid });

async function contactOf(phone: string) {
  const res = await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`, { token: f.ws.apiKey });
  return res.body.data[0];
}

async function threadOf(phone: string) {
  const contact = await contactOf(phone);
  const convs = await f.t.api('GET', `/api/v1/conversations?contactId=${contact.id}`, { token: f.ws.apiKey });
  const conv = convs.body.data[0];
  const msgs = await f.t.api('GET', `/api/v1/conversations/${conv.id}/messages`, { token: f.ws.apiKey });
  return { contact, conversation: conv, messages: msgs.body.data as any[] };
}

describe('inbound texts', () => {
  it('answer an empty TwiML response and are stored once, even when delivered three times at once', async () => {
    const from = nextPhone();
    const first = await text(from, 'Do you fix water heaters?');
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/<Response\s*\/>/);
    await Promise.all([text(from, 'Do you fix water heaters?', first.messageSid), text(from, 'Do you fix water heaters?', first.messageSid)]);
    const { messages, conversation } = await threadOf(from);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ direction: 'inbound', author: 'contact', body: 'Do you fix water heaters?', carrierMessageId: first.messageSid });
    expect(conversation.phoneNumberId).toBe(number.id);
  });

  it('keep MMS media URLs', async () => {
    const from = nextPhone();
    await f.sim.sendInboundSms({
      accountSid: f.ws.accountSid, from, to: number.number, body: 'Here is the leak', smsUrl: number.webhooks.smsUrl,
      mediaUrls: ['https://example.com/leak.jpg'],
    });
    const { messages } = await threadOf(from);
    expect(messages[0].media).toEqual(['https://example.com/leak.jpg']);
  });

  it('with a forged signature get 403 and store nothing', async () => {
    const from = nextPhone();
    const res = await f.sim.sendInboundSms({
      accountSid: f.ws.accountSid, from, to: number.number, body: 'hi', smsUrl: number.webhooks.smsUrl, signature: 'AAAA',
    });
    expect(res.statusCode).toBe(403);
    expect(await contactOf(from)).toBeUndefined();
  });
});

describe('opt-out', () => {
  it('"Stop." opts out at once, and the next missed call from that caller is skipped with reason "opted out"', async () => {
    const from = nextPhone();
    await text(from, 'Stop.');
    await f.t.drainJobs();
    const contact = await contactOf(from);
    expect(contact.optedOut).toBe(true);
    // Twilio confirms its own STOP keywords on long codes: we send nothing.
    expect(f.sim.messages).toHaveLength(0);

    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();
    const calls = await f.t.api('GET', `/api/v1/calls?contactId=${contact.id}`, { token: f.ws.apiKey });
    expect(calls.body.data[0].textBack).toMatchObject({ status: 'skipped', reason: 'The caller opted out of texts' });
    expect(f.sim.messages).toHaveLength(0);
  });

  it('keeps the consent history on the contact, and START opts back in', async () => {
    const from = nextPhone();
    await text(from, ' stop ');
    await text(from, 'START');
    await f.t.drainJobs();
    const contact = await contactOf(from);
    expect(contact.optedOut).toBe(false);
    const detail = await f.t.api('GET', `/api/v1/contacts/${contact.id}`, { token: f.ws.apiKey });
    expect(detail.body.consentHistory.map((e: any) => [e.kind, e.source])).toEqual([
      ['opt_in', 'keyword'],
      ['opt_out', 'keyword'],
    ]);
    expect(detail.body.consentHistory[1].detail).toBe('stop');

    await f.call(f.ws, number, { scenario: 'no-answer', from });
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(1);
  });

  it('plain words ("please stop texting me") opt out, with one confirmation and nothing after', async () => {
    const from = nextPhone();
    await text(from, 'Please stop texting me');
    await f.t.drainJobs();
    expect((await contactOf(from)).optedOut).toBe(true);
    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.messages[0]!.body).toContain('unsubscribed');

    const { conversation } = await threadOf(from);
    const res = await f.t.api('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: f.ws.apiKey, body: { body: 'Sorry to see you go!' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('contact_opted_out');
    expect(res.body.error.message).toMatch(/opted out/);
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(1);
  });

  it('ordinary texts that merely contain the words do not opt out', async () => {
    const from = nextPhone();
    await text(from, 'Can you stop by tomorrow? My faucet won\'t stop dripping');
    await text(from, 'Yes');
    expect((await contactOf(from)).optedOut).toBe(false);
  });
});

describe('HELP', () => {
  it('is left to Twilio, which answers HELP itself on its numbers: no second reply, stored once', async () => {
    const from = nextPhone();
    const first = await text(from, 'HELP');
    await text(from, 'HELP', first.messageSid);
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(0);
    const { messages } = await threadOf(from);
    expect(messages).toHaveLength(1);
  });
});

describe('staff replies', () => {
  it('are sent from the conversation\'s number and appear in the thread with author human', async () => {
    const from = nextPhone();
    await text(from, 'Is anyone there?');
    const { conversation } = await threadOf(from);
    const res = await f.t.api('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      token: f.ws.apiKey,
      body: { body: 'Hi, this is Sam from Acme. How can I help?' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ author: 'human', direction: 'outbound', status: 'pending' });
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(1);
    expect(f.sim.messages[0]).toMatchObject({ from: number.number, to: from, body: 'Hi, this is Sam from Acme. How can I help?' });
    const { messages } = await threadOf(from);
    expect(messages[0]).toMatchObject({ author: 'human', carrierMessageId: f.sim.messages[0]!.sid, status: 'queued' });
    expect(messages[1]).toMatchObject({ author: 'contact' });
  });

  it('refuse an empty body naming the field', async () => {
    const from = nextPhone();
    await text(from, 'hello');
    const { conversation } = await threadOf(from);
    const res = await f.t.api('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: f.ws.apiKey, body: { body: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body');
  });
});

describe('delivery status callbacks', () => {
  async function sendOne(from: string) {
    await text(from, 'hi');
    const { conversation } = await threadOf(from);
    await f.t.api('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: f.ws.apiKey, body: { body: 'Hello there' } });
    await f.t.drainJobs();
    return f.sim.messages[f.sim.messages.length - 1]!;
  }

  it('arriving out of order and twice end in the right final status', async () => {
    const from = nextPhone();
    const sent = await sendOne(from);
    await f.sim.deliverStatus(sent.sid, 'delivered');
    await f.sim.deliverStatus(sent.sid, 'sent');
    await f.sim.deliverStatus(sent.sid, 'queued');
    await f.sim.deliverStatus(sent.sid, 'delivered');
    const { messages } = await threadOf(from);
    expect(messages[0].status).toBe('delivered');
  });

  it('a 30006 failure marks the contact not textable and shows the failure plainly', async () => {
    const from = nextPhone();
    const sent = await sendOne(from);
    await f.sim.deliverStatus(sent.sid, 'sent');
    await f.sim.deliverStatus(sent.sid, 'undelivered', { errorCode: 30006 });
    const { messages, contact } = await threadOf(from);
    expect(messages[0]).toMatchObject({ status: 'undelivered', error: { code: '30006', message: expect.stringMatching(/Landline/) } });
    expect(contact.textable).toBe(false);
    expect(contact.notTextableReason).toMatch(/30006/);
  });

  it('with a forged signature get 403 and change nothing', async () => {
    const from = nextPhone();
    const sent = await sendOne(from);
    const res = await fetch(sent.statusCallback!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'nope' },
      body: new URLSearchParams({ MessageSid: sent.sid, MessageStatus: 'failed', ErrorCode: '30006' }).toString(),
    });
    expect(res.status).toBe(403);
    const { messages, contact } = await threadOf(from);
    expect(messages[0].status).toBe('queued');
    expect(contact.textable).toBe(true);
  });
});
