/**
 * The overview funnel, each step counted exactly as docs/dashboard.md defines it:
 *
 * - missed: a call whose outcome is missed or voicemail (the phone simulator's traffic — calls to
 *   sandbox numbers and practice calls to any number — left out unless asked, as are practice texts);
 * - texted: a missed call whose text-back was sent (skipped ones, e.g. cooldown, are not);
 * - replied: a texted call whose caller then sent a reply — a text to that number that is not an
 *   opt-out or HELP keyword and not an auto-reply — before their next missed call on that number
 *   and within 7 days; a reply belongs to one call only (the latest texted one before it);
 * - leads recovered (the headline): conversations (caller × number) with at least one replied call;
 * - handled: those conversations, each once, by who first answered after the first reply: the AI
 *   agent or staff (agentHandled + staffHandled ≤ leadsRecovered).
 * Days are the workspace's local dates; a conversation counts on the day of its first replied call.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Database } from '../store/schema.js';
import { SANDBOX_CARRIER } from './carrier-clients.js';
import { looksLikeAutomatedMessage } from '../domain/auto-reply-detection.js';
import { QUARTER_HOUR_MS, localDatesIn } from '../domain/local-dates.js';
import { classifyInboundText } from '../domain/opt-out.js';

export const statsQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(90).default(14),
  /** Include the phone simulator's traffic: sandbox numbers' calls and practice calls to any number. */
  includeSandbox: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
});

export interface FunnelCounts {
  missed: number;
  texted: number;
  replied: number;
  leadsRecovered: number;
  agentHandled: number;
  staffHandled: number;
}

export interface Overview {
  from: string;
  to: string;
  perDay: Array<FunnelCounts & { date: string; phoneNumberId: string }>;
  totals: FunnelCounts;
  medianSecondsToText: number | null;
  includeSandbox: boolean;
  /**
   * The phone simulator's missed calls in the range — on sandbox numbers, and practice calls to any
   * number (shown so the owner knows what was left out).
   */
  sandboxMissed: number;
}

const empty = (): FunnelCounts => ({ missed: 0, texted: 0, replied: 0, leadsRecovered: 0, agentHandled: 0, staffHandled: 0 });
const REPLY_WINDOW_MS = 7 * 24 * 3_600_000;

/** A customer's text that counts as a reply: not STOP/HELP and not a machine's auto-reply. */
export function isReply(body: string): boolean {
  const intent = classifyInboundText(body);
  if (intent && (intent.kind === 'opt_out' || intent.kind === 'help')) return false;
  return !looksLikeAutomatedMessage(body);
}

