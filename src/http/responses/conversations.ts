/** Conversations, their messages and the inbox counts (routes: http/api/conversations.ts). */
import { z } from 'zod';
import type { Message } from '../../services/conversations.js';
import { CONVERSATION_VIEWS, type Conversation, type ConversationCounts } from '../../services/conversations-api.js';
import { contactResponse } from './contacts.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const messageResponse = named(
  'Message',
  z.object({
    id: z.string(),
    conversationId: z.string(),
    contactId: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    author: z.enum(['contact', 'textback', 'agent', 'human', 'workflow', 'system']).describe('Who wrote it: the customer, the text-back, the AI agent, a team member, a workflow, or Textback itself.'),
    body: z.string(),
    media: z.array(z.string()).describe('Pictures a customer sent (MMS): fetch each at /api/v1/messages/{id}/media/{index}.'),
    status: z.string(),
    carrierMessageId: z.string().nullable().describe("The carrier's id for the message (Twilio `SM…`), once it has one."),
    from: z.string(),
    to: z.string(),
    error: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
    callId: z.string().nullable().describe('The missed call this text answers (text-backs).'),
    segments: z.number().int().nullable(),
    createdAt: isoTime,
    sentAt: isoTime.nullable(),
    practice: z.boolean().describe('A practice text of the phone simulator: recorded by the sandbox, never sent through a carrier.'),
  }),
);
sameShape<z.output<typeof messageResponse>, Message>();

export const messagePageResponse = pageOf('MessagePage', messageResponse);

export const conversationResponse = named(
  'Conversation',
  z.object({
    id: z.string(),
    contactId: z.string(),
    phoneNumberId: z.string(),
    contact: contactResponse,
    lastMessage: messageResponse.nullable(),
    lastMessageAt: isoTime,
    lastInboundAt: isoTime.nullable(),
    lastHumanAt: isoTime.nullable(),
    createdAt: isoTime,
    status: z.enum(['open', 'snoozed', 'closed']),
    snoozedUntil: isoTime.nullable(),
    assignee: z.object({ userId: z.string(), name: z.string() }).nullable(),
    needsReply: z.object({ since: isoTime, reason: z.string(), handoff: z.boolean() }).nullable().describe('Someone owes the customer an answer, since when and why (in words); null when nobody does.'),
    /** Whether the AI agent may answer in this conversation, and if not, why. */
    ai: z.object({ enabled: z.boolean(), reason: z.string().nullable() }),
    unread: z.boolean().nullable().describe('For a signed-in member: the customer wrote since they last opened it. Null for API keys.'),
    practice: z.boolean().describe("The phone simulator's practice conversation with one of the workspace's numbers: its texts are never sent through a carrier."),
  }),
);
sameShape<z.output<typeof conversationResponse>, Conversation>();

export const conversationPageResponse = pageOf('ConversationPage', conversationResponse);

export const conversationViewResponse = named('ConversationView', z.enum(CONVERSATION_VIEWS));

export const conversationCountsResponse = named(
  'ConversationCounts',
  z.object({
    open: z.record(conversationViewResponse, z.number().int()).describe('Open conversations in each view.'),
    snoozed: z.number().int(),
    unread: z.number().int(),
    handoffAlerts: z.object({ staffNumbers: z.number().int(), email: z.boolean() }).describe('Where handoff alerts go: how many staff numbers get a text, whether email is on.'),
  }),
);
sameShape<z.output<typeof conversationCountsResponse>, ConversationCounts>();

export const sandboxTextResponse = named(
  'SandboxTextResult',
  z.object({ messageId: z.string().nullable() }),
  'The text as Textback received it (null when it was not kept, e.g. a STOP already handled)',
);
