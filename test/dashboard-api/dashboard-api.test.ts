/**
 * API the dashboard relies on beyond the contract: connecting Twilio (credentials checked against
 * Twilio, numbers listed and imported with their webhooks set), the overview funnel, the agent's
 * test chat, and live events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_KNOWLEDGE } from '../../src/agent/eval/sample-business.js';
import { newAccountSid, startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;

beforeAll(async () => {
  f = await startTwilioFixture();
});
afterAll(async () => f?.close());

describe('connect Twilio', () => {
  it('rejects credentials Twilio refuses, naming authToken', async () => {
    const res = await f.t.api('PUT', '/api/v1/carriers/twilio', {
      token: f.ws.apiKey,
      body: { accountSid: f.ws.accountSid, authToken: 'wrong-token-wrong-token' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('authToken');
  });

  it('accepts good credentials as verified', async () => {
    const res = await f.t.api('PUT', '/api/v1/carriers/twilio', {
      token: f.ws.apiKey,
      body: { accountSid: f.ws.accountSid, authToken: f.ws.authToken },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: true, accountSid: f.ws.accountSid });
  });

  it('lists the account numbers and imports one, setting its webhooks through the Twilio API', async () => {
    const sid = f.sim.addIncomingNumber(f.ws.accountSid, '+15550100077', 'Front desk');
    const list = await f.t.api('GET', '/api/v1/carriers/twilio/numbers', { token: f.ws.apiKey });
    expect(list.body.data).toEqual([expect.objectContaining({ sid, phoneNumber: '+15550100077', friendlyName: 'Front desk', imported: false })]);

    const imported = await f.t.api('POST', '/api/v1/carriers/twilio/numbers/import', { token: f.ws.apiKey, body: { sid, forwardTo: ['+15550109999'] } });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ number: '+15550100077', carrier: 'twilio', name: 'Front desk' });
    const onTwilio = f.sim.incomingNumbers(f.ws.accountSid).find((n) => n.sid === sid)!;
    expect(onTwilio.voiceUrl).toBe(imported.body.webhooks.voiceUrl);
    expect(onTwilio.statusCallback).toBe(imported.body.webhooks.voiceStatusUrl);
    expect(onTwilio.smsUrl).toBe(imported.body.webhooks.smsUrl);

    // The imported number now works end to end: Twilio calls it with the URLs it was given.
    await f.sim.placeCall({ accountSid: f.ws.accountSid, from: '+15550101999', to: '+15550100077', scenario: 'no-answer' });
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === '+15550101999')).toHaveLength(1);

    const again = await f.t.api('GET', '/api/v1/carriers/twilio/numbers', { token: f.ws.apiKey });
    expect(again.body.data[0].imported).toBe(true);
  });

  it('refuses to list numbers before Twilio is connected', async () => {
    const other = await f.t.createWorkspace({ name: 'NoTwilio' });
    const res = await f.t.api('GET', '/api/v1/carriers/twilio/numbers', { token: other.apiKey });
    expect(res.status).toBe(409);
    expect(newAccountSid()).toMatch(/^AC/);
  });
});

describe('overview', () => {
  it('counts missed → texted → replied → handled, per number and day, with the median time to text', async () => {
    const w = await f.addWorkspace('Funnel Plumbing');
    const number = await f.addNumber(w, '+15550100088', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    for (const from of ['+15550103001', '+15550103002', '+15550103003']) {
      await f.call(w, number, { scenario: 'no-answer', from });
    }
    await f.call(w, number, { scenario: 'answered', from: '+15550103004' });
    f.t.clock.advance(30_000);
    await f.t.drainJobs();
    await f.sim.sendInboundSms({ accountSid: w.accountSid, from: '+15550103001', to: number.number, body: 'Yes please call me', smsUrl: number.webhooks.smsUrl });
    const convs = await f.t.api('GET', '/api/v1/conversations', { token: w.apiKey });
    const conv = convs.body.data.find((c: any) => c.contact.phone === '+15550103001');
    await f.t.api('POST', `/api/v1/conversations/${conv.id}/messages`, { token: w.apiKey, body: { body: 'Calling you now!' } });
    await f.t.drainJobs();

    const res = await f.t.api('GET', '/api/v1/stats/overview?days=7', { token: w.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ missed: 3, texted: 3, replied: 1, leadsRecovered: 1, agentHandled: 0, staffHandled: 1 });
    expect(res.body.perDay).toHaveLength(1);
    expect(res.body.perDay[0]).toMatchObject({ phoneNumberId: number.id, missed: 3 });
    expect(res.body.medianSecondsToText).toBe(30);
  });
});

describe('agent test chat', () => {
  it('answers from the knowledge base without sending or storing anything', async () => {
    const w = await f.addWorkspace('Chat Plumbing');
    for (const entry of SAMPLE_KNOWLEDGE) await f.t.api('POST', '/api/v1/knowledge', { token: w.apiKey, body: entry });
    const before = f.sim.messages.length;
    const res = await f.t.api('POST', '/api/v1/agent/test', {
      token: w.apiKey,
      body: { messages: [{ role: 'contact', text: 'How much is your diagnostic fee?' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.reply).toContain('$89');
    expect(res.body.passages.length).toBeGreaterThan(0);
    expect(f.sim.messages.length).toBe(before);
    const turns = await f.t.api('GET', '/api/v1/agent/turns', { token: w.apiKey });
    expect(turns.body.data).toEqual([]);
  });
});

describe('live events', () => {
  it('streams a message event to the workspace that owns it', async () => {
    const w = await f.addWorkspace('Live Plumbing');
    const number = await f.addNumber(w, '+15550100099', { forwardTo: ['+15550109999'] });
    const controller = new AbortController();
    const res = await fetch(`${f.t.url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${w.apiKey}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    await f.sim.sendInboundSms({ accountSid: w.accountSid, from: '+15550103100', to: number.number, body: 'hello', smsUrl: number.webhooks.smsUrl });
    let seen = '';
    while (!seen.includes('"type":"message"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    controller.abort();
    expect(seen).toMatch(/data: \{"type":"message","id":"msg_/);
  });
});
