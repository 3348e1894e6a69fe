/** Domain events: what happened, recorded by the transaction that made it happen. */

export type EventType =
  | 'call.missed'
  | 'call.answered'
  | 'voicemail.received'
  | 'message.received'
  | 'contact.created'
  | 'contact.tag_added'
  | 'contact.tag_removed'
  | 'contact.stage_changed';

/** Something that happened, written by the transaction that made it happen (workflow triggers). */
export interface EventsTable {
  id: string;
  workspace_id: string;
  type: EventType;
  contact_id: string | null;
  /** JSON: the event's own fields (callId, tag, from/to stage, messageId…). */
  data: string;
  created_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface EventTables {
  events: EventsTable;
}
