/**
 * A turn's question is embedded off its worker slot, as its model request is (jobs/job-worker.ts,
 * waitOffSlot): an embedding server may take up to the query's 5-s deadline, and turns holding
 * every slot meanwhile would hold a missed call's text-back too. Over real HTTP with the worker's
 * own loop: a worker of two slots, an embedding server that answers questions only when the test
 * lets it.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { heldAnswers } from '../support/held-answers.js';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scripted-model-server.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

const SLOTS = 2;
const CONVERSATIONS = 4;
const QUESTION = 'Do you do drain cleaning?';
const REPLY = 'Thanks for your text! Someone from the team will get back to you shortly.';

let f: TwilioFixture;
let model: ScriptedModelServer;
let number: any;
const held = heldAnswers();

beforeAll(async () => {
  model = await startScriptedModelServer();
  model.setDefault({ text: REPLY });
  f = await startTwilioFixture({ manualJobs: false, env: { ALLOW_PRIVATE_MODEL_URLS: 'true', WORKER_CONCURRENCY: String(SLOTS) } });
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  const agent = await f.t.api('PUT', '/api/v1/agent', {
    token: f.ws.apiKey,
    body: {
      enabled: true,
      model: { provider: 'openai-compatible', name: 'scripted-1', baseUrl: model.url, apiKey: 'sk-test', embeddingModel: 'scripted-embed' },
      debounceSeconds: 0,
      timeoutSeconds: 120,
    },
  });
  expect(agent.status).toBe(200);
  const entry = await f.t.api('POST', '/api/v1/knowledge', { token: f.ws.apiKey, body: { title: 'Drains', content: 'We clear blocked drains and sewer lines.' } });
  expect(entry.status).toBe(201);
  // A question is embedded only once the knowledge is: the import's embedding runs in the background.
  await vi.waitFor(async () => {
    const chunks = await f.t.api('GET', `/api/v1/knowledge/${entry.body.id}/chunks`, { token: f.ws.apiKey });
    expect(chunks.body.data.map((c: { embedded: boolean }) => c.embedded)).toEqual([true]);
  });
  model.holdEmbeddings((input) => held.arrive(input.join(' ')));
});

afterAll(async () => {
  held.answer();
  await f?.close();
  await model?.close();
});

it('with every slot’s worth of turns waiting on the embedding server, more turns start, and a missed call is texted back meanwhile', async () => {
  const phones = Array.from({ length: CONVERSATIONS }, (_, i) => `+1555013${String(2000 + i)}`);
  for (const phone of phones) {
    const res = await f.t.api('POST', '/api/v1/contacts', { token: f.ws.apiKey, body: { phone, tags: ['smschat_ai'] } });
    expect(res.status).toBe(201);
    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: phone, to: number.number, body: QUESTION, smsUrl: number.webhooks.smsUrl });
  }
  // With each turn holding its slot, two would wait on the embedding server and two stay queued.
  await held.waiting(CONVERSATIONS);
  expect(held.arrivals).toEqual(Array(CONVERSATIONS).fill(QUESTION));

  const caller = '+15550133000';
  await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
  const [first] = (await f.sim.waitForMessages(1)) as { to: string }[];
  expect(first!.to).toBe(caller);

  held.answer();
  await f.sim.waitForMessages(1 + CONVERSATIONS);
  for (const phone of phones) expect(f.sim.messages.filter((m) => m.to === phone).map((m) => m.body)).toEqual([REPLY]);
});
