/**
 * The shapes the dashboard reads from /api/v1 (see the contract and src/http/api/*). Only the fields
 * the pages use are listed; the server may send more.
 */

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type Role = 'owner' | 'member';

export interface WorkspaceSummary {
  id: string;
  name: string;
  businessName: string;
  role: Role;
}

export interface User {
  id?: string;
  email: string;
  name: string;
}

/** The answer of setup, login, invite acceptance and GET /auth/session. */
export interface Session {
  user: User;
  workspaces: WorkspaceSummary[];
  csrfToken: string;
}

export type DayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export type WeeklyHours = Record<DayKey, Array<[string, string]>>;

export interface Workspace {
  id: string;
  name: string;
  businessName: string;
  timezone: string;
  /** Null: never set (nothing states hours, no call is "after hours" except on closed dates). */
  businessHours: WeeklyHours | null;
  closedDates: string[];
  staffNumbers: string[];
  ownNumbers: string[];
  quietHours: { enabled: boolean; start: string; end: string };
  optOutFooter: { enabled: boolean; text: string };
  automatedRepliesPerHour?: number;
}

export interface PhoneNumber {
  id: string;
  number: string;
  carrier: string;
  name: string;
  mode: 'ring' | 'forwarded';
  /** Null: the workspace's hours. */
  hours: WeeklyHours | null;
  afterHours: { ring: boolean; message: string | null };
  forwardTo: string[];
  ringTimeoutSeconds: number;
  screening: 'none' | 'press-1';
  voicemail: { enabled: boolean; greeting: string; transcribe: boolean };
  missedCallTextBack: { enabled: boolean; message: string; delaySeconds: number; cooldownMinutes: number };
  webhooks: { voiceUrl: string; voiceStatusUrl: string; smsUrl: string };
  messagingServiceSid?: string | null;
  readiness?: Readiness;
  textBackPaused?: { since: string; reason: string } | null;
  createdAt: string;
}

export interface ReadinessCheck {
  id: string;
  ok: boolean;
  message: string;
  link?: string;
}

export interface Readiness {
  status: 'ready' | 'action_needed' | 'unknown';
  checks: ReadinessCheck[];
  checkedAt: string | null;
}

export interface DeploymentWarning {
  id: string;
  message: string;
}

export interface Contact {
  id: string;
  phone: string;
  name: string | null;
  tags: string[];
  stage: string | null;
  optedOut: boolean;
  optedOutAt?: string | null;
  textable: boolean;
  notTextableReason?: string | null;
  createdAt: string;
  /** A merged contact's further numbers, each with its own opt-out (contact endpoints only). */
  otherPhones?: OtherPhone[];
}

export interface OtherPhone {
  phone: string;
  optedOut: boolean;
  textable: boolean;
  notTextableReason: string | null;
}

export interface ConsentEvent {
  id: string;
  kind: 'opt_out' | 'opt_in';
  source: string;
  detail: string;
  createdAt: string;
}

export type ContactDetail = Contact & { consentHistory: ConsentEvent[] };

export type MessageAuthor = 'contact' | 'textback' | 'agent' | 'human' | 'workflow' | 'system';

export interface Message {
  id: string;
  conversationId: string;
  contactId: string;
  direction: 'inbound' | 'outbound';
  author: MessageAuthor;
  body: string;
  media?: string[];
  status: string;
  from: string;
  to: string;
  error: { code: string | null; message: string | null } | null;
  segments?: number | null;
  createdAt: string;
  sentAt?: string | null;
}

export interface Conversation {
  id: string;
  contactId: string;
  phoneNumberId: string;
  contact: Contact;
  lastMessage: Message | null;
  lastMessageAt: string;
  lastInboundAt: string | null;
  lastHumanAt: string | null;
  status: 'open' | 'snoozed' | 'closed';
  snoozedUntil: string | null;
  assignee: { userId: string; name: string } | null;
  needsReply: { since: string; reason: string; handoff: boolean } | null;
  ai: { enabled: boolean; reason: string | null };
  unread: boolean | null;
}

export type ConversationView = 'all' | 'mine' | 'unassigned' | 'needs_reply' | 'ai';

export interface ConversationCounts {
  open: Record<ConversationView, number>;
  snoozed: number;
  unread: number;
  handoffAlerts: { staffNumbers: number; email: boolean };
}

export interface NotificationPreferences {
  email: { inbound: boolean; handoff: boolean };
  browser: { inbound: boolean; handoff: boolean };
  emailAvailable: boolean;
}

export interface Call {
  id: string;
  from: string;
  to: string;
  carrier?: string;
  phoneNumberId: string;
  contactId: string | null;
  startedAt: string;
  endedAt?: string | null;
  outcome: 'ringing' | 'answered' | 'missed' | 'voicemail';
  dialStatus?: string | null;
  forwardedFrom?: string | null;
  afterHours?: boolean;
  textBack: { status: 'pending' | 'sent' | 'skipped' | 'failed' | null; reason: string | null; messageId: string | null };
  voicemail: { url: string; durationSeconds: number | null; transcript: string | null } | null;
}

