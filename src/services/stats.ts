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
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Dialect } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { SANDBOX_CARRIER } from './carrier-clients.js';
import { looksLikeAutomatedMessage } from '../domain/auto-reply-detection.js';
import { QUARTER_HOUR_MS, localDatesIn, type LocalDates } from '../domain/local-dates.js';
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

/** What the overview counts: one workspace's missed calls since `from`, the simulator's left out unless asked. */
interface Scope {
  /** The store's reportDb: these reads run off the thread that answers webhooks (sqlite-read-thread.ts). */
  db: Kysely<Database>;
  workspaceId: string;
  from: number;
  includeSandbox: boolean;
  /** The workspace's sandbox numbers: their calls are the simulator's. */
  sandboxIds: string[];
  /** The few statements whose SQL differs between the two (the median, the threads' callers). */
  dialect: Dialect;
  dates: LocalDates;
}

/** The figures per local day and number, and their totals. */
class Funnel {
  private readonly buckets = new Map<string, FunnelCounts & { date: string; phoneNumberId: string }>();
  readonly totals = empty();

  add(date: string, numberId: string, field: keyof FunnelCounts, n = 1): void {
    const k = `${date}|${numberId}`;
    const b = this.buckets.get(k) ?? { date, phoneNumberId: numberId, ...empty() };
    this.buckets.set(k, b);
    b[field] += n;
    this.totals[field] += n;
  }

  perDay(): Array<FunnelCounts & { date: string; phoneNumberId: string }> {
    return [...this.buckets.values()].sort((a, b) => a.date.localeCompare(b.date) || a.phoneNumberId.localeCompare(b.phoneNumberId));
  }
}

export async function overview(ctx: AppContext, workspaceId: string, days: number, includeSandbox = false): Promise<Overview> {
  const now = ctx.clock.now();
  const from = now - days * 24 * 3_600_000;
  const db = ctx.store.reportDb;
  const workspace = await db.selectFrom('workspaces').select('timezone').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const sandboxIds = (await db.selectFrom('phone_numbers').select('id').where('workspace_id', '=', workspaceId).where('carrier', '=', SANDBOX_CARRIER).execute()).map(
    (r) => r.id,
  );
  const scope: Scope = { db, workspaceId, from, includeSandbox, sandboxIds, dialect: ctx.store.dialect, dates: localDatesIn(workspace.timezone) };
  const funnel = new Funnel();
  // Every missed call in the range, however many: a busy business's 90 days hold more than any
  // cap would keep (the overview once read the oldest 20,000 and lost the newest days). Each pass
  // leaves the counting to the database where it can (docs/performance.md, round 23).
  const sandboxMissed = await countMissedAndTexted(scope, funnel);
  const median = await medianSecondsToText(scope);
  await countRepliesAndLeads(scope, funnel);
  return {
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    perDay: funnel.perDay(),
    totals: funnel.totals,
    medianSecondsToText: median === null ? null : Math.round(median * 10) / 10,
    includeSandbox,
    sandboxMissed,
  };
}

/** The workspace's missed calls in the range, the simulator's included. */
function missedInRange(scope: Scope) {
  return scope.db
    .selectFrom('calls')
    .where('calls.workspace_id', '=', scope.workspaceId)
    .where('calls.outcome', 'in', ['missed', 'voicemail'])
    .where('calls.started_at', '>=', scope.from);
}

/** The calls the figures count: the simulator's left out unless asked. */
function countedCalls(scope: Scope) {
  let q = missedInRange(scope);
  if (!scope.includeSandbox) {
    q = q.where('calls.practice', '=', 0);
    if (scope.sandboxIds.length) q = q.where('calls.phone_number_id', 'not in', scope.sandboxIds);
  }
  return q;
}

/**
 * Missed and texted, counted by the database per number and quarter hour (reading every call into
 * the process cost more than the counting), then summed per local day; a quarter hour that holds a
 * local midnight (local-dates.ts) is counted call by call. Returns the simulator's missed calls.
 */
async function countMissedAndTexted(scope: Scope, funnel: Funnel): Promise<number> {
  const quarter = sql<number | string>`calls.started_at / ${sql.lit(QUARTER_HOUR_MS)}`;
  const byQuarter = await missedInRange(scope)
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
  const splitQuarters = new Set<number>();
  for (const row of byQuarter) {
    const simulated = scope.sandboxIds.includes(row.phone_number_id) || Number(row.practice) === 1;
    if (simulated) sandboxMissed += Number(row.missed);
    if (simulated && !scope.includeSandbox) continue;
    const date = scope.dates.ofQuarter(Number(row.quarter));
    if (date === null) {
      splitQuarters.add(Number(row.quarter));
      continue;
    }
    funnel.add(date, row.phone_number_id, 'missed', Number(row.missed));
    funnel.add(date, row.phone_number_id, 'texted', Number(row.texted));
  }
  if (splitQuarters.size) {
    const calls = await countedCalls(scope).select(['calls.phone_number_id', 'calls.started_at', 'calls.textback_status']).where(quarter, 'in', [...splitQuarters]).execute();
    for (const c of calls) {
      const date = scope.dates.of(Number(c.started_at));
      funnel.add(date, c.phone_number_id, 'missed');
      if (c.textback_status === 'sent') funnel.add(date, c.phone_number_id, 'texted');
    }
  }
  return sandboxMissed;
}

