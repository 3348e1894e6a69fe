/**
 * An email waits for the mail server off its worker slot (jobs/job-worker.ts, waitOffSlot): a
 * slow SMTP server (greeting delays, a relay that takes seconds) must not hold the slots a missed
 * call's text-back needs. Over real SMTP and real HTTP with the worker's own loop: a worker of two
 * slots, a mail server that answers only when the test lets it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_RESET_REQUESTS_PER_EMAIL } from '../../src/services/password-reset-rate-limit.js';
import { heldAnswers } from '../support/held-answers.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';
import { Browser, OWNER, setUpOwner } from './browser-session.js';

const SLOTS = 2;

let f: TwilioFixture;
let smtp: SmtpCapture;
let number: any;
const held = heldAnswers();

beforeAll(async () => {
  smtp = await startSmtpCapture({ hold: held });
  f = await startTwilioFixture({ manualJobs: false, env: { SMTP_URL: smtp.url, WORKER_CONCURRENCY: String(SLOTS) } });
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  await setUpOwner(f.t);
});

afterAll(async () => {
  held.answer();
  await f?.close();
  await smtp?.close();
});

it('with more emails waiting on a slow mail server than the worker has slots, a missed call is texted back meanwhile', async () => {
  // More reset emails than slots: held in their slots, only two would reach the mail server.
  expect(MAX_RESET_REQUESTS_PER_EMAIL).toBeGreaterThan(SLOTS);
  for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) {
    const res = await new Browser(f.t.url).post('/api/v1/auth/password-reset', { email: OWNER.email });
    expect(res.status).toBe(202);
  }
  await held.waiting(MAX_RESET_REQUESTS_PER_EMAIL);
  expect(held.arrivals).toEqual(Array(MAX_RESET_REQUESTS_PER_EMAIL).fill('Reset your Textback password'));

  const caller = '+15550133000';
  await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
  const [text] = (await f.sim.waitForMessages(1)) as { to: string }[];
  expect(text!.to).toBe(caller);
  held.answer();
});
