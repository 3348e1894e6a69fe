/**
 * Row types of every table, as Kysely sees them. The same on SQLite and PostgreSQL: times are epoch
 * milliseconds (bigint, read back as numbers), flags are 0/1 integers and JSON is text parsed by the
 * repositories, so no value changes shape between the two databases.
 */

/** 0 or 1: SQLite has no boolean type, and one representation keeps one code path. */
export type Flag = 0 | 1;

export interface WorkspacesTable {
  id: string;
  name: string;
  business_name: string;
  timezone: string;
  /** JSON: WorkspaceSettings. */
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  /** SHA-256 of the key: the key itself is shown once and never stored. */
  key_hash: string;
  key_prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface CarrierAccountsTable {
  id: string;
  workspace_id: string;
  carrier: string;
  /** Public account identifier (Twilio AccountSid). */
  account_id: string;
  /** AES-256-GCM ciphertext of the credential (Twilio auth token). */
  secret_ciphertext: string;
  /** AES-256-GCM ciphertext of a JSON object of the carrier's further settings and keys, or null. */
  extra_ciphertext: string | null;
  created_at: number;
  updated_at: number;
}

export interface CallEventSecretsTable {
  workspace_id: string;
  /** AES-256-GCM ciphertext of the HMAC secret a phone system signs call events with. */
  secret_ciphertext: string;
  created_at: number;
  updated_at: number;
}

export interface PhoneNumbersTable {
  id: string;
  workspace_id: string;
  number: string;
  carrier: string;
  name: string;
  /** JSON: PhoneNumberSettings (forwarding, voicemail, text-back). */
  settings: string;
  /** The carrier's own id for the number (Twilio `PN…`), known once imported or matched. */
  carrier_number_id: string | null;
  /** Twilio Messaging Service (`MG…`) the number sends through; sends carry it and From. */
  messaging_service_sid: string | null;
  /** JSON: the last texting-readiness check ({status, checks, checkedAt}); null before the first. */
  readiness: string | null;
  /** Sender-blocking carrier errors (30034, 30032, 30007…) since the last delivered text. */
  sender_block_strikes: number;
  /** Set when repeated sender-blocking errors paused text-back; cleared when the owner resumes. */
  textback_paused_at: number | null;
  textback_paused_reason: string | null;
  created_at: number;
  updated_at: number;
}

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
  created_at: number;
  updated_at: number;
}

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  phone_number_id: string;
  last_message_at: number;
  last_inbound_at: number | null;
  last_human_at: number | null;
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

export interface NotificationPreferencesTable {
  workspace_id: string;
  user_id: string;
  settings: string;
  updated_at: number;
}

export interface ContactNotesTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  author_user_id: string | null;
  body: string;
  created_at: number;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

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
}

export interface MessageStatusEventsTable {
  carrier: string;
  carrier_message_id: string;
  status: string;
  error_code: string | null;
  received_at: number;
}

/** The last text-back per (number, caller): claimed atomically so two racing calls cannot both text. */
export interface TextbackCooldownsTable {
  phone_number_id: string;
  caller: string;
  last_texted_at: number;
  call_id: string;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: string;
  workspace_id: string | null;
  kind: string;
  /** At most one job ever per key: the insert that loses the race does nothing. */
  unique_key: string | null;
  /** JSON. */
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  /** Set by advanceJob while the job runs: if its handler defers, it runs again no later than this. */
  nudged_run_at: number | null;
  created_at: number;
  updated_at: number;
}

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

export interface AgentSettingsTable {
  workspace_id: string;
  /** JSON: AgentSettings without the API key. */
  settings: string;
  api_key_ciphertext: string | null;
  updated_at: number;
}

export interface KnowledgeEntriesTable {
  id: string;
  workspace_id: string;
  title: string;
  content: string;
  created_at: number;
  updated_at: number;
  /** Where the entry came from (migration 010): typed in, a web page (re-importable), or a file. */
  source_type: string;
  source_url: string | null;
  /** The uploaded file's name. */
  source_name: string | null;
}

export interface KnowledgeChunksTable {
  id: string;
  workspace_id: string;
  entry_id: string;
  ordinal: number;
  title: string;
  text: string;
  /** JSON number[] from the workspace's embedding model (migration 010); null until indexed. */
  embedding: string | null;
  embedding_model: string | null;
}

export interface AgentTurnsTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  contact_id: string;
  trigger_message_id: string;
  /** running, replied, handoff, skipped, failed. */
  status: string;
  provider: string;
  model: string;
  /** JSON: the messages the model saw. */
  input: string;
  /** JSON: retrieved knowledge passages. */
  passages: string;
  /** JSON: tool calls and their results. */
  tool_calls: string;
  reply: string | null;
  reply_message_id: string | null;
  handoff_reason: string | null;
  error: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number | null;
  created_at: number;
  updated_at: number;
}

