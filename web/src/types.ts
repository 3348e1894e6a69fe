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
