/**
 * /api/v1/conversations: threads, their messages, and staff replies.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  getConversation,
  humanReplySchema,
  listConversations,
  listMessages,
  sendHumanReply,
} from '../../services/conversations-api.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage, queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';

export function registerConversationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/conversations', doc({ tag: 'Conversations', summary: 'List conversations', auth: 'workspace', query: listQuery({ contactId: 'Conversations of this contact', phoneNumberId: 'Conversations on this number' }) }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { contactId: queryString(req.query, 'contactId'), phoneNumberId: queryString(req.query, 'phoneNumberId') };
    return listConversations(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id', doc({ tag: 'Conversations', summary: 'Get a conversation', auth: 'workspace' }), async (req) =>
    getConversation(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', doc({ tag: 'Conversations', summary: 'List the messages of a conversation', auth: 'workspace', query: listQuery() }), async (req) =>
    listMessages(ctx, await requireWorkspace(ctx, req), req.params.id, parsePage(req.query)),
  );

  app.post<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', doc({ tag: 'Conversations', summary: 'Send a staff reply', description: 'Refused (422) when the contact opted out or cannot receive texts.', auth: 'workspace', body: humanReplySchema, response: { status: 201, description: 'The message' } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const message = await sendHumanReply(ctx, workspaceId, req.params.id, humanReplySchema.parse(req.body));
    return reply.code(201).send(message);
  });
}
