/**
 * Hours nobody set are never stated: a new workspace has `businessHours: null`, and neither the
 * builtin responder, the model's prompt nor the get_business_hours tool says any hours; once set, the
 * tool states the hours of the conversation's number (its own, or the workspace's) and the coming
 * closed dates. Real HTTP, real database, scripted OpenAI-compatible model server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scripted-model-server.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let model: ScriptedModelServer;
let number: any;
let seq = 0;
const nextPhone = () => `+1555017${String(1000 + seq++).padStart(4, '0')}`;
const STATED_HOURS = /\b\d{1,2}(:\d\d)?\s*(am|pm)\b|\b(mon|tue|wed|thu|fri|sat|sun)\b|open right now|closed right now|daily/i;

beforeAll(async () => {
  model = await startScriptedModelServer();
  // The scripted model server listens on this host: the operator setting that allows it.
  f = await startTwilioFixture({ env: { ALLOW_PRIVATE_MODEL_URLS: 'true' } });
  number = await f.addNumber(f.ws, '+15550170001', { forwardTo: ['+15550109999'] });
});
afterAll(async () => {
  await f?.close();
  await model?.close();
});
beforeEach(() => {
  f.sim.clear();
  model.reset();
});

async function useAgent(provider: 'builtin' | 'scripted') {
  const res = await f.t.api('PUT', '/api/v1/agent', {
    token: f.ws.apiKey,
    body: {
      enabled: true,
      debounceSeconds: 8,
      model: provider === 'builtin' ? { provider: 'builtin' } : { provider: 'openai-compatible', name: 'scripted-1', baseUrl: model.url, apiKey: 'sk-test' },
    },
  });
  expect(res.status).toBe(200);
}

async function ask(to: any, body: string) {
  const phone = nextPhone();
  const c = await f.t.api('POST', '/api/v1/contacts', { token: f.ws.apiKey, body: { phone, tags: ['smschat_ai'] } });
  expect(c.status).toBe(201);
  await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: phone, to: to.number, body, smsUrl: to.webhooks.smsUrl });
  await f.t.drainJobs();
  f.t.clock.advance(10_000);
  await f.t.drainJobs();
  return f.sim.messages.filter((m) => m.to === phone).map((m) => m.body);
}

function toolResult(requestIndex: number): any {
  const tool = model.requests[requestIndex]!.messages.find((m) => m.role === 'tool');
  expect(tool).toBeDefined();
  return JSON.parse(tool!.content);
}

describe('a workspace that never set hours', () => {
  it('starts with businessHours null', async () => {
    const ws = await f.t.api('GET', '/api/v1/workspace', { token: f.ws.apiKey });
    expect(ws.body.businessHours).toBeNull();
  });

  it('the builtin responder states no hours when asked', async () => {
    await useAgent('builtin');
    const replies = await ask(number, 'What are your hours? Are you open now?');
    expect(replies).toHaveLength(1);
    expect(replies[0]).not.toMatch(STATED_HOURS);
  });

  it("the model's prompt and the hours tool say the hours are not set", async () => {
    await useAgent('scripted');
    model.script({ toolCalls: [{ name: 'get_business_hours', args: {} }] }, { text: 'A team member will confirm our hours shortly.' });
    const replies = await ask(number, 'When are you open?');
    expect(replies).toEqual(['A team member will confirm our hours shortly.']);
    expect(model.requests[0]!.system).toContain('Hours: not set');
    expect(model.requests[0]!.system).not.toMatch(/Right now it is (open|closed)/);
    expect(toolResult(1)).toMatchObject({ hours: null, openNow: null, note: expect.stringMatching(/not set its hours/) });
  });
});

describe('once hours are set', () => {
  it("the tool states the number's hours and the coming closed dates", async () => {
    // The fixture clock: Thursday 2026-01-15, 09:00 in Chicago.
    const res = await f.t.api('PATCH', '/api/v1/workspace', {
      token: f.ws.apiKey,
      body: { businessHours: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']] }, closedDates: ['2026-01-19', '2026-07-04'] },
    });
    expect(res.status).toBe(200);
    await useAgent('scripted');
    model.script({ toolCalls: [{ name: 'get_business_hours', args: {} }] }, { text: 'We are open today until 5.' });
    await ask(number, 'Open today?');
    expect(toolResult(1)).toEqual({ hours: 'Mon\u2013Fri 8:00 am\u20135:00 pm, closed Sat\u2013Sun; also closed Mon Jan 19', openNow: true });
    expect(model.requests[0]!.system).toContain('Right now it is open');

    // A number with its own hours: the conversation on it hears those.
    const saturdays = await f.addNumber(f.ws, '+15550170002', { hours: { sat: [['09:00', '13:00']] } });
    model.reset();
    model.script({ toolCalls: [{ name: 'get_business_hours', args: {} }] }, { text: 'We are open Saturdays.' });
    await ask(saturdays, 'Open today?');
    expect(toolResult(1)).toEqual({ hours: 'Sat 9:00 am\u20131:00 pm, closed Mon\u2013Fri, Sun; also closed Mon Jan 19', openNow: false });
  });
});
