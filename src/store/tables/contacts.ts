/** Contacts and what is known about them: tags, consent history, notes. */

import type { Flag } from './flag.js';

export interface ContactsTable {
  id: string;
  workspace_id: string;
  phone: string;
  name: string | null;
  stage: string | null;
  opted_out: Flag;
  opted_out_at: number | null;
  textable: Flag;
  not_textable_reason: string | null;
  /** Lookup line type (mobile, landline, nonFixedVoip, tollFree…), cached for 90 days. */
  line_type: string | null;
  line_type_checked_at: number | null;
  /** Undelivered (30003-style) failures in a row: one is a strike, not a verdict. */
  unreachable_strikes: number;
  /** 1: the phone simulator's phone (a fictional 555-01XX number) practising on a carrier number. */
  practice: Flag;
  created_at: number;
  updated_at: number;
}

export interface ContactTagsTable {
  workspace_id: string;
  contact_id: string;
  tag: string;
  created_at: number;
}

export interface ConsentEventsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  kind: 'opt_out' | 'opt_in';
  /** What caused it: keyword, phrase, carrier, api. */
  source: string;
  detail: string;
  message_id: string | null;
  created_at: number;
}

export interface ContactNotesTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  author_user_id: string | null;
  body: string;
  created_at: number;
}

/**
 * A contact's further phone numbers, each with its own texting state (carriers enforce STOP per
 * number). contacts.phone is the number replies go to; a number here becomes it when the person
 * next calls or texts from it (the two swap, state and all). Migration 014.
 */
export interface ContactPhonesTable {
  workspace_id: string;
  phone: string;
  contact_id: string;
  opted_out: Flag;
  opted_out_at: number | null;
  textable: Flag;
  not_textable_reason: string | null;
  line_type: string | null;
  line_type_checked_at: number | null;
  unreachable_strikes: number;
  created_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface ContactTables {
  contacts: ContactsTable;
  contact_tags: ContactTagsTable;
  consent_events: ConsentEventsTable;
  contact_notes: ContactNotesTable;
  contact_phones: ContactPhonesTable;
}
