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
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { SANDBOX_CARRIER } from './carrier-clients.js';
import { looksLikeAutomatedMessage } from '../domain/auto-reply-detection.js';
import { zonedParts } from '../domain/local-time.js';
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
  const sandboxIds = new Set(
    (await ctx.db.selectFrom('phone_numbers').select('id').where('workspace_id', '=', workspaceId).where('carrier', '=', SANDBOX_CARRIER).execute()).map((r) => r.id),
  );
  const allCalls = await ctx.db
    .selectFrom('calls')
    .select(['id', 'phone_number_id', 'contact_id', 'started_at', 'ended_at', 'outcome_decided_at', 'textback_status', 'textback_message_id', 'practice'])
    .where('workspace_id', '=', workspaceId)
    .where('outcome', 'in', ['missed', 'voicemail'])
    .where('started_at', '>=', from)
    .orderBy('started_at')
    .orderBy('id')
    .limit(20_000)
    .execute();
  const simulated = (c: (typeof allCalls)[number]) => sandboxIds.has(c.phone_number_id) || Number(c.practice) === 1;
  const sandboxMissed = allCalls.filter(simulated).length;
  const calls = includeSandbox ? allCalls : allCalls.filter((c) => !simulated(c));
  const contactIds = [...new Set(calls.map((c) => c.contact_id).filter((id): id is string => !!id))];
  let messageQuery = ctx.db
    .selectFrom('messages')
    .select(['id', 'contact_id', 'phone_number_id', 'direction', 'author', 'body', 'created_at', 'sent_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .where('created_at', '>=', from);
  // A practice text never answers a real call (a person's "handled" must have reached the customer).
  if (!includeSandbox) messageQuery = messageQuery.where('practice', '=', 0);
  const messages = contactIds.length ? await messageQuery.orderBy('created_at').orderBy('id').execute() : [];
  const sentAt = new Map(messages.filter((m) => m.sent_at).map((m) => [m.id, Number(m.sent_at)]));

  // One thread per caller × number: its missed calls and its messages, in time order.
  const threads = new Map<string, { calls: typeof calls; messages: typeof messages }>();
  const key = (contactId: string | null, numberId: string) => `${contactId ?? ''}|${numberId}`;
  for (const c of calls) {
    const k = key(c.contact_id, c.phone_number_id);
    const th = threads.get(k) ?? { calls: [], messages: [] };
    th.calls.push(c);
    threads.set(k, th);
  }
  for (const m of messages) threads.get(key(m.contact_id, m.phone_number_id))?.messages.push(m);

  const buckets = new Map<string, FunnelCounts & { date: string; phoneNumberId: string }>();
  const totals = empty();
  const bump = (at: number, numberId: string, field: keyof FunnelCounts) => {
    const p = zonedParts(at, workspace.timezone);
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const k = `${date}|${numberId}`;
    const b = buckets.get(k) ?? { date, phoneNumberId: numberId, ...empty() };
    buckets.set(k, b);
    b[field] += 1;
    totals[field] += 1;
  };

  const delays: number[] = [];
  for (const th of threads.values()) {
    let firstReplied: { call: (typeof calls)[number]; firstReplyAt: number } | null = null;
    th.calls.forEach((c, i) => {
      const started = Number(c.started_at);
      bump(started, c.phone_number_id, 'missed');
      if (c.textback_status !== 'sent') return;
      bump(started, c.phone_number_id, 'texted');
      const textedAt = c.textback_message_id ? sentAt.get(c.textback_message_id) : undefined;
      const missedAt = Number(c.outcome_decided_at ?? c.ended_at ?? c.started_at);
      if (textedAt !== undefined) delays.push(Math.max(0, (textedAt - missedAt) / 1000));
      // Its replies: up to the caller's next missed call here (which owns the later ones), within 7 days.
      const next = th.calls[i + 1];
      const until = Math.min(started + REPLY_WINDOW_MS, next ? Number(next.started_at) : Infinity);
      const reply = th.messages.find((m) => m.direction === 'inbound' && Number(m.created_at) >= started && Number(m.created_at) < until && isReply(m.body));
      if (!reply) return;
      bump(started, c.phone_number_id, 'replied');
      if (!firstReplied) firstReplied = { call: c, firstReplyAt: Number(reply.created_at) };
    });
    if (!firstReplied) continue;
    const { call, firstReplyAt } = firstReplied as { call: (typeof calls)[number]; firstReplyAt: number };
    bump(Number(call.started_at), call.phone_number_id, 'leadsRecovered');
    const answer = th.messages.find((m) => m.direction === 'outbound' && Number(m.created_at) >= firstReplyAt && (m.author === 'agent' || m.author === 'human'));
    if (answer) bump(Number(call.started_at), call.phone_number_id, answer.author === 'agent' ? 'agentHandled' : 'staffHandled');
  }
  delays.sort((a, b) => a - b);
  const mid = Math.floor(delays.length / 2);
  const median = delays.length === 0 ? null : delays.length % 2 ? delays[mid]! : (delays[mid - 1]! + delays[mid]!) / 2;
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
