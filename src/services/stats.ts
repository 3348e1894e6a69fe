/**
 * The overview funnel: missed calls → texted → replied → handled by the agent or by staff, per
 * number and per day (in the workspace's time zone), and the median time from a missed call to
 * its text. Computed from calls and messages on demand: small numbers per workspace and day.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { zonedParts } from '../domain/local-time.js';

export const statsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });

export interface FunnelCounts {
  missed: number;
  texted: number;
  replied: number;
  agentHandled: number;
  staffHandled: number;
}

export interface Overview {
  from: string;
  to: string;
  perDay: Array<FunnelCounts & { date: string; phoneNumberId: string }>;
  totals: FunnelCounts;
  medianSecondsToText: number | null;
}

const empty = (): FunnelCounts => ({ missed: 0, texted: 0, replied: 0, agentHandled: 0, staffHandled: 0 });
const REPLY_WINDOW_MS = 7 * 24 * 3_600_000;

export async function overview(ctx: AppContext, workspaceId: string, days: number): Promise<Overview> {
  const now = ctx.clock.now();
  const from = now - days * 24 * 3_600_000;
  const workspace = await ctx.db.selectFrom('workspaces').select('timezone').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const calls = await ctx.db
    .selectFrom('calls')
    .select(['id', 'phone_number_id', 'contact_id', 'started_at', 'ended_at', 'outcome_decided_at', 'textback_status', 'textback_message_id'])
    .where('workspace_id', '=', workspaceId)
    .where('outcome', 'in', ['missed', 'voicemail'])
    .where('started_at', '>=', from)
    .orderBy('started_at')
    .limit(20_000)
    .execute();
  const contactIds = [...new Set(calls.map((c) => c.contact_id).filter((id): id is string => !!id))];
  const messages = contactIds.length
    ? await ctx.db
        .selectFrom('messages')
        .select(['id', 'contact_id', 'phone_number_id', 'direction', 'author', 'created_at', 'sent_at'])
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', 'in', contactIds)
        .where('created_at', '>=', from)
        .execute()
    : [];
  const byContact = new Map<string, typeof messages>();
  for (const m of messages) {
    const list = byContact.get(m.contact_id) ?? [];
    list.push(m);
    byContact.set(m.contact_id, list);
  }
  const sentAt = new Map(messages.filter((m) => m.sent_at).map((m) => [m.id, m.sent_at as number]));

  const buckets = new Map<string, FunnelCounts & { date: string; phoneNumberId: string }>();
  const totals = empty();
  const delays: number[] = [];
  for (const c of calls) {
    const p = zonedParts(c.started_at, workspace.timezone);
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const key = `${date}|${c.phone_number_id}`;
    const b = buckets.get(key) ?? { date, phoneNumberId: c.phone_number_id, ...empty() };
    buckets.set(key, b);
    const later = (byContact.get(c.contact_id ?? '') ?? []).filter(
      (m) => m.phone_number_id === c.phone_number_id && m.created_at >= c.started_at && m.created_at < c.started_at + REPLY_WINDOW_MS,
    );
    const counts = {
      missed: 1,
      texted: c.textback_status === 'sent' ? 1 : 0,
      replied: later.some((m) => m.direction === 'inbound') ? 1 : 0,
      agentHandled: 0,
      staffHandled: 0,
    };
    if (counts.replied) {
      counts.agentHandled = later.some((m) => m.author === 'agent') ? 1 : 0;
      counts.staffHandled = later.some((m) => m.author === 'human') ? 1 : 0;
    }
    for (const k of Object.keys(counts) as Array<keyof FunnelCounts>) {
      b[k] += counts[k];
      totals[k] += counts[k];
    }
    const textedAt = c.textback_message_id ? sentAt.get(c.textback_message_id) : undefined;
    const missedAt = c.outcome_decided_at ?? c.ended_at ?? c.started_at;
    if (textedAt !== undefined) delays.push(Math.max(0, (textedAt - missedAt) / 1000));
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
  };
}
