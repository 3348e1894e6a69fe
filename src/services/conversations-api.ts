/**
 * The conversations API: threads newest first (filtered by view, state and search), their
 * messages, staff replies, and the team inbox state: open / snoozed / closed, assignment, read
 * marks, needs-reply and AI on/off. A staff reply is sent from the conversation's business number
 * and pauses the AI agent (last_human_at).
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { ConversationsTable, Database } from '../store/schema.js';
import { CUSTOMER_WROTE, scheduleSnoozeEnd } from './conversation-state.js';
import { getContactRow, presentContact, tagsOf, type Contact } from './contacts.js';
import { presentMessage, type Message } from './conversations.js';
import { staffNumbersOf } from './notify-staff.js';
import { queueOutboundMessage } from './outbound-messages.js';

export const humanReplySchema = z.object({ body: z.string().trim().min(1).max(1600) }).strict();

export const CONVERSATION_VIEWS = ['all', 'mine', 'unassigned', 'needs_reply', 'ai'] as const;
export type ConversationView = (typeof CONVERSATION_VIEWS)[number];
export const CONVERSATION_STATUSES = ['open', 'snoozed', 'closed', 'all'] as const;

export const conversationListQuerySchema = z.object({
  view: z.enum(CONVERSATION_VIEWS).default('all'),
  status: z.enum(CONVERSATION_STATUSES).default('all'),
  q: z.string().trim().max(100).optional(),
  contactId: z.string().min(1).optional(),
  phoneNumberId: z.string().min(1).optional(),
});

export const conversationPatchSchema = z
  .object({
    status: z.enum(['open', 'snoozed', 'closed']).optional(),
    /** ISO time; required with status "snoozed". */
    snoozedUntil: z.iso.datetime({ offset: true }).optional(),
    assigneeUserId: z.string().min(1).nullable().optional(),
    aiEnabled: z.boolean().optional(),
  })
  .strict();

export interface Conversation {
  id: string;
  contactId: string;
  phoneNumberId: string;
  contact: Contact;
  lastMessage: Message | null;
  lastMessageAt: string;
  lastInboundAt: string | null;
  lastHumanAt: string | null;
  createdAt: string;
  status: 'open' | 'snoozed' | 'closed';
  snoozedUntil: string | null;
  assignee: { userId: string; name: string } | null;
  /** Someone owes the customer an answer, since when and why (in words); null when nobody does. */
  needsReply: { since: string; reason: string; handoff: boolean } | null;
  /** Whether the AI agent may answer in this conversation, and if not, why. */
  ai: { enabled: boolean; reason: string | null };
  /** For a signed-in member: the customer wrote since they last opened it. Null for API keys. */
  unread: boolean | null;
  /** The phone simulator's practice conversation with one of the workspace's numbers. */
  practice: boolean;
}

const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);

