/**
 * The text-back's queueing write (services/queue-text-back.ts): on PostgreSQL one statement of
 * data-modifying CTEs, on SQLite a transaction. What it must keep: a call settled meanwhile gets
 * nothing; a conversation another write creates at the same moment never loses nor misplaces the
 * text (on PostgreSQL the statement fails whole and the job retries); the send it queues runs in the
 * same worker slot without a claim, and the job is finished by that write, once.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { jobHandlers } from '../../src/jobs/registry.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import { newConversationRow } from '../../src/services/conversations.js';
import { queueTextBack, type TextBackToQueue } from '../../src/services/queue-text-back.js';
import { newId } from '../../src/store/ids.js';
import { startCarrierFixture, type TwilioFixture } from '../support/twilio-fixture.js';
import { testDialect } from '../support/test-database.js';

let f: TwilioFixture;
let callerSeq = 0;
let numberSeq = 0;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  f = await startCarrierFixture('twilio');
});
afterAll(async () => f?.close());

const db = () => f.t.runtime.ctx.db;

/** A missed call whose text-back job is queued but not run yet. */
async function missedCall() {
  const number = await f.addNumber(f.ws, `+1555016${String(1000 + numberSeq++).padStart(4, '0')}`, { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  // The new number's own jobs (its carrier setup) run now, so only the call's jobs are left.
  await f.t.drainJobs();
  const from = `+1555017${String(1000 + callerSeq++).padStart(4, '0')}`;
  await f.call(f.ws, number, { scenario: 'no-answer', from });
  const call = await db().selectFrom('calls').selectAll().where('from_number', '=', from).executeTakeFirstOrThrow();
  const contact = await db().selectFrom('contacts').selectAll().where('id', '=', call.contact_id!).executeTakeFirstOrThrow();
  const phoneNumber = await db().selectFrom('phone_numbers').selectAll().where('id', '=', call.phone_number_id).executeTakeFirstOrThrow();
  return { call, contact, phoneNumber, from };
}

function toQueue(m: Awaited<ReturnType<typeof missedCall>>, conversationId: string | null = null): TextBackToQueue {
  const now = f.t.clock.now();
  return {
    callId: m.call.id,
    workspaceId: m.call.workspace_id,
    contact: m.contact,
    number: m.phoneNumber,
    conversationId,
    messageId: newId('msg', now),
    body: 'Sorry we missed your call',
    now,
  };
}

const conversationsOf = (m: Awaited<ReturnType<typeof missedCall>>) =>
  db().selectFrom('conversations').selectAll().where('contact_id', '=', m.contact.id).where('phone_number_id', '=', m.phoneNumber.id).execute();
const messagesOf = (m: Awaited<ReturnType<typeof missedCall>>) => db().selectFrom('messages').selectAll().where('contact_id', '=', m.contact.id).execute();
const jobsOfKind = (kind: string, key: string) => db().selectFrom('jobs').selectAll().where('kind', '=', kind).where('unique_key', 'like', key).execute();

describe('a call settled between the job’s read and its write', () => {
  it('gets no conversation, no message and no send job; the running job is left to the worker and its follow-up lease given back', async () => {
    const m = await missedCall();
    // Another run skipped it after this job read it as pending.
    await db().updateTable('calls').set({ textback_status: 'skipped', textback_reason: 'test' }).where('id', '=', m.call.id).execute();
    const t = toQueue(m);
    let queued: unknown = 'not run';
    let followUpLockedBy: string | null | undefined;
    const ctx = f.t.runtime.ctx;
    const worker = new JobWorker({
      store: ctx.store,
      clock: f.t.clock,
      logger: silent,
      random: () => 0.5,
      handlers: {
        ...jobHandlers(ctx),
        probe: async () => {
          queued = await queueTextBack(ctx, t);
          // The lease the queueing planned for its send job came back: the next due follow-up
          // takes the first one again (suffix .3 of four).
          await ctx.db.transaction().execute((trx) => enqueueJob(trx, f.t.clock.now(), { kind: 'probe-follow-up', payload: {} }));
          followUpLockedBy = (await ctx.db.selectFrom('jobs').select('locked_by').where('kind', '=', 'probe-follow-up').executeTakeFirstOrThrow()).locked_by;
        },
        'probe-follow-up': async () => undefined,
      },
    });
    const { id: probeId } = await enqueueJob(ctx.db, f.t.clock.now(), { kind: 'probe', payload: {} });
    await worker.drain(1);

    expect(queued).toBeNull();
    expect(followUpLockedBy).toMatch(/\.3$/);
    expect(await messagesOf(m)).toHaveLength(0);
    expect(await conversationsOf(m)).toHaveLength(0);
    expect(await jobsOfKind('message.send', `send:${t.messageId}`)).toHaveLength(0);
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'skipped', textback_message_id: null });
    // The worker finished the job itself (the write that would have did not run).
    expect(await db().selectFrom('jobs').select(['status', 'locked_by']).where('id', '=', probeId!).executeTakeFirstOrThrow()).toEqual({ status: 'done', locked_by: null });
    // And its own text-back job, when it runs, finds the call settled and sends nothing.
    f.sim.clear();
    await f.t.drainJobs();
    expect(f.sim.messages).toHaveLength(0);
    expect(await messagesOf(m)).toHaveLength(0);
  });
});

