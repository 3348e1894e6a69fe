/** Conversations (one per contact and number) and what the team keeps beside them. */

import type { Flag } from './flag.js';

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  phone_number_id: string;
  last_message_at: number;
  last_inbound_at: number | null;
  last_human_at: number | null;
  /** When the agent last answered here (migration 021): the inbox's "handled by the AI" view. */
  last_agent_at: number | null;
  agent_locked_until: number | null;
  created_at: number;
  updated_at: number;
  /** open, snoozed (until snoozed_until), closed. */
  status: ConversationStatus;
  snoozed_until: number | null;
  assignee_user_id: string | null;
  /** When the conversation began waiting for a person's answer; null when nobody owes one. */
  needs_reply_at: number | null;
  /** Why, in words: "The customer wrote" or the agent's handoff reason. */
  needs_reply_reason: string | null;
  /** Set by an agent handoff; cleared when a person answers. */
  handoff_at: number | null;
  /** 1: the AI agent stays silent in this conversation (a handoff, or a person switched it off). */
  ai_off: number;
  ai_off_reason: string | null;
  /** The phone simulator's conversation with a number (copied from the contact; migration 015). */
  practice: Flag;
}

export type ConversationStatus = 'open' | 'snoozed' | 'closed';

export interface ConversationReadsTable {
  conversation_id: string;
  user_id: string;
  workspace_id: string;
  read_at: number;
}

export interface ConversationNotesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  author_user_id: string | null;
  body: string;
  created_at: number;
}

export interface SavedRepliesTable {
  id: string;
  workspace_id: string;
  title: string;
  body: string;
  created_at: number;
  updated_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface ConversationTables {
  conversations: ConversationsTable;
  conversation_reads: ConversationReadsTable;
  conversation_notes: ConversationNotesTable;
  saved_replies: SavedRepliesTable;
}
