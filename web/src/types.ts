/**
 * The shapes the dashboard reads from /api/v1. They come from the server: api-types.ts is generated
 * from the OpenAPI document (`npm run generate:api-types`), which is built from the same zod
 * schemas the server's answers are checked against. This file keeps the names the pages import and
 * derives the few that are parts of an answer; only what the document does not describe (the live
 * event stream, the list wrapper's generic form) is written here by hand.
 */
import type * as Api from './api-types';

export type {
  AgentSettings,
  AgentTestReply,
  AgentTurn,
  ApiKey,
  Call,
  CarrierAccount,
  CarrierNumber,
  ConsentEvent,
  Contact,
  ContactDetail,
  Conversation,
  ConversationCounts,
  ConversationView,
  CreatedApiKey,
  CreatedWorkflow,
  DayKey,
  DeploymentWarning,
  FunnelCounts,
  Invite,
  KnowledgeChunk,
  KnowledgeEntry,
  KnowledgeImportResult,
  Member,
  Message,
  NotificationPreferences,
  Overview,
  PhoneNumber,
  Pipeline,
  Provider,
  Readiness,
  ReadinessCheck,
  Role,
  Session,
  TriggerType,
  User,
  WeeklyHours,
  Workflow,
  WorkflowAction,
  WorkflowDetail,
  WorkflowCondition,
  WorkflowRun,
  WorkflowRunStep,
  WorkflowTrigger,
  Workspace,
  WorkspaceSummary,
} from './api-types';

/** A list answer (`{ data, nextCursor }`): every *Page schema in api-types.ts has this form. */
export type Page<T> = Omit<Api.ContactPage, 'data'> & { data: T[] };

export type MessageAuthor = Api.Message['author'];

export type Passage = Api.AgentTestReply['passages'][number];

/** A number in a connected Twilio account, as the import page lists it. */
export type TwilioNumber = Api.CarrierNumber;

/** One server-sent event of GET /api/v1/events/stream: what changed (fetch it again by id). */
export interface LiveEvent {
  type: 'message' | 'call' | 'contact' | 'conversation' | 'alert';
  id: string;
}

/**
 * Transitional, for SettingsPage and WorkflowEditPage only: those pages are being split on another
 * branch, so their code lines are left as they are and they import these by their old names. They
 * are looser than the server: `keyPrefix` was never sent (the field is `prefix`), `apiKey` comes only
 * in POST /api/v1/api-keys's answer (CreatedApiKey) and `signingSecret` only in POST
 * /api/v1/workflows's (CreatedWorkflow), and `warnings` only in a single workflow's (WorkflowDetail). Replace them with the exact types when those pages are next edited.
 */
export type LooseApiKey = Api.ApiKey & { apiKey?: string; keyPrefix?: string };
export type LooseWorkflow = Api.Workflow & { warnings?: string[]; signingSecret?: string };
export type LoosePipeline = Omit<Api.Pipeline, 'contactCounts' | 'updatedAt'> & Partial<Pick<Api.Pipeline, 'contactCounts' | 'updatedAt'>>;