describe('a second run of the same call’s job (a worker that outlived its lease while another took the job over)', () => {
  it('queues nothing: the call’s text is claimed once, though the call stays pending until the send is accepted', async () => {
    const m = await missedCall();
    const ctx = f.t.runtime.ctx;
    const first = await queueTextBack(ctx, toQueue(m));
    const second = await queueTextBack(ctx, toQueue(m));
    // These stood in for the call's own text-back job, which must not queue a third text later.
    await db().updateTable('jobs').set({ status: 'done' }).where('kind', '=', 'textback.send').where('unique_key', 'like', `%${m.call.id}%`).execute();

    expect(first).toMatchObject({ author: 'textback', status: 'pending' });
    expect(second).toBeNull();
    expect((await messagesOf(m)).map((r) => r.id)).toEqual([first!.id]);
    expect(await jobsOfKind('message.send', `send:${first!.id}`)).toHaveLength(1);
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'pending', textback_message_id: first!.id });
    f.sim.clear();
    await f.t.drainJobs();
    expect(f.sim.messages.map((x) => x.to)).toEqual([m.from]);
  });
});

describe('a late second run that would skip the call (the number paused meanwhile)', () => {
  it('leaves a call whose text is already queued alone: it ends sent, not skipped', async () => {
    const m = await missedCall();
    const ctx = f.t.runtime.ctx;
    // The first run queued the text and lost its lease before finishing; the call's job runs again
    // after the owner paused the number.
    const first = await queueTextBack(ctx, toQueue(m));
    await db().updateTable('phone_numbers').set({ textback_paused_at: f.t.clock.now(), textback_paused_reason: 'test' }).where('id', '=', m.phoneNumber.id).execute();
    f.sim.clear();
    await f.t.drainJobs();
    await db().updateTable('phone_numbers').set({ textback_paused_at: null, textback_paused_reason: null }).where('id', '=', m.phoneNumber.id).execute();

    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'sent', textback_reason: null, textback_message_id: first!.id });
    expect(f.sim.messages.map((x) => x.to)).toEqual([m.from]);
  });
});

