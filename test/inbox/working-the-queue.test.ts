/**
 * Working the queue over real HTTP: saved replies with merge fields filled per conversation,
 * internal notes that are never sent, and a customer's picture (MMS) served from our own origin
 * with the workspace's Twilio credentials, following Twilio's redirect to its storage only through the
 * SSRF guard.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let number: any;
let conversationId: string;
const CUSTOMER = '+15550105001';

beforeAll(async () => {
  f = await startTwilioFixture();
  number = await f.addNumber(f.ws, '+15550100071', { name: 'Front desk' });
  await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CUSTOMER, to: number.number, body: 'Hi there', smsUrl: number.webhooks.smsUrl });
  const contacts = await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent(CUSTOMER)}`, { token: f.ws.apiKey });
  await f.t.api('PATCH', `/api/v1/contacts/${contacts.body.data[0].id}`, { token: f.ws.apiKey, body: { name: 'Ana Ruiz' } });
  conversationId = (await f.t.api('GET', '/api/v1/conversations', { token: f.ws.apiKey })).body.data[0].id;
});
afterAll(async () => f?.close());

describe('saved replies', () => {
  it('fills merge fields for the conversation and refuses an unknown field in words', async () => {
    const created = await f.t.api('POST', '/api/v1/saved-replies', {
      token: f.ws.apiKey,
      body: { title: 'On our way', body: 'Hi {{contact.first_name|there}}, {{business.name}} is on the way ({{number.name}}).' },
    });
    expect(created.status).toBe(201);
    const rendered = await f.t.api('GET', `/api/v1/saved-replies/${created.body.id}/rendered?conversationId=${conversationId}`, { token: f.ws.apiKey });
    expect(rendered.body).toEqual({ body: 'Hi Ana, Acme Plumbing is on the way (Front desk).' });

    const bad = await f.t.api('POST', '/api/v1/saved-replies', { token: f.ws.apiKey, body: { title: 'Bad', body: 'Hi {{contact.nickname}}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body');
    expect(bad.body.error.message).toMatch(/^Message: Unknown merge field/);
    const list = await f.t.api('GET', '/api/v1/saved-replies', { token: f.ws.apiKey });
    expect(list.body.data.map((r: any) => r.title)).toEqual(['On our way']);
  });
});

describe('internal notes', () => {
  it('are kept on the conversation and never sent', async () => {
    const sentBefore = f.sim.messages.length;
    const note = await f.t.api('POST', `/api/v1/conversations/${conversationId}/notes`, { token: f.ws.apiKey, body: { body: 'Quoted $240 by phone' } });
    expect(note.status).toBe(201);
    await f.t.drainJobs();
    expect(f.sim.messages.length).toBe(sentBefore);
    const notes = await f.t.api('GET', `/api/v1/conversations/${conversationId}/notes`, { token: f.ws.apiKey });
    expect(notes.body.data.map((n: any) => n.body)).toEqual(['Quoted $240 by phone']);
    const messages = await f.t.api('GET', `/api/v1/conversations/${conversationId}/messages`, { token: f.ws.apiKey });
    expect(messages.body.data.some((m: any) => m.body.includes('$240'))).toBe(false);
  });
});

describe('MMS pictures', () => {
  it('serves a customer picture from our origin with the account credentials; other hosts are refused', async () => {
    await f.t.api('PUT', '/api/v1/carriers/twilio', { token: f.ws.apiKey, body: { accountSid: f.ws.accountSid, authToken: f.ws.authToken } });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const url = f.sim.addMedia(f.ws.accountSid, 'image/png', png);
    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CUSTOMER, to: number.number, body: 'Here is the leak', smsUrl: number.webhooks.smsUrl, mediaUrls: [url] });
    const messages = await f.t.api('GET', `/api/v1/conversations/${conversationId}/messages`, { token: f.ws.apiKey });
    const mms = messages.body.data.find((m: any) => m.body === 'Here is the leak');
    expect(mms.media).toEqual([url]);
    const res = await fetch(`${f.t.url}/api/v1/messages/${mms.id}/media/0`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);

    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CUSTOMER, to: number.number, body: 'elsewhere', smsUrl: number.webhooks.smsUrl, mediaUrls: ['http://127.0.0.1:9/evil.png'] });
    const again = await f.t.api('GET', `/api/v1/conversations/${conversationId}/messages`, { token: f.ws.apiKey });
    const other = again.body.data.find((m: any) => m.body === 'elsewhere');
    const refused = await fetch(`${f.t.url}/api/v1/messages/${other.id}/media/0`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } });
    expect(refused.status).toBe(404);
  });

  it('follows Twilio’s redirect to its storage hop by hop: within Twilio with the credentials, never to a private address', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const stored = f.sim.addMedia(f.ws.accountSid, 'image/png', png);
    const viaTwilio = f.sim.addRedirectedMedia(f.ws.accountSid, stored);
    // A storage host on a private address (what a forged or hijacked redirect would name).
    const hits: string[] = [];
    const storage = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
    const port = (storage.address() as AddressInfo).port;
    const viaPrivate = f.sim.addRedirectedMedia(f.ws.accountSid, `http://127.0.0.1:${port}/media.twiliocdn.com/ME1.png`);
    try {
      await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CUSTOMER, to: number.number, body: 'two pictures', smsUrl: number.webhooks.smsUrl, mediaUrls: [viaTwilio, viaPrivate] });
      const messages = await f.t.api('GET', `/api/v1/conversations/${conversationId}/messages`, { token: f.ws.apiKey });
      const mms = messages.body.data.find((m: any) => m.body === 'two pictures');
      const ok = await fetch(`${f.t.url}/api/v1/messages/${mms.id}/media/0`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } });
      expect(ok.status).toBe(200);
      expect(Buffer.from(await ok.arrayBuffer())).toEqual(png);
      const refused = await fetch(`${f.t.url}/api/v1/messages/${mms.id}/media/1`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } });
      expect(refused.status).toBe(502);
      expect(((await refused.json()) as any).error.message).toMatch(/media storage could not be reached/);
      expect(hits).toEqual([]);
    } finally {
      await new Promise((resolve) => storage.close(resolve));
    }
  });
});