/** `db`: the store's reportDb for a list (off the webhooks' thread), db for one conversation just changed. */
async function present(db: Kysely<Database>, rows: ConversationsTable[], viewerId: string | null): Promise<Conversation[]> {
  if (rows.length === 0) return [];
  const contactIds = [...new Set(rows.map((r) => r.contact_id))];
  const assigneeIds = [...new Set(rows.map((r) => r.assignee_user_id).filter((x): x is string => !!x))];
  const [contacts, tags, lastMessages, users, reads] = await Promise.all([
    db.selectFrom('contacts').selectAll().where('id', 'in', contactIds).execute(),
    tagsOf(db, contactIds),
    lastMessagesOf(db, rows.map((r) => r.id)),
    assigneeIds.length ? db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', assigneeIds).execute() : [],
    viewerId
      ? db.selectFrom('conversation_reads').select(['conversation_id', 'read_at']).where('user_id', '=', viewerId).where('conversation_id', 'in', rows.map((r) => r.id)).execute()
      : [],
  ]);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const lastMessageOf = new Map(lastMessages.map((m) => [m.conversation_id, m]));
  const userById = new Map(users.map((u) => [u.id, u]));
  const readAt = new Map(reads.map((r) => [r.conversation_id, Number(r.read_at)]));
  return rows.map((r) => {
    const lastMessage = lastMessageOf.get(r.id);
    const assignee = r.assignee_user_id ? userById.get(r.assignee_user_id) : undefined;
    return {
      id: r.id,
      contactId: r.contact_id,
      phoneNumberId: r.phone_number_id,
      contact: presentContact(byId.get(r.contact_id)!, tags.get(r.contact_id) ?? []),
      lastMessage: lastMessage ? presentMessage(lastMessage) : null,
      lastMessageAt: new Date(Number(r.last_message_at)).toISOString(),
      lastInboundAt: iso(r.last_inbound_at === null ? null : Number(r.last_inbound_at)),
      lastHumanAt: iso(r.last_human_at === null ? null : Number(r.last_human_at)),
      createdAt: new Date(Number(r.created_at)).toISOString(),
      status: r.status,
      snoozedUntil: iso(r.snoozed_until === null ? null : Number(r.snoozed_until)),
      assignee: assignee ? { userId: assignee.id, name: assignee.name || assignee.email } : null,
      needsReply:
        r.needs_reply_at !== null
          ? { since: iso(Number(r.needs_reply_at))!, reason: r.needs_reply_reason ?? CUSTOMER_WROTE, handoff: r.handoff_at !== null }
          : null,
      ai: { enabled: Number(r.ai_off) !== 1, reason: Number(r.ai_off) === 1 ? (r.ai_off_reason ?? 'Switched off by a team member') : null },
      unread: viewerId ? r.last_inbound_at !== null && Number(r.last_inbound_at) > (readAt.get(r.id) ?? 0) : null,
      practice: Number(r.practice) === 1,
    };
  });
}

/**
 * Each conversation's latest message (by time, then id), in one statement: a page of 25 asked for
 * them one by one, 25 statements, each a round trip (to the report thread on SQLite, to a backend
 * on PostgreSQL).
 */
function lastMessagesOf(db: Kysely<Database>, conversationIds: string[]) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('conversations as c')
        .where('c.id', 'in', conversationIds)
        .select((c) =>
          c
            .selectFrom('messages as latest')
            .select('latest.id')
            .whereRef('latest.conversation_id', '=', 'c.id')
            .orderBy('latest.created_at', 'desc')
            .orderBy('latest.id', 'desc')
            .limit(1)
            .as('id'),
        ),
    )
    .execute();
}

type ConversationQuery = SelectQueryBuilder<Database, 'conversations', ConversationsTable>;

/** The view's condition (mine, unassigned, needs reply, handled by the AI) on a conversations query. */
function applyView(q: ConversationQuery, view: ConversationView, viewerId: string | null): ConversationQuery {
  switch (view) {
    case 'mine':
      return viewerId ? q.where('conversations.assignee_user_id', '=', viewerId) : q.where(sql<boolean>`1 = 0`);
    case 'unassigned':
      return q.where('conversations.assignee_user_id', 'is', null);
    case 'needs_reply':
      return q.where('conversations.needs_reply_at', 'is not', null);
    case 'ai':
      // The agent answered here, no person has, and the AI is still on (the last two conditions
      // as the partial index conversations_ai_handled states them: migration 021).
      return q.where('conversations.last_agent_at', 'is not', null).where('conversations.last_human_at', 'is', null).where('conversations.ai_off', '=', 0);
    default:
      return q;
  }
}

/** Name, phone (digits match whatever the formatting) or any message's text. */
function applySearch(q: ConversationQuery, text: string): ConversationQuery {
  const like = `%${text.toLowerCase().replace(/[%_\\]/g, '')}%`;
  const digits = text.replace(/\D/g, '');
  return q.where((eb) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('contacts')
          .select('contacts.id')
          .whereRef('contacts.id', '=', 'conversations.contact_id')
          .where((c) => c.or([c(c.fn('lower', ['contacts.name']), 'like', like), ...(digits.length >= 3 ? [c('contacts.phone', 'like', `%${digits}%`)] : [])])),
      ),
      eb.exists(
        eb
          .selectFrom('messages')
          .select('messages.id')
          .whereRef('messages.conversation_id', '=', 'conversations.id')
          .where(sql<string>`lower(messages.body)`, 'like', like),
      ),
    ]),
  );
}

