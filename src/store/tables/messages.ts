/** Messages in and out, and the carrier's delivery reports for them. */

import type { Flag } from './flag.js';

export type MessageDirection = 'inbound' | 'outbound';
export type MessageAuthor = 'contact' | 'textback' | 'agent' | 'human' | 'workflow' | 'system';

export interface MessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  contact_id: string;
  phone_number_id: string;
  direction: MessageDirection;
  author: MessageAuthor;
  body: string;
  /** JSON array of media URLs. */
  media: string;
  /** Outbound: pending → sending → queued/sent → delivered | undelivered | failed; also refused. */
  status: string;
  carrier: string;
  carrier_message_id: string | null;
  from_number: string;
  to_number: string;
  error_code: string | null;
  error_message: string | null;
  call_id: string | null;
  segments: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  /** A practice text: recorded by the sandbox, never sent through a real carrier (migration 015). */
  practice: Flag;
}

export interface MessageStatusEventsTable {
  carrier: string;
  carrier_message_id: string;
  status: string;
  error_code: string | null;
  received_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface MessageTables {
  messages: MessagesTable;
  message_status_events: MessageStatusEventsTable;
}
