/**
 * The text-back's queueing write (services/queue-text-back.ts): on PostgreSQL one statement of
 * data-modifying CTEs, on SQLite a transaction. What it must keep: a call settled meanwhile gets
 * nothing; a conversation another write creates at the same moment never loses nor misplaces the
 * text (on PostgreSQL the statement fails whole and the job retries). And the text-back due now is
 * sent by its own job (services/send-text-back-now.ts): one job per call, the queueing write marks
 * the text `sending` through the opt-out gate; a failure to retry, a crash after that write and an
 * opt-out since the job's read each go on as the message's `message.send` job, as every text's send.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { jobHandlers } from '../../src/jobs/registry.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import { newConversationRow } from '../../src/services/conversations.js';
import { LOST_REQUEST_SETTLE_MS } from '../../src/services/outbound-messages.js';
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
    // As a run that leaves the send to its send job: the path a text-back takes when it cannot send itself.
    sendsItself: false,
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
        probe: async (_job, { db }) => {
          // As a job handler's ctx: the job's own db (registry.ts).
          queued = await queueTextBack({ ...ctx, db }, t);
          // The lease the queueing planned for its send job came back: the next due follow-up
          // takes the first one again (suffix .3 of four).
          await db.transaction().execute((trx) => enqueueJob(trx, f.t.clock.now(), { kind: 'probe-follow-up', payload: {} }));
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
    // The retried run sent it itself.
    expect(await jobsOfKind('message.send', `send:${messages[0]!.id}`)).toHaveLength(0);
  }, 30_000);
});

describe('a text-back due now', () => {
  it('is sent by its own job, one job for the call: the queueing write marks it `sending`, the carrier is called next, and the acceptance finishes the job', async () => {
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
    expect(ran).toBe(1);
    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(1);

    // No read of the message back, no `sending` update of its own on PostgreSQL (the queueing
    // statement writes it), no send job claimed or finished.
    expect(statements.filter((s) => s.startsWith('select "messages".*'))).toEqual([]);
    expect(statements.filter((s) => s.startsWith('insert into "jobs"'))).toEqual([]);
    const acceptance = statements.findIndex((s) => /^(with "accepted"|update "messages" set "carrier_message_id")/.test(s));
    if (testDialect === 'postgres') {
      // The queueing statement, then the acceptance statement: nothing in between, no transaction.
      const queueing = statements.findIndex((s) => s.startsWith('with claimed as'));
      expect(queueing).toBeGreaterThan(0);
      expect(statements.slice(queueing + 1, acceptance)).toEqual([]);
      expect(statements.filter((s) => /^(begin|commit)\b/.test(s))).toEqual([]);
    } else {
      // The queueing transaction inserts the message already `sending` (the last gate is in the
      // insert: no update of its own) and commits; then the acceptance's. (The claim before it may
      // have committed on its own: group commit wraps a lone write in a transaction too.)
      const queueingCommit = statements.indexOf('commit', statements.findIndex((s) => s.startsWith('update "calls"')));
      const queueing = statements.slice(statements.lastIndexOf('begin immediate', queueingCommit), queueingCommit + 1);
      expect(queueing.map((s) => /^(begin immediate|commit|update "\w+"|insert into "\w+")/.exec(s)?.[0] ?? s)).toEqual([
        'begin immediate',
        'update "calls"',
        'insert into "conversations"',
        'insert into "messages"',
        'commit',
      ]);
      expect(queueing[3]).toMatch(/ case when \(exists .* then 'sending' else 'pending' end as "status", .* returning "status"$/);
      expect(statements.slice(queueingCommit + 1, acceptance)).toEqual(['begin immediate']);
    }

    const textBack = (await jobsOfKind('textback.send', `%${m.call.id}%`))[0]!;
    expect(textBack).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
    const [message] = await messagesOf(m);
    expect(await jobsOfKind('message.send', `send:${message!.id}`)).toEqual([]);
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
      carrier_message_id: f.sim.messages.find((s) => s.to === m.from)!.sid,
    });
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'sent', textback_message_id: message!.id });
  });

  it.skipIf(testDialect !== 'postgres')('a voicemail saved while the carrier answers the send: the acceptance and the voicemail both commit (no deadlock), one text, the job done', async () => {
    const m = await missedCall();
    f.sim.clear();
    // The carrier holds its answer, so the voicemail's transaction can take the call's row first.
    f.sim.failNext(1, { delayMs: 400 });
    const sendArrived = new Promise<void>((resolve) => f.sim.events.once('received', () => resolve()));
    const drained = f.t.drainJobs();
    await sendArrived;
    const textBackKey = `%${m.call.id}%`;
    await db()
      .transaction()
      .execute(async (trx) => {
        // As receiveVoicemail: the call's row, then the call's text-back job (advanceJob).
        await trx.updateTable('calls').set({ voicemail_duration: 12 }).where('id', '=', m.call.id).execute();
        // Until the acceptance statement waits for this transaction's lock on the call.
        for (let waited = 0; ; waited++) {
          const blocked = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
            where wait_event_type = 'Lock' and query like 'with "accepted"%' and datname = current_database()`.execute(db());
          if (Number(blocked.rows[0]!.n) > 0) break;
          if (waited > 400) throw new Error('the acceptance statement never waited for the call');
          await new Promise((r) => setTimeout(r, 10));
        }
        await trx.updateTable('jobs').set({ nudged_run_at: f.t.clock.now() }).where('kind', '=', 'textback.send').where('unique_key', 'like', textBackKey).execute();
      });
    await drained;
    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(1);
    const [message] = await messagesOf(m);
    expect(message).toMatchObject({ status: 'queued', carrier_message_id: f.sim.messages.find((s) => s.to === m.from)!.sid });
    expect((await jobsOfKind('textback.send', textBackKey))[0]).toMatchObject({ status: 'done', last_error: null });
    expect(await jobsOfKind('message.send', `send:${message!.id}`)).toEqual([]);
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'sent', voicemail_duration: 12 });
  });

  it('a carrier failure worth retrying: the send goes on as the message’s send job, with the attempt counted and its backoff, and the caller gets one text', async () => {
    const m = await missedCall();
    f.sim.clear();
    f.sim.failNext(1, { status: 500 });
    await f.t.drainJobs();
    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(0);

    const textBack = (await jobsOfKind('textback.send', `%${m.call.id}%`))[0]!;
    expect(textBack).toMatchObject({ status: 'done', attempts: 1 });
    const [message] = await messagesOf(m);
    expect(message).toMatchObject({ status: 'pending' });
    const [send] = await jobsOfKind('message.send', `send:${message!.id}`);
    // As if the send job had made the failed attempt itself: one spent, the backoff after a first one (1-2 s).
    expect(send).toMatchObject({ status: 'pending', attempts: 1, max_attempts: 10 });
    expect(send!.last_error).toBeTruthy();
    expect(send!.run_at - f.t.clock.now()).toBeGreaterThanOrEqual(1_000);
    expect(send!.run_at - f.t.clock.now()).toBeLessThanOrEqual(2_000);
    const pending = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ textback_status: 'pending', textback_message_id: message!.id });
    expect(pending.textback_reason).toMatch(/^Not sent yet, will retry/);

    f.t.clock.advance(2_001);
    await f.t.drainJobs();
    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(1);
    expect((await jobsOfKind('message.send', `send:${message!.id}`))[0]).toMatchObject({ status: 'done', attempts: 2 });
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'sent', textback_reason: null });
  });

  it('a 429: the send job waits what the carrier asked before its next attempt', async () => {
    const m = await missedCall();
    f.sim.clear();
    f.sim.failNext(1, { status: 429, retryAfter: '120' });
    await f.t.drainJobs();
    const [message] = await messagesOf(m);
    const [send] = await jobsOfKind('message.send', `send:${message!.id}`);
    expect(send).toMatchObject({ status: 'pending', attempts: 1, run_at: f.t.clock.now() + 120_000 });
    f.t.clock.advance(120_000);
    await f.t.drainJobs();
    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(1);
  });

  it('its worker gone after the queueing write committed, before the carrier was called: the job’s next run hands the message to its send job, which finds no text at the carrier and sends one', async () => {
    const m = await missedCall();
    const ctx = f.t.runtime.ctx;
    // The write a run that died made: the message `sending`, the call's text claimed, the call's
    // own job still to run again (its lease expired).
    const queued = await queueTextBack(ctx, { ...toQueue(m), sendsItself: true });
    expect(queued).toMatchObject({ status: 'sending' });
    f.sim.clear();
    // The dead run's lease runs out first, and with it the time a request it had sent would take to
    // be listed (LOST_REQUEST_SETTLE_MS): not finding the text then means it was never sent.
    f.t.clock.advance(LOST_REQUEST_SETTLE_MS);
    await f.t.drainJobs();

    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(1);
    // It asked the carrier first: a `sending` message may have gone out.
    expect(f.sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json'))).toHaveLength(1);
    expect((await messagesOf(m)).map((r) => r.id)).toEqual([queued!.id]);
    expect((await jobsOfKind('message.send', `send:${queued!.id}`))[0]).toMatchObject({ status: 'done' });
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'sent', textback_message_id: queued!.id });
  });

  it('the caller opted out after the job read the contact: the queueing write does not mark it `sending`; its send job refuses it and the call is skipped', async () => {
    const m = await missedCall();
    const ctx = f.t.runtime.ctx;
    await db().updateTable('contacts').set({ opted_out: 1, opted_out_at: f.t.clock.now() }).where('id', '=', m.contact.id).execute();
    // The contact as the job read it, before the STOP.
    const before = { ...ctx.store.stats };
    const queued = await queueTextBack(ctx, { ...toQueue(m), sendsItself: true });
    expect(queued).toMatchObject({ status: 'pending' });
    // On SQLite the gate is in the message's insert: BEGIN, the claim, the conversation, the
    // message, its send job, COMMIT (no update of the message of its own). PostgreSQL: one statement.
    expect(ctx.store.stats.queries - before.queries).toBe(testDialect === 'postgres' ? 1 : 6);
    expect(ctx.store.stats.commits - before.commits).toBe(1);
    expect(await jobsOfKind('message.send', `send:${queued!.id}`)).toHaveLength(1);
    f.sim.clear();
    await f.t.drainJobs();

    expect(f.sim.messages.filter((s) => s.to === m.from)).toHaveLength(0);
    expect((await messagesOf(m))[0]).toMatchObject({ status: 'refused' });
    const call = await db().selectFrom('calls').selectAll().where('id', '=', m.call.id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ textback_status: 'skipped', textback_reason: 'The contact opted out of texts' });
  });
});