export async function listConversations(
  ctx: AppContext,
  workspaceId: string,
  filter: z.infer<typeof conversationListQuerySchema>,
  page: PageRequest,
  viewerId: string | null = null,
): Promise<Page<Conversation>> {
  // The inbox's lists and searches read on the store's reportDb: a search nobody matches reads every
  // conversation of the business (0.2–0.6 s at 100,000), which must not hold the webhooks' thread.
  let q: ConversationQuery = ctx.store.reportDb.selectFrom('conversations').selectAll('conversations').where('conversations.workspace_id', '=', workspaceId);
  if (filter.contactId) q = q.where('conversations.contact_id', '=', filter.contactId);
  if (filter.phoneNumberId) q = q.where('conversations.phone_number_id', '=', filter.phoneNumberId);
  if (filter.status !== 'all') q = q.where('conversations.status', '=', filter.status);
  q = applyView(q, filter.view, viewerId);
  if (filter.q) q = applySearch(q, filter.q);
  const result = await paginate(q, 'conversations.last_message_at', 'conversations.id', page, (r) => Number(r.last_message_at));
  return { data: await present(ctx.store.reportDb, result.data, viewerId), nextCursor: result.nextCursor };
}

export interface ConversationCounts {
  /** Open conversations in each view. */
  open: Record<ConversationView, number>;
  snoozed: number;
  /** Open conversations the viewer has not read since the customer wrote (0 for API keys). */
  unread: number;
  /** Who hears about a handoff beyond the dashboard: staff phones texted, and whether email is on. */
  handoffAlerts: { staffNumbers: number; email: boolean };
}

/** The numbers in the inbox navigation. */
export async function countConversations(ctx: AppContext, workspaceId: string, viewerId: string | null): Promise<ConversationCounts> {
  // On the store's reportDb, as the lists: tens of ms at a business of 100,000 open conversations.
  const base = () => ctx.store.reportDb.selectFrom('conversations').where('conversations.workspace_id', '=', workspaceId);
  const count = async (q: ConversationQuery | ReturnType<typeof base>) =>
    Number((await (q as ConversationQuery).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow() as unknown as { n: number }).n);
  const open = () => base().where('conversations.status', '=', 'open') as unknown as ConversationQuery;
  const entries = await Promise.all(CONVERSATION_VIEWS.map(async (v) => [v, await count(applyView(open(), v, viewerId))] as const));
  const snoozed = await count(base().where('conversations.status', '=', 'snoozed') as unknown as ConversationQuery);
  let unread = 0;
  if (viewerId) {
    unread = await count(
      open()
        .leftJoin('conversation_reads', (j) => j.onRef('conversation_reads.conversation_id', '=', 'conversations.id').on('conversation_reads.user_id', '=', viewerId))
        .where('conversations.last_inbound_at', 'is not', null)
        .where((eb) => eb.or([eb('conversation_reads.read_at', 'is', null), eb('conversation_reads.read_at', '<', eb.ref('conversations.last_inbound_at'))])) as unknown as ConversationQuery,
    );
  }
  const staff = await staffNumbersOf(ctx, workspaceId);
  return {
    open: Object.fromEntries(entries) as Record<ConversationView, number>,
    snoozed,
    unread,
    handoffAlerts: { staffNumbers: staff.length, email: ctx.config.smtpUrl !== null },
  };
}

/** The viewer opened the conversation: it is read up to now. */
export async function markConversationRead(ctx: AppContext, workspaceId: string, conversationId: string, userId: string): Promise<void> {
  await getConversationRow(ctx, workspaceId, conversationId);
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('conversation_reads')
    .values({ conversation_id: conversationId, user_id: userId, workspace_id: workspaceId, read_at: now })
    .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doUpdateSet({ read_at: now }))
    .execute();
  ctx.live.publish({ workspaceId, type: 'conversation', id: conversationId });
}

