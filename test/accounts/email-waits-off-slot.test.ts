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
import type { TwilioFixture } from '../support/twilio-fixture.js';
import { expectTextBackNext, SLOTS, startTwoSlotWorker } from '../support/two-slot-worker.js';
import { Browser, OWNER, setUpOwner } from './browser-session.js';

let f: TwilioFixture;
let smtp: SmtpCapture;
let number: any;
const held = heldAnswers();

beforeAll(async () => {
  smtp = await startSmtpCapture({ hold: held });
  ({ f, number } = await startTwoSlotWorker({ SMTP_URL: smtp.url }));
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

  await expectTextBackNext(f, number, '+15550133000');
  held.answer();
});