export type Provider = 'builtin' | 'openai' | 'anthropic' | 'openai-compatible';

export interface AgentSettings {
  enabled: boolean;
  activeTags: string[];
  systemPrompt: string;
  model: { provider: Provider; name: string; baseUrl: string | null; apiKeySet: boolean };
  sleepMinutesAfterHuman: number;
  debounceSeconds: number;
  maxRepliesPerContactPerDay: number;
  maxSegments: number;
  timeoutSeconds?: number;
}

export interface KnowledgeEntry {
  id: string;
  title: string;
  content: string;
  chunks?: number;
  /** Where it came from: typed in, a web page (re-importable) or a file. */
  source?: { type: 'manual' | 'url' | 'file'; url: string | null; name: string | null };
  createdAt: string;
  updatedAt?: string;
}

export interface KnowledgeChunk {
  id: string;
  ordinal: number;
  text: string;
  embedded: boolean;
}

export interface KnowledgeImportResult {
  entries: KnowledgeEntry[];
  skipped: Array<{ url: string; reason: string }>;
}

export interface Passage {
  title: string;
  text: string;
}

export interface AgentTestReply {
  reply: string | null;
  handoff: { reason: string } | null;
  passages: Passage[];
}

export interface AgentTurn {
  id: string;
  conversationId: string;
  contactId: string;
  status: string;
  provider: string;
  model: string | null;
  passages: unknown;
  toolCalls: unknown;
  reply: string | null;
  handoffReason: string | null;
  error: string | null;
  latencyMs: number | null;
  createdAt: string;
}

export type TriggerType =
  | 'call.missed'
  | 'call.answered'
  | 'voicemail.received'
  | 'message.received'
  | 'contact.created'
  | 'contact.tag_added'
  | 'contact.tag_removed'
  | 'contact.stage_changed';

export interface WorkflowCondition {
  businessHours?: 'open' | 'closed';
  hasTag?: string;
  lacksTag?: string;
  firstTimeCaller?: boolean;
}

export type WorkflowAction = (
  | { type: 'add_tag'; tag: string }
  | { type: 'remove_tag'; tag: string }
  | { type: 'send_sms'; body: string }
  | { type: 'wait'; seconds: number }
  | { type: 'set_stage'; stage: string }
  | { type: 'notify'; to?: string[]; body: string }
  | { type: 'webhook'; url: string }
) & { if?: WorkflowCondition };

export interface WorkflowTrigger {
  type: TriggerType;
  phoneNumberId?: string;
  tag?: string;
  stage?: string;
}

export interface Workflow {
  id: string;
  name: string;
  enabled: boolean;
  trigger: WorkflowTrigger;
  actions: WorkflowAction[];
  createdAt: string;
  updatedAt: string;
  warnings?: string[];
  signingSecret?: string;
}

export interface WorkflowRunStep {
  index: number;
  type: string;
  status: string;
  result: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  waitUntil: string | null;
  finishedAt: string | null;
}

export interface WorkflowRun {
  id: string;
  eventType: string;
  contactId: string | null;
  status: string;
  reason: string | null;
  createdAt: string;
  finishedAt: string | null;
  steps: WorkflowRunStep[];
}

export interface Pipeline {
  stages: string[];
  contactCounts?: Record<string, number>;
}

export interface FunnelCounts {
  missed: number;
  texted: number;
  replied: number;
  /** Conversations (caller × number) with a replied call: the headline. */
  leadsRecovered: number;
  agentHandled: number;
  staffHandled: number;
}

export interface Overview {
  from: string;
  to: string;
  perDay: Array<FunnelCounts & { date: string; phoneNumberId: string }>;
  totals: FunnelCounts;
  medianSecondsToText: number | null;
  includeSandbox: boolean;
  sandboxMissed: number;
}

export interface TwilioNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  imported: boolean;
}

/** A number on any connected carrier account, as GET /api/v1/carriers/:carrier/numbers lists it. */
export interface CarrierNumber extends TwilioNumber {
  voiceUrl: string | null;
  smsUrl: string | null;
}

export interface CarrierAccount {
  carrier: string;
  accountSid: string;
  configured: boolean;
  updatedAt: string;
}

export interface Member {
  id?: string;
  userId?: string;
  email: string;
  name: string;
  role: Role;
  createdAt?: string;
}

export interface Invite {
  id: string;
  email: string;
  role: Role;
  createdAt?: string;
  expiresAt?: string;
  acceptedAt?: string | null;
  inviteUrl?: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix?: string;
  keyPrefix?: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  apiKey?: string;
}

export interface LiveEvent {
  type: 'message' | 'call' | 'contact' | 'conversation' | 'alert';
  id: string;
}