export async function overview(ctx: AppContext, workspaceId: string, days: number, includeSandbox = false): Promise<Overview> {
  const now = ctx.clock.now();
  const from = now - days * 24 * 3_600_000;
  const workspace = await ctx.db.selectFrom('workspaces').select('timezone').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const sandboxIds = (await ctx.db.selectFrom('phone_numbers').select('id').where('workspace_id', '=', workspaceId).where('carrier', '=', SANDBOX_CARRIER).execute()).map(
    (r) => r.id,
  );
  const simulated = (c: { phone_number_id: string; practice: number | string }) => sandboxIds.includes(c.phone_number_id) || Number(c.practice) === 1;
  // Every missed call in the range, however many: a busy business's 90 days hold more than any
  // cap would keep (the overview once read the oldest 20,000 and lost the newest days).
  const missedInRange = () =>
    ctx.db
      .selectFrom('calls')
      .where('calls.workspace_id', '=', workspaceId)
      .where('calls.outcome', 'in', ['missed', 'voicemail'])
      .where('calls.started_at', '>=', from);
  /** The figures' calls: the simulator's left out unless asked. */
  const counted = () => {
    let q = missedInRange();
    if (!includeSandbox) {
      q = q.where('calls.practice', '=', 0);
      if (sandboxIds.length) q = q.where('calls.phone_number_id', 'not in', sandboxIds);
    }
    return q;
  };

  const buckets = new Map<string, FunnelCounts & { date: string; phoneNumberId: string }>();
  const totals = empty();
  const dates = localDatesIn(workspace.timezone);
  const bump = (date: string, numberId: string, field: keyof FunnelCounts, n = 1) => {
    const k = `${date}|${numberId}`;
    const b = buckets.get(k) ?? { date, phoneNumberId: numberId, ...empty() };
    buckets.set(k, b);
    b[field] += n;
    totals[field] += n;
  };

  // Missed and texted: counted by the database per number and quarter hour (reading every call into
  // the process cost more than the counting: docs/performance.md, round 23), then summed per local day. A quarter hour that holds a
  // local midnight (local-dates.ts) is counted call by call.
  const quarter = sql<number | string>`calls.started_at / ${sql.lit(QUARTER_HOUR_MS)}`;
  const byQuarter = await missedInRange()
    .select((eb) => [
      'calls.phone_number_id',
      'calls.practice',
      quarter.as('quarter'),
      eb.fn.countAll<number | string>().as('missed'),
      sql<number | string>`sum(case when calls.textback_status = 'sent' then 1 else 0 end)`.as('texted'),
    ])
    .groupBy(['calls.phone_number_id', 'calls.practice', quarter])
    .execute();
  let sandboxMissed = 0;
  const splitQuarters: number[] = [];
  for (const row of byQuarter) {
    if (simulated(row)) sandboxMissed += Number(row.missed);
    if (simulated(row) && !includeSandbox) continue;
    const date = dates.ofQuarter(Number(row.quarter));
    if (date === null) {
      splitQuarters.push(Number(row.quarter));
      continue;
    }
    bump(date, row.phone_number_id, 'missed', Number(row.missed));
    bump(date, row.phone_number_id, 'texted', Number(row.texted));
  }
  if (splitQuarters.length) {
    const calls = await counted().select(['calls.phone_number_id', 'calls.started_at', 'calls.textback_status']).where(quarter, 'in', [...new Set(splitQuarters)]).execute();
    for (const c of calls) {
      const date = dates.of(Number(c.started_at));
      bump(date, c.phone_number_id, 'missed');
      if (c.textback_status === 'sent') bump(date, c.phone_number_id, 'texted');
    }
  }

  // Seconds from the call's end to its text leaving: the median, taken by the database.
  const delayMs = sql<number>`case when textback.sent_at < coalesce(calls.outcome_decided_at, calls.ended_at, calls.started_at) then 0 else textback.sent_at - coalesce(calls.outcome_decided_at, calls.ended_at, calls.started_at) end`;
  const delays = () =>
    counted()
      .innerJoin('messages as textback', 'textback.id', 'calls.textback_message_id')
      .where('calls.textback_status', '=', 'sent')
      .where('textback.sent_at', 'is not', null);
  const delayCount = Number((await delays().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  let median: number | null = null;
  if (delayCount > 0) {
    const middle = await delays()
      .select(delayMs.as('delay_ms'))
      .orderBy(delayMs)
      .limit(2 - (delayCount % 2))
      .offset(Math.floor((delayCount - 1) / 2))
      .execute();
    median = middle.reduce((sum, r) => sum + Number(r.delay_ms), 0) / middle.length / 1000;
  }

  // Replies, leads and who handled them: only the threads (caller × number) where the caller wrote
  // in the range, each read whole: its missed calls in time order and its messages.
  const callerWrote = (eb: ExpressionBuilder<Database, 'calls'>) => {
    let wrote = eb
      .selectFrom('messages as inbound')
      .select('inbound.id')
      .where('inbound.workspace_id', '=', workspaceId)
      .whereRef('inbound.contact_id', '=', 'calls.contact_id')
      .whereRef('inbound.phone_number_id', '=', 'calls.phone_number_id')
      .where('inbound.direction', '=', 'inbound')
      .where('inbound.created_at', '>=', from);
    // A practice text never answers a real call (a person's "handled" must have reached the customer).
    if (!includeSandbox) wrote = wrote.where('inbound.practice', '=', 0);
    return eb.exists(wrote);
  };
  const threadCalls = await counted()
    .where(callerWrote)
    .select(['calls.phone_number_id', 'calls.contact_id', 'calls.started_at', 'calls.textback_status'])
    .orderBy('calls.started_at')
    .orderBy('calls.id')
    .execute();
  let messageQuery = ctx.db
    .selectFrom('messages')
    .select(['contact_id', 'phone_number_id', 'direction', 'author', 'body', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', from)
    .where((eb) => eb.or([eb('direction', '=', 'inbound'), eb('author', 'in', ['agent', 'human'])]))
    .where('contact_id', 'in', counted().where(callerWrote).select('calls.contact_id'));
  if (!includeSandbox) messageQuery = messageQuery.where('practice', '=', 0);
  const messages = threadCalls.length ? await messageQuery.orderBy('created_at').orderBy('id').execute() : [];

  const threads = new Map<string, { calls: typeof threadCalls; messages: typeof messages }>();
  const key = (contactId: string | null, numberId: string) => `${contactId ?? ''}|${numberId}`;
  for (const c of threadCalls) {
    const k = key(c.contact_id, c.phone_number_id);
    const th = threads.get(k) ?? { calls: [], messages: [] };
    th.calls.push(c);
    threads.set(k, th);
  }
  for (const m of messages) threads.get(key(m.contact_id, m.phone_number_id))?.messages.push(m);

  for (const th of threads.values()) {
    let firstReplied: { call: (typeof threadCalls)[number]; firstReplyAt: number } | null = null;
    th.calls.forEach((c, i) => {
      if (c.textback_status !== 'sent') return;
      const started = Number(c.started_at);
      // Its replies: up to the caller's next missed call here (which owns the later ones), within 7 days.
      const next = th.calls[i + 1];
      const until = Math.min(started + REPLY_WINDOW_MS, next ? Number(next.started_at) : Infinity);
      const reply = th.messages.find((m) => m.direction === 'inbound' && Number(m.created_at) >= started && Number(m.created_at) < until && isReply(m.body));
      if (!reply) return;
      bump(dates.of(started), c.phone_number_id, 'replied');
      if (!firstReplied) firstReplied = { call: c, firstReplyAt: Number(reply.created_at) };
    });
    if (!firstReplied) continue;
    const { call, firstReplyAt } = firstReplied as { call: (typeof threadCalls)[number]; firstReplyAt: number };
    const date = dates.of(Number(call.started_at));
    bump(date, call.phone_number_id, 'leadsRecovered');
    const answer = th.messages.find((m) => m.direction === 'outbound' && Number(m.created_at) >= firstReplyAt && (m.author === 'agent' || m.author === 'human'));
    if (answer) bump(date, call.phone_number_id, answer.author === 'agent' ? 'agentHandled' : 'staffHandled');
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    perDay: [...buckets.values()].sort((a, b) => a.date.localeCompare(b.date) || a.phoneNumberId.localeCompare(b.phoneNumberId)),
    totals,
    medianSecondsToText: median === null ? null : Math.round(median * 10) / 10,
    includeSandbox,
    sandboxMissed,
  };
}
