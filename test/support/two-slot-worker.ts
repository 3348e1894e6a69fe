/**
 * The scene of the tests that a job waiting on another server gives its worker slot back
 * (jobs/job-worker.ts, waitOffSlot): Textback with a worker of two slots running its own loop and
 * one number whose missed calls are texted back; more jobs than slots then wait on a server the
 * test holds (held-answers.ts), and a missed call's text-back must still go out at once.
 */
import { expect } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from './twilio-fixture.js';

export const SLOTS = 2;

/** The fixture and its number; `env` adds to the worker's two slots (a model URL's permission, SMTP). */
export async function startTwoSlotWorker(env: Record<string, string> = {}): Promise<{ f: TwilioFixture; number: any }> {
  const f = await startTwilioFixture({ manualJobs: false, env: { WORKER_CONCURRENCY: String(SLOTS), ...env } });
  const number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  return { f, number };
}

/** A missed call from `caller`, now: its text-back is the next text the carrier receives. */
export async function expectTextBackNext(f: TwilioFixture, number: any, caller: string): Promise<void> {
  const before = f.sim.messages.length;
  await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
  await f.sim.waitForMessages(before + 1);
  expect((f.sim.messages[before] as { to: string }).to).toBe(caller);
}