/** Open, snooze (until a future time), close; assign to a member or nobody; AI on ("Resume AI") or off. */
export async function updateConversation(
  ctx: AppContext,
  workspaceId: string,
  conversationId: string,
  input: z.infer<typeof conversationPatchSchema>,
  viewerId: string | null,
): Promise<Conversation> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', conversationId).executeTakeFirst();
    if (!row) throw notFound('Conversation');
    const set: Partial<ConversationsTable> = { updated_at: now };
    if (input.status === 'snoozed') {
      if (!input.snoozedUntil) throw badRequest('Snooze until: pick when the conversation should come back.', 'snoozedUntil');
      const until = Date.parse(input.snoozedUntil);
      if (until <= now) throw badRequest('Snooze until: pick a time in the future.', 'snoozedUntil');
      set.status = 'snoozed';
      set.snoozed_until = until;
      await scheduleSnoozeEnd(trx, { workspaceId, conversationId, until, now });
    } else if (input.status) {
      if (input.snoozedUntil) throw badRequest('Snooze until: only a snoozed conversation has one; leave it out.', 'snoozedUntil');
      set.status = input.status;
      set.snoozed_until = null;
      // Closing says nothing more is owed.
      if (input.status === 'closed') Object.assign(set, { needs_reply_at: null, needs_reply_reason: null, handoff_at: null });
    } else if (input.snoozedUntil) {
      throw badRequest('Snooze until: send it together with status "snoozed".', 'snoozedUntil');
    }
    if (input.assigneeUserId !== undefined) {
      if (input.assigneeUserId !== null) {
        const member = await trx.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', '=', input.assigneeUserId).executeTakeFirst();
        if (!member) throw badRequest('Assigned to: that person is not a member of this workspace. Pick someone from the team list.', 'assigneeUserId');
      }
      set.assignee_user_id = input.assigneeUserId;
    }
    if (input.aiEnabled === true) {
      set.ai_off = 0;
      set.ai_off_reason = null;
      if (row.handoff_at !== null) {
        // Resume AI: the handoff is over; the customer's unanswered text (if any) still needs a reply.
        set.handoff_at = null;
        if (row.needs_reply_at !== null) set.needs_reply_reason = CUSTOMER_WROTE;
      }
    } else if (input.aiEnabled === false) {
      set.ai_off = 1;
      set.ai_off_reason = 'Switched off by a team member';
    }
    await trx.updateTable('conversations').set(set).where('id', '=', conversationId).execute();
  });
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId, type: 'conversation', id: conversationId });
  return getConversation(ctx, workspaceId, conversationId, viewerId);
}

export async function getConversationRow(ctx: AppContext, workspaceId: string, id: string): Promise<ConversationsTable> {
  const row = await ctx.db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Conversation');
  return row;
}

export async function getConversation(ctx: AppContext, workspaceId: string, id: string, viewerId: string | null = null): Promise<Conversation> {
  const [conversation] = await present(ctx.db, [await getConversationRow(ctx, workspaceId, id)], viewerId);
  return conversation!;
}

export async function listMessages(
  ctx: AppContext,
  workspaceId: string,
  conversationId: string,
  page: PageRequest,
): Promise<Page<Message>> {
  await getConversationRow(ctx, workspaceId, conversationId);
  const result = await paginate(
    ctx.db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId),
    'created_at',
    'id',
    page,
    (r) => r.created_at,
  );
  return { data: result.data.map(presentMessage), nextCursor: result.nextCursor };
}

/** A staff member's reply: refused with a reason (422) when the contact opted out or cannot take texts. */
export async function sendHumanReply(
  ctx: AppContext,
  workspaceId: string,
  conversationId: string,
  input: z.infer<typeof humanReplySchema>,
): Promise<Message> {
  const now = ctx.clock.now();
  const message = await ctx.db.transaction().execute(async (trx) => {
    const conversation = await trx
      .selectFrom('conversations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversationId)
      .executeTakeFirst();
    if (!conversation) throw notFound('Conversation');
    const contact = await getContactRow(trx, workspaceId, conversation.contact_id);
    const number = await trx
      .selectFrom('phone_numbers')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversation.phone_number_id)
      .executeTakeFirst();
    if (!number) throw notFound('The phone number of this conversation');
    const msg = await queueOutboundMessage(trx, {
      workspaceId,
      conversationId,
      contact,
      phoneNumber: number,
      author: 'human',
      body: input.body,
      now,
    });
    // A person is talking: the AI agent sleeps (see the agent's sleepMinutesAfterHuman).
    await trx.updateTable('conversations').set({ last_human_at: now, updated_at: now }).where('id', '=', conversationId).execute();
    return msg;
  });
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId, type: 'message', id: message.id });
  return presentMessage(message);
}
