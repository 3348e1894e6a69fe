/**
 * The overview's figures against a scripted week whose right answers are written here, step by
 * step as docs/dashboard.md defines them: a STOP, HELP or auto-reply is no reply; a call skipped by
 * the cooldown is not texted, and a later text belongs to the call that was texted; a conversation
 * is handled once, by who answered first; the phone simulator's practice calls are left out unless
 * asked for, and can be cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../src/domain/business-hours.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
beforeAll(async () => {
  f = await startTwilioFixture();
});
afterAll(async () => f?.close());

const HOUR = 3600_000;

describe('overview figures', () => {
  it('counts exactly what the definitions say', async () => {
    const w = await f.addWorkspace('Exact Plumbing');
    const number = await f.addNumber(w, '+15550100061', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const sms = (from: string, body: string) => f.sim.sendInboundSms({ accountSid: w.accountSid, from, to: number.number, body, smsUrl: number.webhooks.smsUrl });
    const missed = async (from: string) => {
      await f.call(w, number, { scenario: 'no-answer', from });
      f.t.clock.advance(5_000);
      await f.t.drainJobs();
    };
    const staffReply = async (phone: string, body: string) => {
      const convs = await f.t.api('GET', `/api/v1/conversations?q=${encodeURIComponent(phone.slice(2))}`, { token: w.apiKey });
      const conv = convs.body.data.find((c: any) => c.contact.phone === phone);
      const res = await f.t.api('POST', `/api/v1/conversations/${conv.id}/messages`, { token: w.apiKey, body: { body } });
      expect(res.status).toBe(201);
      await f.t.drainJobs();
    };
    const A = '+15550104001'; // replies, staff answers twice; calls again within the cooldown and texts again
    const B = '+15550104002'; // answers the text-back with STOP
    const C = '+15550104003'; // an auto-reply answers for them
    const D = '+15550104004'; // the call is answered: not missed at all
    const E = '+15550104005'; // replies; nobody has answered yet
    const H = '+15550104006'; // texts HELP

    await missed(A); //                               missed 1, texted 1
    await sms(A, 'Yes please, can someone come today?'); // replied 1 (A)
    await staffReply(A, 'Calling you in 5 minutes.'); //    A handled by staff
    await staffReply(A, 'Sorry, running late.'); //         still one conversation
    await missed(B); //                               missed 2, texted 2
    await sms(B, 'STOP'); //                          not a reply
    await missed(C); //                               missed 3, texted 3
    await sms(C, 'Auto-reply: I am away until Monday.'); // not a reply
    await f.call(w, number, { scenario: 'answered', from: D });
    f.t.clock.advance(HOUR);
    await missed(A); //                               missed 4; cooldown: not texted
    await sms(A, 'Still need that leak fixed'); //    belongs to this untexted call: no new reply
    await missed(E); //                               missed 5, texted 4
    await sms(E, 'How much for a drain clean?'); //   replied 2 (E), not handled
    await missed(H); //                               missed 6, texted 5
    await sms(H, 'HELP'); //                          not a reply

    const calls = await f.t.api('GET', '/api/v1/calls?limit=20', { token: w.apiKey });
    const skipped = calls.body.data.filter((c: any) => c.textBack.status === 'skipped');
    expect(skipped.map((c: any) => c.from)).toEqual([A]);

    const res = await f.t.api('GET', '/api/v1/stats/overview?days=7', { token: w.apiKey });
    expect(res.body.totals).toEqual({ missed: 6, texted: 5, replied: 2, leadsRecovered: 2, agentHandled: 0, staffHandled: 1 });
    expect(res.body.sandboxMissed).toBe(0);
  });

  /** A business with one missed call texted back: its texted call and text-back rows, to copy. */
  async function businessTextedOnce(name: string, numberE164: string, caller: string) {
    const w = await f.addWorkspace(name);
    const number = await f.addNumber(w, numberE164, { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    await f.call(w, number, { scenario: 'no-answer', from: caller });
    f.t.clock.advance(5_000);
    await f.t.drainJobs();
    const db = f.t.runtime.ctx.db;
    const call = await db.selectFrom('calls').selectAll().where('workspace_id', '=', w.id).executeTakeFirstOrThrow();
    expect(call.textback_status).toBe('sent');
    const text = await db.selectFrom('messages').selectAll().where('id', '=', call.textback_message_id!).executeTakeFirstOrThrow();
    return { w, db, call, text };
  }

  it('counts every missed call of a busy range, the newest included', async () => {
    const { w, db, call } = await businessTextedOnce('Busy Plumbing', '+15550100066', '+15550104030');
    // 20,049 earlier missed calls of the same caller, not texted (the cooldown), every 10 s before it:
    // more than the overview once read (the 20,000 oldest, which left out the newest days).
    const earlier = Array.from({ length: 20_049 }, (_, i) => ({
      ...call,
      id: `${call.id}_${i}`,
      carrier_call_id: `${call.carrier_call_id}_${i}`,
      started_at: Number(call.started_at) - (i + 1) * 10_000,
      textback_status: 'skipped' as const,
      textback_reason: 'cooldown',
      textback_message_id: null,
    }));
    for (let i = 0; i < earlier.length; i += 500) await db.insertInto('calls').values(earlier.slice(i, i + 500)).execute();

    const res = await f.t.api('GET', '/api/v1/stats/overview?days=7', { token: w.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ missed: 20_050, texted: 1 });
    expect(res.body.medianSecondsToText).not.toBeNull();
  });

  it("counts each day by the business's local dates, and the median of an even count is the mean of the middle two", async () => {
    const { w, db, call, text } = await businessTextedOnce('Chicago Plumbing', '+15550100067', '+15550104040');
    await db.updateTable('workspaces').set({ timezone: 'America/Chicago' }).where('id', '=', w.id).execute();
    // Only the calls written below, copies of the real one.
    await db.deleteFrom('calls').where('workspace_id', '=', w.id).execute();
    // Texted calls every 50 minutes over the last 3 days (across Chicago's midnights and the quarter
    // hours around them), each text sent 10, 20, 30 or 40 s after its call: even count, median 25.
    const now = f.t.clock.now();
    const startedAt = Array.from({ length: 88 }, (_, i) => now - 60_000 - i * 50 * 60_000);
    for (const [i, started] of startedAt.entries()) {
      const sentAfter = [10_000, 20_000, 30_000, 40_000][i % 4]!;
      await db.insertInto('messages').values({ ...text, id: `${text.id}_${i}`, carrier_message_id: `SM_local_${i}`, created_at: started, sent_at: started + sentAfter }).execute();
      await db
        .insertInto('calls')
        .values({ ...call, id: `${call.id}_${i}`, carrier_call_id: `${call.carrier_call_id}_${i}`, started_at: started, ended_at: started, outcome_decided_at: started, textback_message_id: `${text.id}_${i}` })
        .execute();
    }
    const expected = new Map<string, number>();
    for (const started of startedAt) expected.set(localDateOf(started, 'America/Chicago'), (expected.get(localDateOf(started, 'America/Chicago')) ?? 0) + 1);

    const res = await f.t.api('GET', '/api/v1/stats/overview?days=7', { token: w.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.perDay.map((d: any) => [d.date, d.missed, d.texted])).toEqual([...expected].sort().map(([date, n]) => [date, n, n]));
    expect(res.body.totals).toMatchObject({ missed: 88, texted: 88 });
    expect(res.body.medianSecondsToText).toBe(25);
  });

  it('takes the median of an odd count as its middle value, counting only texts that left', async () => {
    const { w, db, call, text } = await businessTextedOnce('Odd Plumbing', '+15550100068', '+15550104050');
    await db.deleteFrom('calls').where('workspace_id', '=', w.id).execute();
    const now = f.t.clock.now();
    // Sent 5, 50 and 7 s after their calls (median 7), and one texted call whose text never got a
    // sent time (not counted: with it the count is even and the median 28.5 or 6).
    const sentAfter = [5_000, 50_000, 7_000, null];
    for (const [i, after] of sentAfter.entries()) {
      const started = now - 3_600_000 - i * 60_000;
      await db
        .insertInto('messages')
        .values({ ...text, id: `${text.id}_odd_${i}`, carrier_message_id: `SM_odd_${i}`, created_at: started, sent_at: after === null ? null : started + after })
        .execute();
      await db
        .insertInto('calls')
        .values({ ...call, id: `${call.id}_odd_${i}`, carrier_call_id: `${call.carrier_call_id}_odd_${i}`, started_at: started, ended_at: started, outcome_decided_at: started, textback_message_id: `${text.id}_odd_${i}` })
        .execute();
    }
    const res = await f.t.api('GET', '/api/v1/stats/overview?days=7', { token: w.apiKey });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ missed: 4, texted: 4 });
    expect(res.body.medianSecondsToText).toBe(7);

    // A business that texted nobody has no median.
    await db.updateTable('calls').set({ textback_status: 'skipped', textback_reason: 'cooldown' }).where('workspace_id', '=', w.id).execute();
    const none = await f.t.api('GET', '/api/v1/stats/overview?days=7', { token: w.apiKey });
    expect(none.body.totals).toMatchObject({ missed: 4, texted: 0 });
    expect(none.body.medianSecondsToText).toBeNull();
  });

  it('leaves the phone simulator out unless asked, and clears it on request', async () => {
    const w = await f.addWorkspace('Sandbox Plumbing');
    const real = await f.addNumber(w, '+15550100062', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const sandbox = await f.t.api('POST', '/api/v1/phone-numbers', { token: w.apiKey, body: { number: '+15550100063', carrier: 'sandbox', name: 'Practice' } });
    expect(sandbox.status).toBe(201);
    await f.call(w, real, { scenario: 'no-answer', from: '+15550104010' });
    for (const from of ['+15550104011', '+15550104012']) {
      const res = await f.t.api('POST', '/api/v1/sandbox/calls', { token: w.apiKey, body: { to: '+15550100063', from, outcome: 'no-answer' } });
      expect(res.status).toBe(201);
    }
    f.t.clock.advance(5_000);
    await f.t.drainJobs();

    const plain = await f.t.api('GET', '/api/v1/stats/overview?days=7', { token: w.apiKey });
    expect(plain.body.totals.missed).toBe(1);
    expect(plain.body.sandboxMissed).toBe(2);
    const all = await f.t.api('GET', '/api/v1/stats/overview?days=7&includeSandbox=true', { token: w.apiKey });
    expect(all.body.totals.missed).toBe(3);

    const cleared = await f.t.api('DELETE', '/api/v1/sandbox/history', { token: w.apiKey });
    expect(cleared.body).toEqual({ calls: 2, conversations: 2 });
    const after = await f.t.api('GET', '/api/v1/stats/overview?days=7&includeSandbox=true', { token: w.apiKey });
    expect(after.body.totals.missed).toBe(1);
    expect(after.body.sandboxMissed).toBe(0);
  });

  it('leaves nothing pointing at the practice calls and messages it cleared', async () => {
    const w = await f.addWorkspace('Orphan Plumbing');
    const real = await f.addNumber(w, '+15550100064', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    const sandbox = await f.t.api('POST', '/api/v1/phone-numbers', { token: w.apiKey, body: { number: '+15550100065', carrier: 'sandbox', name: 'Practice' } });
    // A text-back that waits (a queued job naming the call) and a workflow on every missed call.
    await f.t.api('PATCH', `/api/v1/phone-numbers/${sandbox.body.id}`, { token: w.apiKey, body: { missedCallTextBack: { delaySeconds: 600 } } });
    const wf = await f.t.api('POST', '/api/v1/workflows', { token: w.apiKey, body: { name: 'Tag missed callers', enabled: true, trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'missed' }] } });
    expect(wf.status).toBe(201);
    await f.call(w, real, { scenario: 'no-answer', from: '+15550104020' });
    await f.t.api('POST', '/api/v1/sandbox/calls', { token: w.apiKey, body: { to: '+15550100065', from: '+15550104021', outcome: 'no-answer' } });
    await f.t.api('POST', '/api/v1/sandbox/messages', { token: w.apiKey, body: { to: '+15550100065', from: '+15550104022', body: 'STOP' } });
    f.t.clock.advance(5_000);
    await f.t.drainJobs();

    const db = f.t.runtime.ctx.db;
    const sandboxCalls = (await db.selectFrom('calls').select('id').where('workspace_id', '=', w.id).where('phone_number_id', '=', sandbox.body.id).execute()).map((r) => r.id);
    const sandboxMessages = (await db.selectFrom('messages').select('id').where('workspace_id', '=', w.id).where('phone_number_id', '=', sandbox.body.id).execute()).map((r) => r.id);
    expect(sandboxCalls).toHaveLength(1);
    const naming = async () => {
      const events = (await db.selectFrom('events').select('data').where('workspace_id', '=', w.id).execute()).map((e) => JSON.parse(e.data));
      const jobs = await db.selectFrom('jobs').select('unique_key').where('workspace_id', '=', w.id).execute();
      return {
        events: events.filter((d) => sandboxCalls.includes(d.callId) || sandboxMessages.includes(d.messageId)).length,
        runs: (await db.selectFrom('workflow_runs').select('id').where('workspace_id', '=', w.id).where('phone_number_id', '=', sandbox.body.id).execute()).length,
        jobs: jobs.filter((j) => sandboxCalls.some((id) => j.unique_key?.includes(id)) || sandboxMessages.some((id) => j.unique_key?.includes(id))).length,
        consentCitingMessage: (await db.selectFrom('consent_events').select('id').where('workspace_id', '=', w.id).where('message_id', 'in', sandboxMessages).execute()).length,
      };
    };
    const before = await naming();
    expect(before.events).toBeGreaterThan(0);
    expect(before.runs).toBe(1);
    expect(before.jobs).toBeGreaterThan(0);
    expect(before.consentCitingMessage).toBe(1);

    expect((await f.t.api('DELETE', '/api/v1/sandbox/history', { token: w.apiKey })).body).toEqual({ calls: 1, conversations: 2 });
    expect(await naming()).toEqual({ events: 0, runs: 0, jobs: 0, consentCitingMessage: 0 });
    // The opt-out itself is kept, and the real call's run and event are untouched.
    expect(await db.selectFrom('consent_events').select('kind').where('workspace_id', '=', w.id).execute()).toEqual([{ kind: 'opt_out' }]);
    expect(await db.selectFrom('workflow_runs').select('id').where('workspace_id', '=', w.id).execute()).toHaveLength(1);
    // The worker has nothing left that names a deleted row.
    f.t.clock.advance(3_600_000);
    await f.t.drainJobs();
    expect(await db.selectFrom('jobs').select(['kind', 'last_error']).where('workspace_id', '=', w.id).where('status', '=', 'dead').execute()).toEqual([]);
  });
});
