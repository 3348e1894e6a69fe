/**
 * The call webhooks' writes under races, called as the webhook routes call them (with what the
 * route read first). On PostgreSQL each is one statement (services/incoming-call-statement.ts,
 * services/call-decision-statement.ts); these tests hold a competing transaction open so that the
 * statements really wait on each other, then check what the transaction they replaced guaranteed:
 * a call decided once, its job and cooldown written only by the delivery that decided it, one call
 * and one contact however many deliveries or callers race. The sequential cases run on SQLite too.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { receiveDialResult, receiveIncomingCall } from '../../src/services/handle-call.js';
import { readCallContext, readNumberContext } from '../../src/services/webhook-context.js';
import { testDialect } from '../support/test-database.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

const onPostgres = testDialect === 'postgres';

describe('call webhooks under races', () => {
  let f: TwilioFixture;
  let ctx: AppContext;
  let number: { number: string };
  let seq = 0;
  const nextCaller = () => `+1555012${String(1000 + seq++).padStart(4, '0')}`;
  const nextCallSid = () => `CA${String(seq++).padStart(32, '0')}`;

  beforeAll(async () => {
    f = await startTwilioFixture();
    ctx = f.t.runtime.ctx;
    number = await f.addNumber(f.ws, '+15550142001', { forwardTo: ['+15550109999'], voicemail: { enabled: false }, missedCallTextBack: { cooldownMinutes: 60 } });
  });
  afterAll(async () => f?.close());

  async function voice(carrierCallId: string, from: string) {
    const known = (await readNumberContext(ctx, number.number))!;
    return receiveIncomingCall(ctx, known.number, { carrier: 'twilio', carrierCallId, from, to: number.number, at: ctx.clock.now() }, known);
  }

  async function dial(callId: string, dialStatus: string, bridged: boolean) {
    const known = (await readCallContext(ctx, callId, 'twilio'))!;
    return receiveDialResult(ctx, known.call, { callId, carrierCallId: known.call.carrier_call_id, dialStatus, bridged, at: ctx.clock.now() }, known);
  }

  async function callBySid(carrierCallId: string) {
    return ctx.db.selectFrom('calls').selectAll().where('carrier_call_id', '=', carrierCallId).executeTakeFirstOrThrow();
  }

  async function written(callId: string, caller: string) {
    const jobs = await ctx.db.selectFrom('jobs').select(['kind', 'run_at']).where('unique_key', '=', `textback:${callId}`).execute();
    const cooldowns = await ctx.db.selectFrom('textback_cooldowns').select(['call_id']).where('caller', '=', caller).execute();
    return { jobs, cooldowns };
  }

  /** A second connection, for a transaction the webhooks must wait on. */
  async function blocker(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: f.t.database.url });
    await client.connect();
    await client.query('begin');
    return client;
  }

  /** Resolves once `n` statements wait for a lock (the webhooks queued behind the blocker). */
  async function lockWaiters(n: number): Promise<void> {
    for (;;) {
      const r = await sql<{ n: string }>`select count(*) as n from pg_locks where not granted`.execute(ctx.db);
      if (Number(r.rows[0]!.n) >= n) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('an answered call queues no job and claims no cooldown', async () => {
    const from = nextCaller();
    const sid = nextCallSid();
    expect((await voice(sid, from)).kind).toBe('dial');
    const call = await callBySid(sid);
    expect(await dial(call.id, 'completed', true)).toEqual({ kind: 'hangup' });
    expect(await callBySid(sid)).toMatchObject({ outcome: 'answered', dial_status: 'completed', textback_status: null });
    expect(await written(call.id, from)).toEqual({ jobs: [], cooldowns: [] });
  });

  it('a duplicate dial result answers from the stored decision and writes nothing more', async () => {
    const from = nextCaller();
    const sid = nextCallSid();
    await voice(sid, from);
    const call = await callBySid(sid);
    const first = await dial(call.id, 'no-answer', false);
    const second = await dial(call.id, 'completed', true);
    expect(second).toEqual(first);
    // The later delivery's dial result is stored, its decision is not.
    expect(await callBySid(sid)).toMatchObject({ outcome: 'missed', dial_status: 'completed', textback_status: 'pending' });
    const { jobs, cooldowns } = await written(call.id, from);
    expect(jobs).toHaveLength(1);
    expect(cooldowns).toEqual([{ call_id: call.id }]);
  });

  it('a duplicate voice webhook finds the call: one call, one contact', async () => {
    const from = nextCaller();
    const sid = nextCallSid();
    const [a, b] = [await voice(sid, from), await voice(sid, from)];
    expect(b).toEqual(a);
    expect(await ctx.db.selectFrom('calls').select('id').where('carrier_call_id', '=', sid).execute()).toHaveLength(1);
    expect(await ctx.db.selectFrom('contacts').select('id').where('phone', '=', from).execute()).toHaveLength(1);
  });

  describe.runIf(onPostgres)('racing on PostgreSQL', () => {
    it('a cooldown slot taken by a text that commits while the decision waits: the call is skipped for the cooldown, not texted', async () => {
      // The caller was texted two days ago (the slot is free for a 60-minute cooldown); another
      // call's text takes the slot and commits after this decision's statement began, refusing its
      // claim. The re-plan must see that text, not the statement's older snapshot of the slot.
      const from = nextCaller();
      const sid = nextCallSid();
      await voice(sid, from);
      const call = await callBySid(sid);
      const now = ctx.clock.now();
      await sql`insert into textback_cooldowns (phone_number_id, caller, last_texted_at, call_id) values (${call.phone_number_id}, ${from}, ${now - 2 * 86_400_000}, 'old')`.execute(ctx.db);
      const hold = await blocker();
      try {
        await hold.query("update textback_cooldowns set last_texted_at = $3, call_id = 'other' where phone_number_id = $1 and caller = $2", [call.phone_number_id, from, now]);
        const deciding = dial(call.id, 'no-answer', false);
        await lockWaiters(1);
        await hold.query('commit');
        await deciding;
      } finally {
        await hold.end();
      }
      const stored = await callBySid(sid);
      expect({ status: stored.textback_status, jobs: (await written(call.id, from)).jobs.length }).toEqual({ status: 'skipped', jobs: 0 });
      expect(stored.textback_reason).toMatch(/^Cooldown/);
    });

    it.each([
      ['missed and answered', 'no-answer', false, 'completed', true],
      ['missed twice', 'no-answer', false, 'busy', false],
    ] as const)('two dial results at once (%s): decided once, job and cooldown only with a missed decision', async (_label, s1, b1, s2, b2) => {
      const from = nextCaller();
      const sid = nextCallSid();
      await voice(sid, from);
      const call = await callBySid(sid);
      // Both deliveries read the call undecided, then queue behind a lock on it.
      const hold = await blocker();
      try {
        await hold.query('select id from calls where id = $1 for update', [call.id]);
        const racing = Promise.all([dial(call.id, s1, b1), dial(call.id, s2, b2)]);
        await lockWaiters(2);
        await hold.query('commit');
        const [r1, r2] = await racing;
        expect(r2).toEqual(r1);
      } finally {
        await hold.end();
      }
      const stored = await callBySid(sid);
      const { jobs, cooldowns } = await written(call.id, from);
      if (stored.outcome === 'answered') {
        expect(stored.textback_status).toBeNull();
        expect({ jobs, cooldowns }).toEqual({ jobs: [], cooldowns: [] });
      } else {
        expect(stored).toMatchObject({ outcome: 'missed', textback_status: 'pending' });
        expect(jobs).toHaveLength(1);
        expect(cooldowns).toEqual([{ call_id: call.id }]);
      }
    });

    it('two missed calls from one caller at once: one claims the cooldown and is texted, the other is skipped for it', async () => {
      const from = nextCaller();
      const [sidA, sidB] = [nextCallSid(), nextCallSid()];
      await voice(sidA, from);
      await voice(sidB, from);
      const [a, b] = [await callBySid(sidA), await callBySid(sidB)];
      // The blocker holds the caller's cooldown slot: both claims wait, then one takes it.
      const hold = await blocker();
      try {
        await hold.query("insert into textback_cooldowns (phone_number_id, caller, last_texted_at, call_id) values ($1, $2, 0, 'none')", [a.phone_number_id, from]);
        const racing = Promise.all([dial(a.id, 'no-answer', false), dial(b.id, 'no-answer', false)]);
        await lockWaiters(2);
        await hold.query('rollback');
        await racing;
      } finally {
        await hold.end();
      }
      const calls = [await callBySid(sidA), await callBySid(sidB)];
      expect(calls.map((c) => c.outcome)).toEqual(['missed', 'missed']);
      const sent = calls.filter((c) => c.textback_status === 'pending');
      const skipped = calls.filter((c) => c.textback_status === 'skipped');
      expect(sent).toHaveLength(1);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]!.textback_reason).toMatch(/^Cooldown/);
      expect((await written(sent[0]!.id, from)).jobs).toHaveLength(1);
      expect((await written(skipped[0]!.id, from)).jobs).toHaveLength(0);
      expect((await written(sent[0]!.id, from)).cooldowns).toEqual([{ call_id: sent[0]!.id }]);
    });

    it.each([
      ['the other request commits its contact', 'commit'],
      ['the other request rolls back', 'rollback'],
    ] as const)('a new caller whose contact another request is creating (%s): one contact, every call on it', async (_label, end) => {
      const from = nextCaller();
      const [sidA, sidB] = [nextCallSid(), nextCallSid()];
      const hold = await blocker();
      try {
        await hold.query(
          `insert into contacts (id, workspace_id, phone, opted_out, textable, unreachable_strikes, created_at, updated_at, practice)
           values ('ct_blocker_' || $2, $1, $2, 0, 1, 0, 0, 0, 0)`,
          [f.ws.id, from],
        );
        // Two calls from the new number, and a duplicate delivery of the first.
        const racing = Promise.all([voice(sidA, from), voice(sidB, from), voice(sidA, from)]);
        await lockWaiters(3);
        await hold.query(end);
        const plans = await racing;
        expect(plans.map((p) => p.kind)).toEqual(['dial', 'dial', 'dial']);
        expect(plans[2]).toEqual(plans[0]);
      } finally {
        await hold.end();
      }
      const contacts = await ctx.db.selectFrom('contacts').select('id').where('workspace_id', '=', f.ws.id).where('phone', '=', from).execute();
      expect(contacts).toHaveLength(1);
      if (end === 'commit') expect(contacts[0]!.id).toBe(`ct_blocker_${from}`);
      const calls = await ctx.db.selectFrom('calls').select(['carrier_call_id', 'contact_id']).where('carrier_call_id', 'in', [sidA, sidB]).execute();
      expect(calls).toHaveLength(2);
      expect(calls.map((c) => c.contact_id)).toEqual([contacts[0]!.id, contacts[0]!.id]);
    });
  });
});
