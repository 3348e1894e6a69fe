/**
 * The dial result's text-back handed to this process's worker (jobs/job-handoff.ts): in ROLE=all a
 * due text-back goes in already leased to the worker and runs in a slot reserved for it, without a
 * claim statement; with no free slot it goes in pending and is claimed as before; a process that
 * dies holding such a lease leaves a job any worker reclaims once the lease expired, and the text
 * goes out once; a retried webhook queues nothing twice and keeps no slot.
 *
 * The webhooks' writes are called as the routes call them (with what the route read first), on
 * PostgreSQL the one-statement decision, on SQLite the transaction: both must lease the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { JobHandoff, type SlotReservation } from '../../src/jobs/job-handoff.js';
import { receiveDialResult, receiveIncomingCall } from '../../src/services/handle-call.js';
import { readTextBackContext, textBackContextFrom } from '../../src/services/text-back-context.js';
import { readCallContext, readNumberContext } from '../../src/services/webhook-context.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let seq = 0;
const nextCaller = () => `+1555013${String(1000 + seq++).padStart(4, '0')}`;
const nextCallSid = () => `CA${String(seq++).padStart(32, '0')}`;

/** The text-back job's own read of its context (services/text-back-context.ts). */
const isContextRead = (text: string) => /^select .* from "calls" as "c" inner join "workspaces" as "w"/s.test(text.replace(/\s+/g, ' ').trim());

