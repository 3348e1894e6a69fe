/**
 * An agent turn waits for its model off its worker slot (jobs/job-worker.ts, waitOffSlot): a model
 * can take seconds, and turns holding every slot meanwhile would hold a missed call's text-back
 * too. Over real HTTP with the worker's own loop: a worker of two slots, a model that answers only
 * when the test lets it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { heldAnswers } from '../support/held-answers.js';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scripted-model-server.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

const SLOTS = 2;
const CONVERSATIONS = 4;
const REPLY = 'Thanks for your text! Someone from the team will get back to you shortly.';

let f: TwilioFixture;
let model: ScriptedModelServer;
let number: any;

/** The model's requests: each waits until the test answers. */
const held = heldAnswers();

beforeAll(async () => {
  model = await startScriptedModelServer();
  model.setDefault({
    reply: async () => {
      await held.arrive();
      return { text: REPLY };
    },
  });
  f = await startTwilioFixture({ manualJobs: false, env: { ALLOW_PRIVATE_MODEL_URLS: 'true', WORKER_CONCURRENCY: String(SLOTS) } });
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  const res = await f.t.api('PUT', '/api/v1/agent', {
    token: f.ws.apiKey,
    body: {
      enabled: true,
      model: { provider: 'openai-compatible', name: 'scripted-1', baseUrl: model.url, apiKey: 'sk-test' },
      debounceSeconds: 0,
      timeoutSeconds: 120,
    },
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  held.answer();
  await f?.close();
  await model?.close();
});

it('with every slot’s worth of agent turns waiting on the model, more turns start, and a missed call is texted back before any model answers', async () => {
  const phones = Array.from({ length: CONVERSATIONS }, (_, i) => `+1555013${String(2000 + i)}`);
  for (const phone of phones) {
    const res = await f.t.api('POST', '/api/v1/contacts', { token: f.ws.apiKey, body: { phone, tags: ['smschat_ai'] } });
    expect(res.status).toBe(201);
    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: phone, to: number.number, body: 'Do you do drain cleaning?', smsUrl: number.webhooks.smsUrl });
  }
  // With each turn holding its slot, two would wait on the model and the other two stay queued.
  await held.waiting(CONVERSATIONS);

  const caller = '+15550133000';
  await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
  // Nothing else is sent before the model answers: the first text is the text-back.
  const [first] = (await f.sim.waitForMessages(1)) as { to: string }[];
  expect(first!.to).toBe(caller);

  held.answer();
  await f.sim.waitForMessages(1 + CONVERSATIONS);
  for (const phone of phones) expect(f.sim.messages.filter((m) => m.to === phone).map((m) => m.body)).toEqual([REPLY]);
});
