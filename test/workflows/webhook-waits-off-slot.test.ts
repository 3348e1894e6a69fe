/**
 * A workflow's webhook step waits for the receiver off its worker slot (jobs/job-worker.ts,
 * waitOffSlot): a receiver may take up to the 10-s deadline, and steps of workflows a person
 * started (urgent ones) holding every slot meanwhile would hold a missed call's text-back too. Over
 * real HTTP with the worker's own loop: a worker of two slots, a receiver that answers only when
 * the test lets it.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { heldAnswers } from '../support/held-answers.js';
import type { TwilioFixture } from '../support/twilio-fixture.js';
import { expectTextBackNext, startTwoSlotWorker } from '../support/two-slot-worker.js';

const CONTACTS = 4;

let f: TwilioFixture;
let number: any;
let receiver: Server;
let receiverUrl: string;
const held = heldAnswers();

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => void held.arrive(String(req.headers['x-textback-event'])).then(() => res.writeHead(200).end('ok')));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/crm`;
  ({ f, number } = await startTwoSlotWorker({ ALLOW_PRIVATE_WEBHOOK_URLS: 'true' }));
  const wf = await f.t.api('POST', '/api/v1/workflows', {
    token: f.ws.apiKey,
    body: { name: 'Tell the CRM', enabled: true, trigger: { type: 'contact.tag_added', tag: 'crm' }, actions: [{ type: 'webhook', url: receiverUrl }] },
  });
  expect(wf.status, JSON.stringify(wf.body)).toBe(201);
});

afterAll(async () => {
  held.answer();
  await f?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

it('with every slot’s worth of webhook steps waiting on a slow receiver, more steps start, and a missed call is texted back meanwhile', async () => {
  // Contacts tagged by one API request each: a person is behind it, so the workflow runs urgent.
  for (let i = 0; i < CONTACTS; i++) {
    const res = await f.t.api('POST', '/api/v1/contacts', { token: f.ws.apiKey, body: { phone: `+1555022${String(1000 + i)}`, tags: ['crm'] } });
    expect(res.status).toBe(201);
  }
  // With each step holding its slot, two would wait on the receiver and the other two stay queued.
  await held.waiting(CONTACTS);
  expect(held.arrivals).toEqual(Array(CONTACTS).fill('contact.tag_added'));

  await expectTextBackNext(f, number, '+15550133000');
  held.answer();
});
