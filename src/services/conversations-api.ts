/**
 * The conversations API: threads newest first, their messages, and staff replies. A staff reply is
 * sent from the conversation's business number and pauses the AI agent (last_human_at).
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { ConversationsTable } from '../store/schema.js';
import { getContactRow, presentContact, tagsOf, type Contact } from './contacts.js';
import { presentMessage, type Message } from './conversations.js';
import { queueOutboundMessage } from './outbound-messages.js';

export const humanReplySchema = z.object({ body: z.string().trim().min(1).max(1600) }).strict();

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
}

async function present(ctx: AppContext, rows: ConversationsTable[]): Promise<Conversation[]> {
  if (rows.length === 0) return [];
  const contactIds = [...new Set(rows.map((r) => r.contact_id))];
  const [contacts, tags, lastMessages] = await Promise.all([
    ctx.db.selectFrom('contacts').selectAll().where('id', 'in', contactIds).execute(),
    tagsOf(ctx.db, contactIds),
    Promise.all(
      rows.map((r) =>
        ctx.db
          .selectFrom('messages')
          .selectAll()
          .where('conversation_id', '=', r.id)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst(),
      ),
    ),
  ]);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return rows.map((r, i) => ({
    id: r.id,
    contactId: r.contact_id,
    phoneNumberId: r.phone_number_id,
    contact: presentContact(byId.get(r.contact_id)!, tags.get(r.contact_id) ?? []),
    lastMessage: lastMessages[i] ? presentMessage(lastMessages[i]!) : null,
    lastMessageAt: new Date(r.last_message_at).toISOString(),
    lastInboundAt: r.last_inbound_at ? new Date(r.last_inbound_at).toISOString() : null,
    lastHumanAt: r.last_human_at ? new Date(r.last_human_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function listConversations(
  ctx: AppContext,
  workspaceId: string,
  filter: { contactId?: string; phoneNumberId?: string },
  page: PageRequest,
): Promise<Page<Conversation>> {
  let q = ctx.db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.contactId) q = q.where('contact_id', '=', filter.contactId);
  if (filter.phoneNumberId) q = q.where('phone_number_id', '=', filter.phoneNumberId);
  const result = await paginate(q, 'last_message_at', 'id', page, (r) => r.last_message_at);
  return { data: await present(ctx, result.data), nextCursor: result.nextCursor };
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

export async function getConversation(ctx: AppContext, workspaceId: string, id: string): Promise<Conversation> {
  const [conversation] = await present(ctx, [await getConversationRow(ctx, workspaceId, id)]);
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
