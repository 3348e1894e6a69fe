/**
 * An agent turn waits for its model, and for the embedding of its question, off its worker slot
 * (jobs/job-worker.ts, waitOffSlot): a model can take seconds, an embedding server up to the
 * question's 5-s deadline, and turns holding every slot meanwhile would hold a missed call's
 * text-back too. Over real HTTP with the worker's own loop: a worker of two slots, a model server
 * that answers only when the test lets it.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { heldAnswers, type HeldAnswers } from '../support/held-answers.js';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scripted-model-server.js';
import type { TwilioFixture } from '../support/twilio-fixture.js';
import { expectTextBackNext, startTwoSlotWorker } from '../support/two-slot-worker.js';

const CONVERSATIONS = 4;
const QUESTION = 'Do you do drain cleaning?';
const REPLY = 'Thanks for your text! Someone from the team will get back to you shortly.';

let f: TwilioFixture;
let model: ScriptedModelServer;
let number: any;
const modelHeld = heldAnswers();
const embeddingsHeld = heldAnswers();

const useModel = (embeddingModel?: string) =>
  f.t.api('PUT', '/api/v1/agent', {
    token: f.ws.apiKey,
    body: {
      enabled: true,
      model: { provider: 'openai-compatible', name: 'scripted-1', baseUrl: model.url, apiKey: 'sk-test', ...(embeddingModel ? { embeddingModel } : {}) },
      debounceSeconds: 0,
      timeoutSeconds: 120,
    },
  });

beforeAll(async () => {
  model = await startScriptedModelServer();
  ({ f, number } = await startTwoSlotWorker({ ALLOW_PRIVATE_MODEL_URLS: 'true' }));
});

afterAll(async () => {
  modelHeld.answer();
  embeddingsHeld.answer();
  await f?.close();
  await model?.close();
});

/**
 * More agent conversations than slots ask a question while `held` holds what the turns wait for;
 * once all of them are waiting, a missed call comes in. Its text-back must go first, and every
 * conversation gets its reply once the test lets the answers go.
 */
async function textBackWhileTurnsWait(held: HeldAnswers, firstPhone: number): Promise<void> {
  const phones = Array.from({ length: CONVERSATIONS }, (_, i) => `+1555013${String(firstPhone + i)}`);
  const before = f.sim.messages.length;
  for (const phone of phones) {
    const res = await f.t.api('POST', '/api/v1/contacts', { token: f.ws.apiKey, body: { phone, tags: ['smschat_ai'] } });
    expect(res.status).toBe(201);
    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: phone, to: number.number, body: QUESTION, smsUrl: number.webhooks.smsUrl });
  }
  // With each turn holding its slot, two would wait and the other two stay queued.
  await held.waiting(CONVERSATIONS);

  // Nothing else is sent before the answers are let go: the first text is the text-back.
  expect(f.sim.messages).toHaveLength(before);
  await expectTextBackNext(f, number, `+1555014${String(firstPhone)}`);

  held.answer();
  await f.sim.waitForMessages(before + 1 + CONVERSATIONS);
  for (const phone of phones) expect(f.sim.messages.filter((m) => m.to === phone).map((m) => m.body)).toEqual([REPLY]);
}

it('with every slot’s worth of agent turns waiting on the model, more turns start, and a missed call is texted back before any model answers', async () => {
  model.setDefault({
    reply: async () => {
      await modelHeld.arrive();
      return { text: REPLY };
    },
  });
  expect((await useModel()).status).toBe(200);
  await textBackWhileTurnsWait(modelHeld, 2000);
});

it('with every slot’s worth of turns waiting on the embedding of their question, the same', async () => {
  model.setDefault({ text: REPLY });
  expect((await useModel('scripted-embed')).status).toBe(200);
  const entry = await f.t.api('POST', '/api/v1/knowledge', { token: f.ws.apiKey, body: { title: 'Drains', content: 'We clear blocked drains and sewer lines.' } });
  expect(entry.status).toBe(201);
  // A question is embedded only once the knowledge is: the import's embedding runs in the background.
  await vi.waitFor(async () => {
    const chunks = await f.t.api('GET', `/api/v1/knowledge/${entry.body.id}/chunks`, { token: f.ws.apiKey });
    expect(chunks.body.data.map((c: { embedded: boolean }) => c.embedded)).toEqual([true]);
  }, { timeout: 15_000 });
  // Held, a question's embedding gives up after 5 s and the turn goes on without it: the
  // text-back goes out well before, unless the turns hold the slots.
  model.holdEmbeddings((input) => embeddingsHeld.arrive(input.join(' ')));
  await textBackWhileTurnsWait(embeddingsHeld, 3000);
  expect(embeddingsHeld.arrivals).toEqual(Array(CONVERSATIONS).fill(QUESTION));
});
