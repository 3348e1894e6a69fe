/**
 * A text-back job a worker claims (no write handed it over: a ROLE=worker process beside ROLE=web,
 * or no slot free at the decision) gets its context from the claim statement on PostgreSQL
 * (jobs/read-at-claim.ts): the same row the job's own read returns at that moment, for the job's
 * call only; jobs of other kinds get nothing; and a text-back row the read cannot make sense of (a
 * hand-edited payload that is not JSON) fails neither the claim nor any other job. SQLite's claim
 * reads nothing: its jobs read for themselves.
 *
 * The claims here are a second worker's over the fixture's store, with handlers that record what
 * they were given (the fixture's own worker is driven by hand and holds nothing).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { jobDefinitions } from '../../src/jobs/registry.js';
import { JobWorker, type ClaimedJob } from '../../src/jobs/job-worker.js';
import { readAtClaimOf } from '../../src/jobs/read-at-claim.js';
import { receiveDialResult, receiveIncomingCall } from '../../src/services/handle-call.js';
import { readTextBackContext, textBackContextFrom, type TextBackContext } from '../../src/services/text-back-context.js';
import { textBackJobKey } from '../../src/services/text-back-job-key.js';
import { readCallContext, readNumberContext } from '../../src/services/webhook-context.js';
import { newId } from '../../src/store/ids.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

const NUMBER = '+15550143101';

describe('the claim reads a text-back job’s context', () => {
  let f: TwilioFixture;
  let ctx: AppContext;
  let seq = 0;

  beforeAll(async () => {
    f = await startTwilioFixture();
    ctx = f.t.runtime.ctx;
    await f.addNumber(f.ws, NUMBER, { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    await f.t.drainJobs();
  });
  afterAll(async () => f?.close());

  /** A missed call decided as the routes decide it; its text-back job waits, pending, for a claim. */
  async function missedCall(): Promise<string> {
    const from = `+1555013${String(2000 + seq++).padStart(4, '0')}`;
    const carrierCallId = `CA${String(seq++).padStart(32, '0')}`;
    const known = (await readNumberContext(ctx, NUMBER))!;
    await receiveIncomingCall(ctx, known.number, { carrier: 'twilio', carrierCallId, from, to: NUMBER, at: ctx.clock.now() }, known);
    const call = await ctx.db.selectFrom('calls').select('id').where('carrier_call_id', '=', carrierCallId).executeTakeFirstOrThrow();
    const context = (await readCallContext(ctx, call.id, 'twilio'))!;
    await receiveDialResult(ctx, context.call, { callId: call.id, carrierCallId, dialStatus: 'no-answer', bridged: false, at: ctx.clock.now() }, context);
    const job = await ctx.db.selectFrom('jobs').select(['status']).where('unique_key', '=', textBackJobKey(call.id)).executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    return call.id;
  }

  /** A worker that records what each job was given, and the text-back's own read at that moment. */
  function recordingWorker() {
    const seen: { kind: string; prefetched: unknown; ownRead?: TextBackContext }[] = [];
    const record = (kind: string) => async (job: ClaimedJob) => {
      const ownRead = kind === 'textback.send' ? await readTextBackContext(ctx, String(job.payload.callId)) : undefined;
      seen.push({ kind, prefetched: job.prefetched, ...(ownRead ? { ownRead } : {}) });
    };
    const worker = new JobWorker({
      store: ctx.store,
      clock: ctx.clock,
      logger: pino({ level: 'silent' }),
      handlers: { 'textback.send': record('textback.send'), 'probe.other': record('probe.other') },
      readAtClaim: readAtClaimOf(jobDefinitions),
    });
    return { worker, seen };
  }

  async function insertJob(kind: string, uniqueKey: string | null, payload: string): Promise<string> {
    const now = ctx.clock.now();
    const id = newId('job');
    await ctx.db
      .insertInto('jobs')
      .values({
        id,
        workspace_id: null,
        kind,
        unique_key: uniqueKey,
        payload,
        status: 'pending',
        attempts: 0,
        max_attempts: 3,
        run_at: now,
        locked_by: null,
        locked_until: null,
        last_error: null,
        nudged_run_at: null,
        created_at: now,
        updated_at: now,
        urgent: 1,
      })
      .execute();
    return id;
  }

  it('hands the job the row its own read returns, for its call; a job of another kind gets nothing', async () => {
    const callIds = [await missedCall(), await missedCall()];
    await insertJob('probe.other', `probe:${callIds[0]}`, '{}');
    const { worker, seen } = recordingWorker();
    expect(await worker.drain()).toBe(3);

    const textBacks = seen.filter((s) => s.kind === 'textback.send');
    expect(textBacks.map((s) => s.ownRead!.call.id).sort()).toEqual([...callIds].sort());
    const other = seen.find((s) => s.kind === 'probe.other')!;
    expect(other.prefetched).toBeUndefined();
    for (const s of textBacks) {
      if (ctx.store.dialect === 'postgres') {
        const prefetched = textBackContextFrom(s.prefetched as Record<string, unknown>);
        expect(prefetched).toEqual(s.ownRead);
        expect(prefetched).toMatchObject({ call: { textback_status: 'pending' }, everTexted: false, conversationId: null });
      } else {
        expect(s.prefetched).toBeUndefined();
      }
    }
  });

  it('a text-back row it cannot read fails neither the claim nor the other jobs', async () => {
    const unreadable = await insertJob('textback.send', 'textback:call_gone', 'not json');
    const keyless = await insertJob('textback.send', null, '{"callId":"call_gone_too"}');
    const callId = await missedCall();
    const { worker, seen } = recordingWorker();
    expect(await worker.drain()).toBe(3);

    // The claim ran and took all three; the unreadable one went dead with a readable error.
    const rows = await ctx.db.selectFrom('jobs').select(['id', 'status', 'last_error']).where('id', 'in', [unreadable, keyless]).execute();
    expect(rows.find((r) => r.id === unreadable)).toMatchObject({ status: 'dead', last_error: expect.stringMatching(/not a JSON object/) });
    expect(rows.find((r) => r.id === keyless)).toMatchObject({ status: 'done' });
    // Its call gone (no key to name one): the job reads for itself and finds nothing.
    const keylessRun = seen.find((s) => s.kind === 'textback.send' && s.ownRead === undefined);
    expect(keylessRun).toBeDefined();
    expect(keylessRun!.prefetched === undefined || textBackContextFrom(keylessRun!.prefetched as Record<string, unknown>) === undefined).toBe(true);
    const good = seen.find((s) => s.ownRead?.call.id === callId)!;
    if (ctx.store.dialect === 'postgres') expect(textBackContextFrom(good.prefetched as Record<string, unknown>)).toEqual(good.ownRead);
  });
});