/**
 * Seconds from the call's end to its text leaving: the median, taken by the database in one pass
 * (null: none sent). Both dialects' median is the middle value, or the mean of the middle two of an
 * even count (PostgreSQL's percentile_cont(0.5); SQLite's median(), which better-sqlite3 builds in
 * with SQLITE_ENABLE_PERCENTILE). Counting first and then sorting for the middle read the calls twice.
 */
async function medianSecondsToText(scope: Scope): Promise<number | null> {
  const delayMs = sql<number>`case when textback.sent_at < coalesce(calls.outcome_decided_at, calls.ended_at, calls.started_at) then 0 else textback.sent_at - coalesce(calls.outcome_decided_at, calls.ended_at, calls.started_at) end`;
  const median = scope.dialect === 'postgres' ? sql<number | string | null>`percentile_cont(0.5) within group (order by ${delayMs})` : sql<number | null>`median(${delayMs})`;
  const row = await countedCalls(scope)
    .innerJoin('messages as textback', 'textback.id', 'calls.textback_message_id')
    .where('calls.textback_status', '=', 'sent')
    .where('textback.sent_at', 'is not', null)
    .select(median.as('median_ms'))
    .executeTakeFirst();
  return row?.median_ms === null || row?.median_ms === undefined ? null : Number(row.median_ms) / 1000;
}

/**
 * The callers whose threads are read. SQLite gets them as one parameter, whatever their number
 * (a JSON array: a statement takes at most 32,766 parameters): asking it again for the callers who
 * wrote repeated the calls' pass, a second probe of the messages for every missed call in the range
 * (at 101,000 calls, a third of them answered: 486 → 259 ms for the messages, docs/performance.md,
 * round 26). PostgreSQL answers the same question again with one hash semi-join, no slower than
 * unnesting an array of the ids (measured both ways), so it is asked again there.
 */
function threadCallers(scope: Scope, wrote: ReturnType<typeof countedCalls>, threadCalls: Array<{ contact_id: string | null }>) {
  if (scope.dialect === 'postgres') return wrote.select('calls.contact_id');
  const ids = [...new Set(threadCalls.map((c) => c.contact_id).filter((id): id is string => id !== null))];
  return sql<string>`(select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * Replied, leads recovered and who handled them, from the threads (caller × number) where the
 * caller wrote in the range, each read whole: its missed calls in time order and its messages.
 */
async function countRepliesAndLeads(scope: Scope, funnel: Funnel): Promise<void> {
  const callerWrote = (eb: ExpressionBuilder<Database, 'calls'>) => {
    let wrote = eb
      .selectFrom('messages as inbound')
      .select('inbound.id')
      .where('inbound.workspace_id', '=', scope.workspaceId)
      .whereRef('inbound.contact_id', '=', 'calls.contact_id')
      .whereRef('inbound.phone_number_id', '=', 'calls.phone_number_id')
      .where('inbound.direction', '=', 'inbound')
      .where('inbound.created_at', '>=', scope.from);
    // A practice text never answers a real call (a person's "handled" must have reached the customer).
    if (!scope.includeSandbox) wrote = wrote.where('inbound.practice', '=', 0);
    return eb.exists(wrote);
  };
  const threadCalls = await countedCalls(scope)
    .where(callerWrote)
    .select(['calls.phone_number_id', 'calls.contact_id', 'calls.started_at', 'calls.textback_status'])
    .orderBy('calls.started_at')
    .orderBy('calls.id')
    .execute();
  if (!threadCalls.length) return;
  let messageQuery = scope.db
    .selectFrom('messages')
    .select(['contact_id', 'phone_number_id', 'direction', 'author', 'body', 'created_at'])
    .where('workspace_id', '=', scope.workspaceId)
    .where('created_at', '>=', scope.from)
    .where((eb) => eb.or([eb('direction', '=', 'inbound'), eb('author', 'in', ['agent', 'human'])]))
    .where('contact_id', 'in', threadCallers(scope, countedCalls(scope).where(callerWrote), threadCalls));
  if (!scope.includeSandbox) messageQuery = messageQuery.where('practice', '=', 0);
  const messages = await messageQuery.orderBy('created_at').orderBy('id').execute();

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
      funnel.add(scope.dates.of(started), c.phone_number_id, 'replied');
      if (!firstReplied) firstReplied = { call: c, firstReplyAt: Number(reply.created_at) };
    });
    if (!firstReplied) continue;
    const { call, firstReplyAt } = firstReplied as { call: (typeof threadCalls)[number]; firstReplyAt: number };
    const date = scope.dates.of(Number(call.started_at));
    funnel.add(date, call.phone_number_id, 'leadsRecovered');
    const answer = th.messages.find((m) => m.direction === 'outbound' && Number(m.created_at) >= firstReplyAt && (m.author === 'agent' || m.author === 'human'));
    if (answer) funnel.add(date, call.phone_number_id, answer.author === 'agent' ? 'agentHandled' : 'staffHandled');
  }
}