/** A claim (the loop's, or a follow-up's by id): the only statements that add an attempt. */
const isClaim = (text: string) => /^(with "claimed" as \()?update "jobs" set .*"attempts" = attempts \+ 1/s.test(text.replace(/\s+/g, ' ').trim());

function webhooks(ctx: AppContext, number: { number: string }) {
  return {
    async voice(carrierCallId: string, from: string) {
      const known = (await readNumberContext(ctx, number.number))!;
      await receiveIncomingCall(ctx, known.number, { carrier: 'twilio', carrierCallId, from, to: number.number, at: ctx.clock.now() }, known);
      return ctx.db.selectFrom('calls').selectAll().where('carrier_call_id', '=', carrierCallId).executeTakeFirstOrThrow();
    },
    async dial(callId: string) {
      const known = (await readCallContext(ctx, callId, 'twilio'))!;
      return receiveDialResult(ctx, known.call, { callId, carrierCallId: known.call.carrier_call_id, dialStatus: 'no-answer', bridged: false, at: ctx.clock.now() }, known);
    },
    textBackJobs: (callId: string) => ctx.db.selectFrom('jobs').selectAll().where('unique_key', '=', `textback:${callId}`).execute(),
    /** Jobs running or due now (a number's later checks stay pending on the manual clock). */
    async unfinishedJobs() {
      const jobs = await ctx.db.selectFrom('jobs').select(['status', 'run_at']).where('status', 'in', ['pending', 'running']).execute();
      return jobs.filter((j) => j.status === 'running' || Number(j.run_at) <= ctx.clock.now()).length;
    },
  };
}

describe('ROLE=all: the worker loop runs in this process', () => {
  let f: TwilioFixture;
  let ctx: AppContext;
  let w: ReturnType<typeof webhooks>;
  const CONCURRENCY = 2;

  beforeAll(async () => {
    // A long poll: the loop claims only when woken, so a claim counted below is one the job needed.
    f = await startTwilioFixture({ manualJobs: false, workerPollMs: 600_000, env: { WORKER_CONCURRENCY: String(CONCURRENCY) } });
    ctx = f.t.runtime.ctx;
    const number = await f.addNumber(f.ws, '+15550143001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    w = webhooks(ctx, number);
    // The number's own setup jobs run first (polled: the loop runs them on its own).
    for (let waited = 0; (await w.unfinishedJobs()) > 0; waited += 20) {
      if (waited > 10_000) throw new Error('the number’s setup jobs did not finish');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(async () => f?.close());

  /** Claim statements issued while `fn` runs and until the call's text-back job is done. */
  const claimsWhile = (callId: string, fn: () => Promise<unknown>) => statementsWhile(callId, isClaim, fn);

  /** Statements that `match`, issued while `fn` runs and until the call's text-back job is done. */
  async function statementsWhile(callId: string, match: (text: string) => boolean, fn: () => Promise<unknown>): Promise<number> {
    let matched = 0;
    const before = ctx.store.stats.onStatement;
    ctx.store.stats.onStatement = (text) => {
      if (match(text)) matched++;
      before?.(text);
    };
    try {
      await fn();
      await expect.poll(async () => (await w.textBackJobs(callId))[0]?.status, { timeout: 10_000 }).toBe('done');
    } finally {
      ctx.store.stats.onStatement = before;
    }
    return matched;
  }

  /** Reserves every free slot of the worker (a webhook's job then goes in pending, to be claimed). */
  function holdEverySlot(): SlotReservation[] {
    const held: SlotReservation[] = [];
    for (let r = f.t.runtime.worker!.reserveSlot(); r; r = f.t.runtime.worker!.reserveSlot()) held.push(r);
    return held;
  }

  /** The dial result with every slot held: its text-back goes in pending; the slots are given back then. */
  async function dialWithNoSlotFree(callId: string): Promise<void> {
    const held = holdEverySlot();
    expect(held).toHaveLength(CONCURRENCY);
    await w.dial(callId);
    expect((await w.textBackJobs(callId))[0]).toMatchObject({ status: 'pending', attempts: 0, locked_by: null });
    for (const r of held) r.giveBack();
  }

  /** Every slot can be reserved (none kept by a webhook), then all are given back. */
  function freeSlots(): number {
    const held = holdEverySlot();
    for (const r of held) r.giveBack();
    return held.length;
  }

  it('a missed call’s text-back runs without a claim statement, and its text goes out once', async () => {
    const from = nextCaller();
    const call = await w.voice(nextCallSid(), from);
    f.sim.clear();
    const claims = await claimsWhile(call.id, () => w.dial(call.id));
    expect(claims).toBe(0);
    await f.sim.waitForMessages(1, { timeoutMs: 10_000 });
    await expect.poll(() => w.unfinishedJobs(), { timeout: 10_000 }).toBe(0);
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
    expect((await w.textBackJobs(call.id))[0]).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
    expect(freeSlots()).toBe(CONCURRENCY);
  });

  it('on PostgreSQL the decision statement reads the job’s context, the same as the job would, and the job reads nothing of its own', async () => {
    const from = nextCaller();
    const call = await w.voice(nextCallSid(), from);
    f.sim.clear();
    // The worker's own reservation, held back at the hand-over long enough to read the context as
    // the job would have, at the same moment; then handed on.
    const worker = f.t.runtime.worker!;
    let handed: { prefetched: unknown; readThen: unknown } | undefined;
    const own = ctx.handoffToWorker;
    ctx.handoffToWorker = () =>
      new JobHandoff({
        reserveSlot: () => {
          const r = worker.reserveSlot();
          return r && {
            ...r,
            run: (row, prefetched) => {
              void readTextBackContext(ctx, call.id).then((readThen) => {
                handed = { prefetched, readThen };
                r.run(row, prefetched);
              });
            },
          };
        },
      });
    let contextReads: number;
    try {
      contextReads = await statementsWhile(call.id, isContextRead, () => w.dial(call.id));
    } finally {
      ctx.handoffToWorker = own;
    }
    expect(handed).toBeDefined();
    if (ctx.store.dialect === 'postgres') {
      const prefetched = textBackContextFrom(handed!.prefetched as Record<string, unknown>);
      expect(prefetched).toEqual(handed!.readThen);
      expect(prefetched).toMatchObject({ call: { id: call.id, textback_status: 'pending' }, contact: { phone: from }, everTexted: false });
      expect(contextReads).toBe(1); // the test's own read above, none by the job
    } else {
      // SQLite decides in a transaction of its own statements: the job reads its context itself.
      expect(handed!.prefetched).toBeUndefined();
      expect(contextReads).toBe(2);
    }
    await f.sim.waitForMessages(1, { timeoutMs: 10_000 });
    const texts = f.sim.messages.filter((m) => m.to === from);
    expect(texts).toHaveLength(1);
    // Rendered from that context: the first text to this caller carries the opt-out line.
    expect(texts[0]!.body).toMatch(/STOP/);
    expect(freeSlots()).toBe(CONCURRENCY);
  });

  it('with no free slot the text-back goes in pending, is claimed once a slot frees, and goes out once', async () => {
    const from = nextCaller();
    const call = await w.voice(nextCallSid(), from);
    f.sim.clear();
    const claims = await claimsWhile(call.id, () => dialWithNoSlotFree(call.id));
    expect(claims).toBeGreaterThanOrEqual(1);
    await f.sim.waitForMessages(1, { timeoutMs: 10_000 });
    await expect.poll(() => w.unfinishedJobs(), { timeout: 10_000 }).toBe(0);
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
    expect((await w.textBackJobs(call.id))[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(freeSlots()).toBe(CONCURRENCY);
  });

  it('a text-back the worker claims: on PostgreSQL the claim reads its context, and the job reads none of its own', async () => {
    const from = nextCaller();
    const call = await w.voice(nextCallSid(), from);
    f.sim.clear();
    // No slot free at the decision: the loop claims the job, as a ROLE=worker process claims every
    // job a ROLE=web process decides.
    let claims = 0;
    const contextReads = await statementsWhile(
      call.id,
      (text) => {
        if (isClaim(text)) claims++;
        return isContextRead(text);
      },
      () => dialWithNoSlotFree(call.id),
    );
    expect(claims).toBeGreaterThanOrEqual(1);
    expect(contextReads).toBe(ctx.store.dialect === 'postgres' ? 0 : 1);
    await f.sim.waitForMessages(1, { timeoutMs: 10_000 });
    const texts = f.sim.messages.filter((m) => m.to === from);
    expect(texts).toHaveLength(1);
    // Rendered from what the claim read: the first text to this caller carries the opt-out line.
    expect(texts[0]!.body).toMatch(/STOP/);
    expect((await w.textBackJobs(call.id))[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(freeSlots()).toBe(CONCURRENCY);
  });

  it('a retried dial-result webhook queues nothing twice and keeps no slot', async () => {
    const from = nextCaller();
    const call = await w.voice(nextCallSid(), from);
    f.sim.clear();
    const first = await w.dial(call.id);
    const second = await w.dial(call.id);
    expect(second).toEqual(first);
    await f.sim.waitForMessages(1, { timeoutMs: 10_000 });
    await expect.poll(() => w.unfinishedJobs(), { timeout: 10_000 }).toBe(0);
    // The retry once more, after the first text went out.
    expect(await w.dial(call.id)).toEqual(first);
    expect(await w.textBackJobs(call.id)).toHaveLength(1);
    expect(await w.unfinishedJobs()).toBe(0);
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
    expect(freeSlots()).toBe(CONCURRENCY);
  });
});

describe('a process that dies between its commit and running the job it was handed', () => {
  let f: TwilioFixture;
  let ctx: AppContext;
  let w: ReturnType<typeof webhooks>;
  const LEASE_MS = 30_000;

  beforeAll(async () => {
    // This process's worker is driven by hand (drainJobs): it is the one that outlives the other.
    f = await startTwilioFixture({ workerLeaseMs: LEASE_MS });
    ctx = f.t.runtime.ctx;
    const number = await f.addNumber(f.ws, '+15550143002', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    w = webhooks(ctx, number);
    await f.t.drainJobs();
  });
  afterAll(async () => f?.close());

  it('leaves a leased job that a worker reclaims after the lease; the text goes out exactly once', async () => {
    const from = nextCaller();
    const call = await w.voice(nextCallSid(), from);
    f.sim.clear();
    // The dying process: its worker reserved a slot and the webhook leased the job to it, then it
    // died before the job was handed over (run never runs anything).
    const dead: SlotReservation = {
      token: 'w-dead:000000000000',
      lockedUntil: ctx.clock.now() + LEASE_MS,
      run: () => undefined,
      giveBack: () => undefined,
    };
    const own = ctx.handoffToWorker;
    ctx.handoffToWorker = () => new JobHandoff({ reserveSlot: () => dead });
    try {
      await w.dial(call.id);
    } finally {
      ctx.handoffToWorker = own;
    }
    expect((await w.textBackJobs(call.id))[0]).toMatchObject({ status: 'running', attempts: 1, locked_by: dead.token, locked_until: dead.lockedUntil });

    // While the lease holds, no worker takes it.
    expect(await f.t.drainJobs()).toBe(0);
    expect(f.sim.messages).toHaveLength(0);

    f.t.clock.advance(LEASE_MS + 1);
    expect(await f.t.drainJobs()).toBeGreaterThanOrEqual(1);
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
    expect((await w.textBackJobs(call.id))[0]).toMatchObject({ status: 'done', attempts: 2, locked_by: null });

    // Nothing left to send it again.
    f.t.clock.advance(LEASE_MS + 1);
    await f.t.drainJobs();
    expect(f.sim.messages.filter((m) => m.to === from)).toHaveLength(1);
  });
});
