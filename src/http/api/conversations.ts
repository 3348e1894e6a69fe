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
import { parsePage, queryString } from './query.js';

export function registerConversationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/conversations', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { contactId: queryString(req.query, 'contactId'), phoneNumberId: queryString(req.query, 'phoneNumberId') };
    return listConversations(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id', async (req) =>
    getConversation(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', async (req) =>
    listMessages(ctx, await requireWorkspace(ctx, req), req.params.id, parsePage(req.query)),
  );

  app.post<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const message = await sendHumanReply(ctx, workspaceId, req.params.id, humanReplySchema.parse(req.body));
    return reply.code(201).send(message);
  });
}
