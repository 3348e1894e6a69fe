/** Calls and the text-back cooldown that keeps one caller from being texted twice. */

import type { Flag } from './flag.js';

export interface CallsTable {
  id: string;
  workspace_id: string;
  phone_number_id: string;
  contact_id: string | null;
  carrier: string;
  carrier_call_id: string;
  from_number: string;
  to_number: string;
  started_at: number;
  ended_at: number | null;
  /** Last parent-call status the carrier reported. */
  carrier_status: string | null;
  dial_status: string | null;
  dial_bridged: Flag | null;
  screen_accepted_at: number | null;
  outcome: 'ringing' | 'answered' | 'missed' | 'voicemail';
  /** Set once, by the first webhook that settles answered vs missed; never changed after. */
  outcome_decided_at: number | null;
  outcome_source: string | null;
  voicemail_url: string | null;
  voicemail_recording_id: string | null;
  voicemail_duration: number | null;
  voicemail_transcript: string | null;
  textback_status: 'pending' | 'sent' | 'skipped' | 'failed' | null;
  textback_reason: string | null;
  textback_message_id: string | null;
  /** The line that forwarded the call here (Twilio ForwardedFrom), E.164 when it reads as one. */
  forwarded_from: string | null;
  /** The call arrived outside its number's hours (or on a closed date): decided once, on arrival. */
  after_hours: Flag;
  /** A practice call: the phone simulator played it (copied from the caller's contact). */
  practice: Flag;
  created_at: number;
  updated_at: number;
}

/** The last text-back per (number, caller): claimed atomically so two racing calls cannot both text. */
export interface TextbackCooldownsTable {
  phone_number_id: string;
  caller: string;
  last_texted_at: number;
  call_id: string;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface CallTables {
  calls: CallsTable;
  textback_cooldowns: TextbackCooldownsTable;
}
