/**
 * Conversations: one thread per contact and business number, shared by the text-back, staff,
 * workflows and the AI agent. This file holds the write primitives the other services use inside
 * their transactions, and the presentation of messages.
 */
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import { preparedQuery } from '../store/prepared-query.js';
import type { ContactsTable, ConversationsTable, MessagesTable } from '../store/schema.js';

/** The inbox state of a conversation that was just created: open, unassigned, nobody owes a reply, AI on. */
export const NEW_CONVERSATION_STATE = {
  status: 'open',
  snoozed_until: null,
  assignee_user_id: null,
  needs_reply_at: null,
  needs_reply_reason: null,
  handoff_at: null,
  ai_off: 0,
  ai_off_reason: null,
} as const satisfies Partial<ConversationsTable>;

/** The row of a conversation created at `now` (by ensureConversation, or the text-back's one statement). */
export function newConversationRow(p: { id: string; workspaceId: string; contactId: string; phoneNumberId: string; now: number; practice: 0 | 1 }): ConversationsTable {
  return {
    id: p.id,
    workspace_id: p.workspaceId,
    contact_id: p.contactId,
    phone_number_id: p.phoneNumberId,
    last_message_at: p.now,
    last_inbound_at: null,
    last_human_at: null,
    last_agent_at: null,
    agent_locked_until: null,
    created_at: p.now,
    updated_at: p.now,
    practice: p.practice,
    ...NEW_CONVERSATION_STATE,
  };
}

const insertConversation = preparedQuery((db, p: { id: string; workspaceId: string; contactId: string; phoneNumberId: string; now: number; practice: 0 | 1 }) =>
  db
    .insertInto('conversations')
    .values(newConversationRow(p))
    .onConflict((oc) => oc.columns(['workspace_id', 'contact_id', 'phone_number_id']).doNothing())
    .returningAll(),
);

/** Finds or creates the conversation for (contact, number); race-safe on the unique key. */
export async function ensureConversation(
  db: Executor,
  workspaceId: string,
  /** A practice contact's new conversation is a practice one (migration 015). */
  contact: Pick<ContactsTable, 'id' | 'practice'>,
  phoneNumberId: string,
  now: number,
  /** Whether the caller's own read already found none: then insert without looking first. */
  knownAbsent = false,
): Promise<ConversationsTable & { created: boolean }> {
  const contactId = contact.id;
  const find = () =>
    db
      .selectFrom('conversations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .where('phone_number_id', '=', phoneNumberId)
      .executeTakeFirst();
  const existing = knownAbsent ? undefined : await find();
  if (existing) return { ...existing, created: false };
  // The new row comes back with the insert; only a racing insert's row needs reading.
  const inserted = (await insertConversation(db, { id: newId('cv', now), workspaceId, contactId, phoneNumberId, now, practice: contact.practice === 1 ? 1 : 0 })).rows[0];
  if (inserted) return { ...inserted, created: true };
  const raced = await find();
  if (!raced) throw new Error('conversation vanished after insert');
  return { ...raced, created: false };
}

export interface Message {
  id: string;
  conversationId: string;
  contactId: string;
  direction: MessagesTable['direction'];
  author: MessagesTable['author'];
  body: string;
  media: string[];
  status: string;
  carrierMessageId: string | null;
  from: string;
  to: string;
  error: { code: string | null; message: string | null } | null;
  callId: string | null;
  segments: number | null;
  createdAt: string;
  sentAt: string | null;
  /** A practice text: recorded by the sandbox, never sent through a carrier. */
  practice: boolean;
}

export function presentMessage(row: MessagesTable): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    contactId: row.contact_id,
    direction: row.direction,
    author: row.author,
    body: row.body,
    media: JSON.parse(row.media) as string[],
    status: row.status,
    carrierMessageId: row.carrier_message_id,
    from: row.from_number,
    to: row.to_number,
    error: row.error_code || row.error_message ? { code: row.error_code, message: row.error_message } : null,
    callId: row.call_id,
    segments: row.segments,
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    practice: Number(row.practice) === 1,
  };
}
