/**
 * GENERATED from the server's OpenAPI document (/api/v1/openapi.json, built from the zod schemas in
 * src/http/responses/) by `npm run generate:api-types`. Do not edit: change the schema on the server
 * and run the script again; `npm run typecheck` fails while this file is stale.
 */

export interface Accepted {
  ok: true;
}

export interface AgentSettings {
  enabled: boolean;
  /** The agent answers contacts carrying one of these tags. */
  activeTags: string[];
  systemPrompt: string;
  model: {
    provider: Provider;
    name: string;
    baseUrl: string | null;
    embeddingModel: string | null;
    apiKeySet: boolean;
  };
  sleepMinutesAfterHuman: number;
  debounceSeconds: number;
  maxRepliesPerContactPerDay: number;
  maxSegments: number;
  timeoutSeconds: number;
}

/** What the agent would answer; nothing is sent */
export interface AgentTestReply {
  reply: string;
  handoff: {
    reason: 'asked_for_human' | 'cannot_help' | 'booking_request' | 'complaint' | 'opt_out' | 'other' | 'model_error' | 'daily_cap' | 'guardrail';
    note: string;
  } | null;
  toolCalls: Array<{
    name: string;
    input: unknown;
    output: unknown;
  }>;
  /** The knowledge passages the agent was given. */
  passages: Array<{
    title: string;
    text: string;
    confidence: number;
  }>;
  error: string | null;
}

export interface AgentTurn {
  id: string;
  conversationId: string;
  contactId: string;
  triggerMessageId: string;
  status: string;
  provider: string;
  model: string;
  /** What the model was given, as recorded. */
  input: unknown;
  passages: unknown;
  toolCalls: unknown;
  reply: string | null;
  replyMessageId: string | null;
  handoffReason: string | null;
  error: string | null;
  usage: {
    promptTokens: number | null;
    completionTokens: number | null;
  };
  latencyMs: number | null;
  createdAt: string;
}

