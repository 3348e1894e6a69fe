/**
 * The inbox list's last message: for every conversation on the page, its latest message by time,
 * and by id between messages of the same millisecond (the test clock stands still, so a whole
 * exchange shares one). Over real HTTP, callers playing the demo (sandbox) number.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from '../accounts/browser-session.js';
import type { TestApp } from '../support/test-app.js';
import { startDemoBusiness } from './demo-business.js';

let t: TestApp;
let owner: Browser;
let demoNumber: string;

beforeAll(async () => ({ t, owner, demoNumber } = await startDemoBusiness()));
afterAll(async () => t?.close());

/** A missed call from `phone` (the text-back goes out), then each of `texts` from the caller, all in one millisecond. */
async function callerWrites(phone: string, texts: string[]): Promise<void> {
  await owner.post('/api/v1/sandbox/calls', { to: demoNumber, from: phone, outcome: 'no-answer' });
  await t.drainJobs();
  for (const body of texts) await owner.post('/api/v1/sandbox/messages', { to: demoNumber, from: phone, body });
  await t.drainJobs();
}

it("shows each conversation's latest message, the latest id among messages of one millisecond", async () => {
  await callerWrites('+15125550401', []);
  t.clock.advance(1_000);
  await callerWrites('+15125550402', ['Do you fix boilers?', 'Mine is leaking']);
  t.clock.advance(1_000);
  await callerWrites('+15125550403', ['STOP']);
  t.clock.advance(1_000);
  // The page holds the three conversations of this test and whatever the demo set up.
  const page = (await owner.get('/api/v1/conversations?limit=25')).body.data as Array<{ id: string; contact: { phone: string }; lastMessage: { id: string; body: string } | null }>;
  expect(page.length).toBeGreaterThanOrEqual(3);
  const db = t.runtime.ctx.db;
  for (const conversation of page) {
    const latest = await db
      .selectFrom('messages')
      .select(['id', 'body'])
      .where('conversation_id', '=', conversation.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    expect(conversation.lastMessage && { id: conversation.lastMessage.id, body: conversation.lastMessage.body }).toEqual(latest ?? null);
  }
  const byPhone = new Map(page.map((c) => [c.contact.phone, c.lastMessage]));
  expect(byPhone.get('+15125550402')?.body).toBe('Mine is leaking');
  // Each exchange happened in one millisecond: the ties were there to break.
  const sameMs = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('from_number', '=', '+15125550402').groupBy('created_at').execute();
  expect(sameMs.map((r) => Number(r.n))).toEqual([2]);
});