export interface Database {
  conversation_reads: ConversationReadsTable;
  conversation_notes: ConversationNotesTable;
  saved_replies: SavedRepliesTable;
  notification_preferences: NotificationPreferencesTable;
  contact_notes: ContactNotesTable;
  password_resets: PasswordResetsTable;
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  carrier_accounts: CarrierAccountsTable;
  call_event_secrets: CallEventSecretsTable;
  phone_numbers: PhoneNumbersTable;
  contacts: ContactsTable;
  contact_tags: ContactTagsTable;
  consent_events: ConsentEventsTable;
  calls: CallsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  message_status_events: MessageStatusEventsTable;
  textback_cooldowns: TextbackCooldownsTable;
  jobs: JobsTable;
  events: EventsTable;
  agent_settings: AgentSettingsTable;
  knowledge_entries: KnowledgeEntriesTable;
  knowledge_chunks: KnowledgeChunksTable;
  agent_turns: AgentTurnsTable;
}

// ——— workflows and the pipeline (migration 003) ———

/** A workspace's ordered pipeline stages. */
export interface PipelinesTable {
  workspace_id: string;
  /** JSON: string[], in board order. */
  stages: string;
  updated_at: number;
}

export interface WorkflowsTable {
  id: string;
  workspace_id: string;
  name: string;
  enabled: Flag;
  /** The trigger's event type, also inside `trigger`: a column so dispatch can filter by it. */
  trigger_type: EventType;
  /** JSON: WorkflowTrigger. */
  trigger: string;
  /** JSON: WorkflowAction[]. */
  actions: string;
  /** SecretBox ciphertext of the webhook signing secret (shown once, at create). */
  signing_secret_ciphertext: string;
  created_at: number;
  updated_at: number;
}

export type WorkflowRunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'stopped';

/** One run of one workflow for one event (unique on the pair). */
export interface WorkflowRunsTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  event_id: string;
  event_type: EventType;
  contact_id: string | null;
  phone_number_id: string | null;
  status: WorkflowRunStatus;
  /** Why it stopped or failed, in words a person reads. */
  reason: string | null;
  /** JSON: the actions as they were when the run started (editing a workflow never shifts a run). */
  actions: string;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export type WorkflowStepStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'skipped' | 'failed' | 'canceled';

/** One action of a run: its status, result (JSON) and last error. */
export interface WorkflowRunStepsTable {
  id: string;
  workspace_id: string;
  run_id: string;
  step_index: number;
  action_type: string;
  status: WorkflowStepStatus;
  /** JSON: what the step did (message id, status code, skip reason…). */
  result: string | null;
  error: string | null;
  attempts: number;
  /** A wait step's end (epoch ms), fixed on its first run so a retry never restarts the wait. */
  wait_until: number | null;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

// Declaration merging adds these tables to Database without editing the interface above.
export interface Database {
  pipelines: PipelinesTable;
  workflows: WorkflowsTable;
  workflow_runs: WorkflowRunsTable;
  workflow_run_steps: WorkflowRunStepsTable;
}

// ——— accounts (migration 004) ———

export type MemberRole = 'owner' | 'member';

/** A person who signs in to the dashboard. */
export interface UsersTable {
  id: string;
  /** Lower-case, unique. */
  email: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash` (security/passwords.ts). */
  password_hash: string;
  created_at: number;
  updated_at: number;
}

/** A user's role in one workspace (primary key: workspace_id, user_id). */
export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: MemberRole;
  created_at: number;
}

/** A signed-in browser. The id is the SHA-256 of the cookie value; the value itself is never stored. */
export interface SessionsTable {
  id: string;
  user_id: string;
  /** Echoed by the dashboard in X-CSRF-Token on every state-changing request. */
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** An invitation to join a workspace; the link's token is stored only as its SHA-256. */
export interface InvitesTable {
  id: string;
  workspace_id: string;
  /** Lower-case. */
  email: string;
  role: MemberRole;
  token_hash: string;
  /** The inviting user, or null when an API key sent it. */
  invited_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  /** The link's token sealed with SECRET_KEY (null for invites made before it was kept). */
  token_sealed: string | null;
}

/** One failed login attempt under one key (`email:…` or `ip:…`), counted by the rate limit. */
export interface LoginFailuresTable {
  key: string;
  at: number;
  /** The attempt that reserved this row (null for rows from before reservations). */
  attempt_id: string | null;
}

/** Installation-wide one-time facts, such as "first-run setup done" (name: 'setup'). */
export interface InstallationFlagsTable {
  name: string;
  set_at: number;
}

export interface Database {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  login_failures: LoginFailuresTable;
  installation_flags: InstallationFlagsTable;
}

// ——— operations (migration 012) ———

/** One row per live worker process, rewritten every few seconds (read by /readyz). */
export interface WorkerHeartbeatsTable {
  worker_id: string;
  host: string;
  pid: number;
  started_at: number;
  beat_at: number;
}

export interface Database {
  worker_heartbeats: WorkerHeartbeatsTable;
}

// ——— merged contacts (migration 014) ———

/**
 * A contact's further phone numbers, each with its own texting state (carriers enforce STOP per
 * number). contacts.phone is the number replies go to; a number here becomes it when the person
 * next calls or texts from it (the two swap, state and all).
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

export interface Database {
  contact_phones: ContactPhonesTable;
}