describe('the caller’s conversation created after the job’s read found none', () => {
  it('already committed when the text is queued: the text joins it (touched, not duplicated)', async () => {
    const m = await missedCall();
    const now = f.t.clock.now();
    const theirs = newConversationRow({ id: newId('cv', now - 1_000), workspaceId: m.call.workspace_id, contactId: m.contact.id, phoneNumberId: m.phoneNumber.id, now: now - 1_000, practice: 0 });
    await db().insertInto('conversations').values(theirs).execute();

    const message = await queueTextBack(f.t.runtime.ctx, toQueue(m, null));
    // This stood in for the call's own text-back job, which must not queue a second text later.
    await db().updateTable('jobs').set({ status: 'done' }).where('kind', '=', 'textback.send').where('unique_key', 'like', `%${m.call.id}%`).execute();

    expect(message).toMatchObject({ conversation_id: theirs.id, author: 'textback', status: 'pending' });
    const conversations = await conversationsOf(m);
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({ id: theirs.id, last_message_at: now });
    expect((await messagesOf(m)).map((r) => r.conversation_id)).toEqual([theirs.id]);
    expect(await jobsOfKind('message.send', `send:${message!.id}`)).toHaveLength(1);
  });

  // A second connection holding an uncommitted insert needs a server with more than one writer.
  it.skipIf(testDialect !== 'postgres')('being inserted by another transaction while the text is queued: the statement fails whole, the job retries, the text lands once in that conversation', async () => {
    const m = await missedCall();
    const ctx = f.t.runtime.ctx;
    const now = f.t.clock.now();
    // An inbound text from the same caller: its transaction has inserted the conversation and not
    // committed yet, so the text-back's read finds none and its insert has to wait for it.
    const theirs = newConversationRow({ id: newId('cv', now), workspaceId: m.call.workspace_id, contactId: m.contact.id, phoneNumberId: m.phoneNumber.id, now, practice: 0 });
    let commit!: () => void;
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const hasInserted = new Promise<void>((resolve) => (inserted = resolve));
    const inbound = ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('conversations').values(theirs).execute();
      inserted();
      await mayCommit;
    });
    await hasInserted;

    f.sim.clear();
    const drained = f.t.drainJobs();
    // The queueing statement waits on the uncommitted conversation's unique key.
    const waiting = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like 'with claimed as%'`.execute(ctx.db)
      ).rows[0]!.n;
    await expect.poll(waiting, { timeout: 15_000 }).toBe(1);
    commit();
    await inbound;
    await drained;

    const textBack = (await jobsOfKind('textback.send', `%${m.call.id}%`))[0]!;
    // Ran twice, but the race is a deferral, not a failure: the attempt was given back.
    expect(textBack).toMatchObject({ status: 'done', attempts: 1 });
    const conversations = await conversationsOf(m);
    expect(conversations.map((c) => c.id)).toEqual([theirs.id]);
    const messages = await messagesOf(m);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ conversation_id: theirs.id, author: 'textback', call_id: m.call.id });
    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(1);
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'sent', textback_message_id: messages[0]!.id });
    expect(await jobsOfKind('message.send', `send:${messages[0]!.id}`)).toHaveLength(1);
  }, 30_000);
});

describe('the queued send', () => {
  it('runs right after in the same slot without a claim, and the text-back job is finished by the queueing write, once', async () => {
    const m = await missedCall();
    const store = f.t.runtime.ctx.store;
    const statements: string[] = [];
    const before = store.stats.onStatement;
    store.stats.onStatement = (text) => {
      if (!/worker_heartbeats/.test(text)) statements.push(text.replace(/\s+/g, ' ').trim());
    };
    f.sim.clear();
    let ran: number;
    try {
      ran = await f.t.drainJobs();
    } finally {
      store.stats.onStatement = before;
    }
    expect(ran).toBe(2);
    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(1);

    // From the queueing write to the send's own read: nothing in between (no finish of the
    // text-back job by the worker, no claim of the send).
    const queueingEnd = testDialect === 'postgres' ? statements.findIndex((s) => s.startsWith('with claimed as')) : statements.indexOf('commit');
    const sendRead = statements.findIndex((s) => s.startsWith('select "messages".*'));
    expect(queueingEnd).toBeGreaterThan(0);
    expect(statements.slice(queueingEnd + 1, sendRead)).toEqual([]);
    if (testDialect === 'postgres') {
      // One statement, no transaction, for the whole decision to text.
      expect(statements.slice(0, sendRead).filter((s) => /^(begin|commit)\b/.test(s))).toEqual([]);
      expect(statements.filter((s) => s.startsWith('with claimed as'))).toHaveLength(1);
    }

    const textBack = (await jobsOfKind('textback.send', `%${m.call.id}%`))[0]!;
    expect(textBack).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
    const [message] = await messagesOf(m);
    const send = (await jobsOfKind('message.send', `send:${message!.id}`))[0]!;
    expect(send).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
    const conversations = await conversationsOf(m);
    expect(conversations).toHaveLength(1);
    // The same message row as queueOutboundMessage writes.
    expect(message).toMatchObject({
      conversation_id: conversations[0]!.id,
      contact_id: m.contact.id,
      phone_number_id: m.phoneNumber.id,
      direction: 'outbound',
      author: 'textback',
      media: '[]',
      carrier: 'twilio',
      from_number: m.phoneNumber.number,
      to_number: m.from,
      call_id: m.call.id,
      practice: 0,
      body: 'Hi! Sorry we missed your call at Acme Plumbing. How can we help? Reply here. Reply STOP to opt out.',
      error_code: null,
      created_at: f.t.clock.now(),
      status: 'queued',
    });
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'sent', textback_message_id: message!.id });
  });
});
