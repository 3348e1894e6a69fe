/**
 * /api/v1/conversations: threads (views, state, search), the navigation's counts, their messages,
 * staff replies, and the team inbox state (open/snoozed/closed, assignment, read marks, AI on/off).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  conversationListQuerySchema,
  conversationPatchSchema,
  countConversations,
  getConversation,
  humanReplySchema,
  listConversations,
  listMessages,
  markConversationRead,
  sendHumanReply,
  updateConversation,
} from '../../services/conversations-api.js';
import { requireSession, requireWorkspace } from '../auth.js';
import { listQuery, parsePage } from './query.js';
import { doc } from '../openapi/route-doc.js';
import { conversationCountsResponse, conversationPageResponse, conversationResponse, messagePageResponse, messageResponse } from '../responses/conversations.js';
import { withReportsFor } from '../report-reads.js';

/** The signed-in member behind the request, or null for an API key. */
const viewerOf = (req: FastifyRequest): string | null => req.authSession?.userId ?? null;

export function registerConversationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/conversations', doc({ tag: 'Conversations', summary: 'List conversations', auth: 'workspace', query: listQuery({ contactId: 'Conversations of this contact', phoneNumberId: 'Conversations on this number' }), response: { description: 'A page of conversations, newest first', schema: conversationPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { view, status, q, contactId, phoneNumberId } = (req.query ?? {}) as Record<string, unknown>;
    const filter = conversationListQuerySchema.parse(
      Object.fromEntries(Object.entries({ view, status, q, contactId, phoneNumberId }).filter(([, v]) => typeof v === 'string' && v !== '')),
    );
    return listConversations(withReportsFor(ctx, req), workspaceId, filter, parsePage(req.query), viewerOf(req));
  });

  app.get('/api/v1/conversations/counts', doc({ tag: 'Conversations', summary: "The inbox navigation's counts", auth: 'workspace', response: { description: 'The counts', schema: conversationCountsResponse } }), async (req) => countConversations(withReportsFor(ctx, req), await requireWorkspace(ctx, req), viewerOf(req)));

  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id', doc({ tag: 'Conversations', summary: 'Get a conversation', auth: 'workspace', response: { description: 'The conversation', schema: conversationResponse } }), async (req) =>
    getConversation(ctx, await requireWorkspace(ctx, req), req.params.id, viewerOf(req)),
  );

  app.patch<{ Params: { id: string } }>('/api/v1/conversations/:id', doc({ tag: 'Conversations', summary: 'Update a conversation: status, snooze, assignee, AI on or off', auth: 'workspace', body: conversationPatchSchema, response: { description: 'The conversation', schema: conversationResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return updateConversation(ctx, workspaceId, req.params.id, conversationPatchSchema.parse(req.body), viewerOf(req));
  });

  app.post<{ Params: { id: string } }>('/api/v1/conversations/:id/read', doc({ tag: 'Conversations', summary: 'Mark a conversation read for the signed-in member', description: 'Send X-Workspace-Id to name the workspace.', auth: 'session', response: { status: 204, description: 'Marked read' } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { userId } = await requireSession(ctx, req);
    await markConversationRead(ctx, workspaceId, req.params.id, userId);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', doc({ tag: 'Conversations', summary: 'List the messages of a conversation', auth: 'workspace', query: listQuery(), response: { description: 'A page of messages', schema: messagePageResponse } }), async (req) =>
    listMessages(ctx, await requireWorkspace(ctx, req), req.params.id, parsePage(req.query)),
  );

  app.post<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', doc({ tag: 'Conversations', summary: 'Send a staff reply', description: 'Refused (422) when the contact opted out or cannot receive texts.', auth: 'workspace', body: humanReplySchema, response: { status: 201, description: 'The message', schema: messageResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const message = await sendHumanReply(ctx, workspaceId, req.params.id, humanReplySchema.parse(req.body));
    return reply.code(201).send(message);
  });
}