export interface AgentTurnPage {
  data: AgentTurn[];
  nextCursor: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ApiKeyPage {
  data: ApiKey[];
  nextCursor: string | null;
}

export interface Call {
  id: string;
  /** The carrier's id for the call (Twilio `CA…`, a phone system's own id). */
  carrierCallId: string;
  carrier: string;
  from: string;
  to: string;
  phoneNumberId: string;
  contactId: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: 'ringing' | 'answered' | 'missed' | 'voicemail';
  dialStatus: string | null;
  forwardedFrom: string | null;
  afterHours: boolean;
  textBack: {
    status: 'pending' | 'sent' | 'skipped' | 'failed' | null;
    reason: string | null;
    messageId: string | null;
  };
  voicemail: {
    url: string;
    durationSeconds: number | null;
    transcript: string | null;
  } | null;
  /** A practice call the phone simulator played on one of the workspace's numbers (left out of the overview's figures). */
  practice: boolean;
}

/** The call as recorded, and whether this report decided its text-back (false for a repeat) */
export interface CallEventAccepted {
  callId: string;
  decided: boolean;
}

/** The phone system's new signing secret (shown once) */
export interface CallEventSecret {
  secret: string;
}

export interface CallPage {
  data: Call[];
  nextCursor: string | null;
}

export interface CarrierAccount {
  carrier: string;
  accountSid: string;
  configured: true;
  updatedAt: string;
}

export interface CarrierAccountPage {
  data: CarrierAccount[];
  nextCursor: string | null;
}

/** A number on a connected carrier account */
export interface CarrierNumber {
  /** The carrier's id for the number; the name predates other carriers (Twilio `PN…`). */
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
  smsUrl: string | null;
  imported: boolean;
  /** The number's voice and messaging webhook URLs are exactly the ones this Textback expects for the carrier (the dashboard shows it as Ready). */
  webhooksPointHere: boolean;
}

export interface CarrierNumberPage {
  data: CarrierNumber[];
  nextCursor: string | null;
}

export interface ConsentEvent {
  id: string;
  kind: 'opt_out' | 'opt_in';
  source: string;
  detail: string;
  messageId: string | null;
  createdAt: string;
}

export interface Contact {
  id: string;
  /** E.164. */
  phone: string;
  name: string | null;
  tags: string[];
  stage: string | null;
  optedOut: boolean;
  optedOutAt: string | null;
  /** False for a number that cannot receive texts (a landline, or one the carrier refused). */
  textable: boolean;
  notTextableReason: string | null;
  /** The phone simulator's fictional caller (555-0100 to 555-0199) from a practice call: its texts are recorded by the sandbox and never sent through a carrier. */
  practice: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ContactDetail {
  id: string;
  /** E.164. */
  phone: string;
  name: string | null;
  tags: string[];
  stage: string | null;
  optedOut: boolean;
  optedOutAt: string | null;
  /** False for a number that cannot receive texts (a landline, or one the carrier refused). */
  textable: boolean;
  notTextableReason: string | null;
  /** The phone simulator's fictional caller (555-0100 to 555-0199) from a practice call: its texts are recorded by the sandbox and never sent through a carrier. */
  practice: boolean;
  createdAt: string;
  updatedAt: string;
  /** Further numbers (from merging duplicates); `phone` is where replies go. */
  otherPhones: OtherPhone[];
  consentHistory: ConsentEvent[];
}

export interface ContactImportResult {
  rows: Array<{
    line: number;
    phone: string | null;
    name: string | null;
    tags: string[];
    stage: string | null;
    action: 'create' | 'update' | 'error';
    error: string | null;
  }>;
  created: number;
  updated: number;
  errors: number;
  /** False for a dry run (nothing changed). */
  applied: boolean;
}

export interface ContactMergePreview {
  result: {
    name: string | null;
    phone: string;
    otherPhones: Array<{
      phone: string;
      optedOut: boolean;
    }>;
    tags: string[];
    stage: string | null;
  };
  moves: {
    conversationsMoved: number;
    conversationsJoined: number;
    messages: number;
    calls: number;
    notes: number;
    workflowRuns: number;
  };
  into: ContactWithPhones;
  from: ContactWithPhones;
}

export interface ContactMergeResult {
  contact: ContactWithPhones;
  moves: {
    conversationsMoved: number;
    conversationsJoined: number;
    messages: number;
    calls: number;
    notes: number;
    workflowRuns: number;
  };
}

export interface ContactPage {
  data: ContactWithPhones[];
  nextCursor: string | null;
}

export interface ContactWithPhones {
  id: string;
  /** E.164. */
  phone: string;
  name: string | null;
  tags: string[];
  stage: string | null;
  optedOut: boolean;
  optedOutAt: string | null;
  /** False for a number that cannot receive texts (a landline, or one the carrier refused). */
  textable: boolean;
  notTextableReason: string | null;
  /** The phone simulator's fictional caller (555-0100 to 555-0199) from a practice call: its texts are recorded by the sandbox and never sent through a carrier. */
  practice: boolean;
  createdAt: string;
  updatedAt: string;
  /** Further numbers (from merging duplicates); `phone` is where replies go. */
  otherPhones: OtherPhone[];
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
  createdAt: string;
  status: 'open' | 'snoozed' | 'closed';
  snoozedUntil: string | null;
  assignee: {
    userId: string;
    name: string;
  } | null;
  /** Someone owes the customer an answer, since when and why (in words); null when nobody does. */
  needsReply: {
    since: string;
    reason: string;
    handoff: boolean;
  } | null;
  ai: {
    enabled: boolean;
    reason: string | null;
  };
  /** For a signed-in member: the customer wrote since they last opened it. Null for API keys. */
  unread: boolean | null;
  /** The phone simulator's practice conversation with one of the workspace's numbers: its texts are never sent through a carrier. */
  practice: boolean;
}

export interface ConversationCounts {
  /** Open conversations in each view. */
  open: Record<ConversationView, number>;
  snoozed: number;
  unread: number;
  /** Where handoff alerts go: how many staff numbers get a text, whether email is on. */
  handoffAlerts: {
    staffNumbers: number;
    email: boolean;
  };
}

export interface ConversationPage {
  data: Conversation[];
  nextCursor: string | null;
}

export type ConversationView = 'all' | 'mine' | 'unassigned' | 'needs_reply' | 'ai';

/** The new key, with its secret (shown once) */
export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  apiKey: string;
}

/** The workflow, with its webhook signing secret (shown once) */
export interface CreatedWorkflow {
  id: string;
  name: string;
  enabled: boolean;
  trigger: WorkflowTrigger;
  actions: WorkflowAction[];
  createdAt: string;
  updatedAt: string;
  warnings: string[];
  signingSecret: string;
}

export interface CreatedWorkspace {
  id: string;
  name: string;
  businessName: string;
  /** IANA time zone, e.g. America/Chicago. */
  timezone: string;
  businessHours: WeeklyHours | null;
  /** Local dates (YYYY-MM-DD) treated as outside hours all day. */
  closedDates: string[];
  staffNumbers: string[];
  /** The business's own lines and staff phones: a call from one is never texted back. */
  ownNumbers: string[];
  quietHours: {
    enabled: boolean;
    start: string;
    end: string;
  };
  optOutFooter: {
    enabled: boolean;
    text: string;
  };
  automatedRepliesPerHour: number;
  lineTypeCheck: {
    enabled: boolean;
  };
  createdAt: string;
  /** The workspace's first API key (shown once). */
  apiKey: string;
  owner?: {
    id: string;
    email: string;
    name: string;
    createdAccount: boolean;
    password?: string;
  };
}

export type DayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface DeploymentWarning {
  id: string;
  message: string;
}

export interface DeploymentWarningPage {
  data: DeploymentWarning[];
  nextCursor: string | null;
}

export interface DuplicateSuggestions {
  data: Array<{
    contact: Contact;
    /** Why it looks like the same person, in words. */
    reason: string;
  }>;
}

export interface Error {
  error: {
    code: string;
    message: string;
    field?: string;
  };
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

export interface Invite {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  /** The link to send; null for an invite made before links were kept. */
  inviteUrl: string | null;
}

export interface InvitePage {
  data: Invite[];
  nextCursor: string | null;
}

/** What an invite link is for */
export interface InvitePreview {
  businessName: string;
  workspaceName: string;
  invitedBy: string | null;
  email: string;
  role: Role;
  expiresAt: string;
}

export interface KnowledgeChunk {
  id: string;
  ordinal: number;
  text: string;
  embedded: boolean;
}

export interface KnowledgeChunkList {
  data: KnowledgeChunk[];
}

export interface KnowledgeEntry {
  id: string;
  title: string;
  content: string;
  /** How many chunks the agent reads it as. */
  chunks: number;
  source: {
    type: 'manual' | 'url' | 'file';
    url: string | null;
    name: string | null;
  };
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeEntryPage {
  data: KnowledgeEntry[];
  nextCursor: string | null;
}

export interface KnowledgeImportResult {
  entries: KnowledgeEntry[];
  /** Pages that were not imported, each with the reason in words. */
  skipped: Array<{
    url: string;
    reason: string;
  }>;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface MemberPage {
  data: Member[];
  nextCursor: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  contactId: string;
  direction: 'inbound' | 'outbound';
  /** Who wrote it: the customer, the text-back, the AI agent, a team member, a workflow, or Textback itself. */
  author: 'contact' | 'textback' | 'agent' | 'human' | 'workflow' | 'system';
  body: string;
  /** Pictures a customer sent (MMS): fetch each at /api/v1/messages/{id}/media/{index}. */
  media: string[];
  status: string;
  /** The carrier's id for the message (Twilio `SM…`), once it has one. */
  carrierMessageId: string | null;
  from: string;
  to: string;
  error: {
    code: string | null;
    message: string | null;
  } | null;
  /** The missed call this text answers (text-backs). */
  callId: string | null;
  segments: number | null;
  createdAt: string;
  sentAt: string | null;
  /** A practice text of the phone simulator: recorded by the sandbox, never sent through a carrier. */
  practice: boolean;
}

export interface MessagePage {
  data: Message[];
  nextCursor: string | null;
}

export interface Note {
  id: string;
  body: string;
  /** Null when the note was written with an API key. */
  author: {
    userId: string;
    name: string;
  } | null;
  createdAt: string;
}

export interface NotePage {
  data: Note[];
  nextCursor: string | null;
}

export interface NotificationPreferences {
  email: {
    inbound: boolean;
    handoff: boolean;
  };
  browser: {
    inbound: boolean;
    handoff: boolean;
  };
  /** Whether the server can send email (SMTP configured). */
  emailAvailable: boolean;
}

/** One of a merged contact's further numbers, with its own texting state. */
export interface OtherPhone {
  /** E.164. */
  phone: string;
  /** Opt-out is per number: carriers enforce STOP per number. */
  optedOut: boolean;
  textable: boolean;
  notTextableReason: string | null;
}

export interface Overview {
  from: string;
  to: string;
  perDay: Array<{
    missed: number;
    texted: number;
    replied: number;
    /** Conversations (caller × number) with a replied call: the headline. */
    leadsRecovered: number;
    agentHandled: number;
    staffHandled: number;
    date: string;
    phoneNumberId: string;
  }>;
  totals: FunnelCounts;
  medianSecondsToText: number | null;
  includeSandbox: boolean;
  sandboxMissed: number;
}

/** Whether a forgotten password can be reset by email (SMTP configured) */
export interface PasswordResetAvailability {
  emailAvailable: boolean;
}

export interface PhoneNumber {
  id: string;
  number: string;
  carrier: string;
  name: string;
  /** `ring`: Textback rings forwardTo. `forwarded`: every call arriving was already missed elsewhere. */
  mode: 'ring' | 'forwarded';
  hours: WeeklyHours | null;
  afterHours: {
    ring: boolean;
    message: string | null;
  };
  forwardTo: string[];
  ringTimeoutSeconds: number;
  screening: 'none' | 'press-1';
  voicemail: {
    enabled: boolean;
    greeting: string;
    transcribe: boolean;
  };
  missedCallTextBack: {
    enabled: boolean;
    message: string;
    delaySeconds: number;
    cooldownMinutes: number;
  };
  webhooks: {
    voiceUrl: string;
    voiceStatusUrl: string;
    smsUrl: string;
  };
  messagingServiceSid: string | null;
  readiness: Readiness;
  textBackPaused: {
    since: string;
    reason: string;
  } | null;
  createdAt: string;
  updatedAt: string;
}

export interface PhoneNumberPage {
  data: PhoneNumber[];
  nextCursor: string | null;
}

export interface Pipeline {
  stages: string[];
  /** Contacts in each stage. */
  contactCounts: Record<string, number>;
  updatedAt: string | null;
}

export type Provider = 'builtin' | 'openai' | 'anthropic' | 'openai-compatible';

export interface Readiness {
  status: 'ready' | 'action_needed' | 'unknown';
  checks: ReadinessCheck[];
  checkedAt: string | null;
}

export interface ReadinessCheck {
  id: string;
  ok: boolean;
  message: string;
  link?: string;
}

/** The reply with its merge fields filled */
export interface RenderedSavedReply {
  body: string;
}

export type Role = 'owner' | 'member';

/** How many of the phone simulator's calls and conversations were deleted (sandbox numbers' and practice ones) */
export interface SandboxHistoryCleared {
  calls: number;
  conversations: number;
}

/** The text as Textback received it (null when it was not kept, e.g. a STOP already handled) */
export interface SandboxTextResult {
  messageId: string | null;
}

/** The saved account (never its secret), and whether the carrier accepted the credentials */
export type SavedCarrierAccount = {
  carrier: string;
  accountSid: string;
  configured: true;
  updatedAt: string;
  verified: true;
} | {
  carrier: string;
  accountSid: string;
  configured: true;
  updatedAt: string;
  verified: false;
  warning: string;
};

export interface SavedReply {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface SavedReplyPage {
  data: SavedReply[];
  nextCursor: string | null;
}

/** The answer of setup, sign-in, invite acceptance and GET /auth/session */
export interface Session {
  user: User;
  workspaces: WorkspaceSummary[];
  /** Send as X-CSRF-Token with every request that changes something. */
  csrfToken: string;
}

/** Whether first-run setup is still needed */
export interface SetupState {
  needsSetup: boolean;
}

/** The new signing secret (shown once) */
export interface SigningSecret {
  signingSecret: string;
}

export type TriggerType = 'call.missed' | 'call.answered' | 'voicemail.received' | 'message.received' | 'contact.created' | 'contact.tag_added' | 'contact.tag_removed' | 'contact.stage_changed';

export interface User {
  id: string;
  email: string;
  name: string;
}

export type WeeklyHours = Record<DayKey, Array<[string, string]>>;

export interface Workflow {
  id: string;
  name: string;
  enabled: boolean;
  trigger: WorkflowTrigger;
  actions: WorkflowAction[];
  createdAt: string;
  updatedAt: string;
}

export type WorkflowAction = {
  type: 'add_tag';
  tag: string;
  if?: WorkflowCondition;
} | {
  type: 'remove_tag';
  tag: string;
  if?: WorkflowCondition;
} | {
  type: 'send_sms';
  body: string;
  if?: WorkflowCondition;
} | {
  type: 'wait';
  seconds: number;
  if?: WorkflowCondition;
} | {
  type: 'set_stage';
  stage: string;
  if?: WorkflowCondition;
} | {
  type: 'notify';
  to?: string[];
  body: string;
  if?: WorkflowCondition;
} | {
  type: 'webhook';
  url: string;
  if?: WorkflowCondition;
};

/** The action runs only when every key given holds */
export interface WorkflowCondition {
  businessHours?: 'open' | 'closed';
  hasTag?: string;
  lacksTag?: string;
  firstTimeCaller?: boolean;
}

/** A workflow with what may stop it from doing what it says (a removed number, a stage not in the pipeline) */
export interface WorkflowDetail {
  id: string;
  name: string;
  enabled: boolean;
  trigger: WorkflowTrigger;
  actions: WorkflowAction[];
  createdAt: string;
  updatedAt: string;
  warnings: string[];
}

export interface WorkflowPage {
  data: Workflow[];
  nextCursor: string | null;
}

export interface WorkflowRun {
  id: string;
  workflowId: string;
  eventId: string;
  eventType: string;
  contactId: string | null;
  phoneNumberId: string | null;
  status: 'running' | 'waiting' | 'completed' | 'failed' | 'stopped';
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  steps: WorkflowRunStep[];
}

export interface WorkflowRunPage {
  data: WorkflowRun[];
  nextCursor: string | null;
}

export interface WorkflowRunStep {
  index: number;
  type: string;
  status: 'pending' | 'running' | 'waiting' | 'completed' | 'skipped' | 'failed' | 'canceled';
  result: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  waitUntil: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface WorkflowTrigger {
  type: TriggerType;
  phoneNumberId?: string;
  tag?: string;
  stage?: string;
}

export interface Workspace {
  id: string;
  name: string;
  businessName: string;
  /** IANA time zone, e.g. America/Chicago. */
  timezone: string;
  businessHours: WeeklyHours | null;
  /** Local dates (YYYY-MM-DD) treated as outside hours all day. */
  closedDates: string[];
  staffNumbers: string[];
  /** The business's own lines and staff phones: a call from one is never texted back. */
  ownNumbers: string[];
  quietHours: {
    enabled: boolean;
    start: string;
    end: string;
  };
  optOutFooter: {
    enabled: boolean;
    text: string;
  };
  automatedRepliesPerHour: number;
  lineTypeCheck: {
    enabled: boolean;
  };
  createdAt: string;
}

export interface WorkspacePage {
  data: Workspace[];
  nextCursor: string | null;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  businessName: string;
  role: Role;
}

/** The answer of each operation that names one, by method and path (as in the document). */

export interface ApiAnswers {
  'GET /api/v1/agent': AgentSettings;
  'PUT /api/v1/agent': AgentSettings;
  'POST /api/v1/agent/test': AgentTestReply;
  'GET /api/v1/agent/turns': AgentTurnPage;
  'GET /api/v1/api-keys': ApiKeyPage;
  'POST /api/v1/api-keys': CreatedApiKey;
  'DELETE /api/v1/api-keys/{id}': void;
  'POST /api/v1/auth/login': Session;
  'POST /api/v1/auth/logout': void;
  'POST /api/v1/auth/password': void;
  'GET /api/v1/auth/password-reset': PasswordResetAvailability;
  'POST /api/v1/auth/password-reset': Accepted;
  'POST /api/v1/auth/password-reset/confirm': void;
  'GET /api/v1/auth/session': Session;
  'POST /api/v1/call-events': CallEventAccepted;
  'POST /api/v1/call-events/secret': CallEventSecret;
  'GET /api/v1/calls': CallPage;
  'GET /api/v1/calls/{id}': Call;
  'GET /api/v1/carriers': CarrierAccountPage;
  'PUT /api/v1/carriers/{carrier}': SavedCarrierAccount;
  'GET /api/v1/carriers/{carrier}/numbers': CarrierNumberPage;
  'POST /api/v1/carriers/{carrier}/numbers/import': PhoneNumber;
  'GET /api/v1/contacts': ContactPage;
  'POST /api/v1/contacts': Contact;
  'POST /api/v1/contacts/import': ContactImportResult;
  'GET /api/v1/contacts/{id}': ContactDetail;
  'PATCH /api/v1/contacts/{id}': Contact;
  'GET /api/v1/contacts/{id}/duplicates': DuplicateSuggestions;
  'POST /api/v1/contacts/{id}/merge': ContactMergeResult;
  'GET /api/v1/contacts/{id}/merge-preview': ContactMergePreview;
  'GET /api/v1/contacts/{id}/notes': NotePage;
  'POST /api/v1/contacts/{id}/notes': Note;
  'POST /api/v1/contacts/{id}/tags': Contact;
  'DELETE /api/v1/contacts/{id}/tags/{tag}': void;
  'GET /api/v1/conversations': ConversationPage;
  'GET /api/v1/conversations/counts': ConversationCounts;
  'GET /api/v1/conversations/{id}': Conversation;
  'PATCH /api/v1/conversations/{id}': Conversation;
  'GET /api/v1/conversations/{id}/messages': MessagePage;
  'POST /api/v1/conversations/{id}/messages': Message;
  'GET /api/v1/conversations/{id}/notes': NotePage;
  'POST /api/v1/conversations/{id}/notes': Note;
  'POST /api/v1/conversations/{id}/read': void;
  'GET /api/v1/invites': InvitePage;
  'POST /api/v1/invites': Invite;
  'POST /api/v1/invites/accept': Session;
  'GET /api/v1/invites/preview': InvitePreview;
  'DELETE /api/v1/invites/{id}': void;
  'GET /api/v1/knowledge': KnowledgeEntryPage;
  'POST /api/v1/knowledge': KnowledgeEntry;
  'POST /api/v1/knowledge/import/file': KnowledgeEntry;
  'POST /api/v1/knowledge/import/url': KnowledgeImportResult;
  'DELETE /api/v1/knowledge/{id}': void;
  'GET /api/v1/knowledge/{id}': KnowledgeEntry;
  'PATCH /api/v1/knowledge/{id}': KnowledgeEntry;
  'GET /api/v1/knowledge/{id}/chunks': KnowledgeChunkList;
  'POST /api/v1/knowledge/{id}/reimport': KnowledgeEntry;
  'GET /api/v1/members': MemberPage;
  'DELETE /api/v1/members/{userId}': void;
  'GET /api/v1/notification-preferences': NotificationPreferences;
  'PUT /api/v1/notification-preferences': NotificationPreferences;
  'GET /api/v1/phone-numbers': PhoneNumberPage;
  'POST /api/v1/phone-numbers': PhoneNumber;
  'DELETE /api/v1/phone-numbers/{id}': void;
  'GET /api/v1/phone-numbers/{id}': PhoneNumber;
  'PATCH /api/v1/phone-numbers/{id}': PhoneNumber;
  'POST /api/v1/phone-numbers/{id}/readiness/check': PhoneNumber;
  'POST /api/v1/phone-numbers/{id}/readiness/fix-inbound': PhoneNumber;
  'POST /api/v1/phone-numbers/{id}/resume-texting': PhoneNumber;
  'GET /api/v1/pipeline': Pipeline;
  'PUT /api/v1/pipeline': Pipeline;
  'POST /api/v1/sandbox/calls': Call;
  'DELETE /api/v1/sandbox/history': SandboxHistoryCleared;
  'GET /api/v1/sandbox/messages': MessagePage;
  'POST /api/v1/sandbox/messages': SandboxTextResult;
  'GET /api/v1/saved-replies': SavedReplyPage;
  'POST /api/v1/saved-replies': SavedReply;
  'DELETE /api/v1/saved-replies/{id}': void;
  'PATCH /api/v1/saved-replies/{id}': SavedReply;
  'GET /api/v1/saved-replies/{id}/rendered': RenderedSavedReply;
  'GET /api/v1/setup': SetupState;
  'POST /api/v1/setup': Session;
  'GET /api/v1/stats/overview': Overview;
  'GET /api/v1/warnings': DeploymentWarningPage;
  'GET /api/v1/workflows': WorkflowPage;
  'POST /api/v1/workflows': CreatedWorkflow;
  'DELETE /api/v1/workflows/{id}': void;
  'GET /api/v1/workflows/{id}': WorkflowDetail;
  'PATCH /api/v1/workflows/{id}': WorkflowDetail;
  'GET /api/v1/workflows/{id}/runs': WorkflowRunPage;
  'GET /api/v1/workflows/{id}/runs/{runId}': WorkflowRun;
  'POST /api/v1/workflows/{id}/signing-secret': SigningSecret;
  'GET /api/v1/workspace': Workspace;
  'PATCH /api/v1/workspace': Workspace;
  'GET /api/v1/workspaces': WorkspacePage;
  'POST /api/v1/workspaces': CreatedWorkspace;
}
