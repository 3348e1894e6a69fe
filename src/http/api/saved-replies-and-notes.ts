/**
 * /api/v1/saved-replies (CRUD, and rendered for a conversation), internal notes on conversations
 * and contacts (never sent), and customers' pictures (MMS) served from our origin.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { fetchMessageMedia } from '../../services/message-media.js';
import { addContactNote, addConversationNote, listContactNotes, listConversationNotes, noteSchema } from '../../services/notes.js';
import {
  createSavedReply,
  deleteSavedReply,
  listSavedReplies,
  renderSavedReply,
  savedReplySchema,
  updateSavedReply,
} from '../../services/saved-replies.js';
import { requireWorkspace } from '../auth.js';
import { queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';
import { notePageResponse, noteResponse, renderedSavedReplyResponse, savedReplyPageResponse, savedReplyResponse } from '../responses/insights.js';

export function registerSavedReplyAndNoteRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/saved-replies', doc({ tag: 'Saved replies', summary: 'List saved replies', auth: 'workspace', response: { description: 'The saved replies', schema: savedReplyPageResponse } }), async (req) => ({ data: await listSavedReplies(ctx, await requireWorkspace(ctx, req)), nextCursor: null }));

  app.post('/api/v1/saved-replies', doc({ tag: 'Saved replies', summary: 'Create a saved reply', auth: 'workspace', body: savedReplySchema, response: { status: 201, description: 'The saved reply', schema: savedReplyResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await createSavedReply(ctx, workspaceId, savedReplySchema.parse(req.body)));
  });

  app.patch<{ Params: { id: string } }>('/api/v1/saved-replies/:id', doc({ tag: 'Saved replies', summary: 'Update a saved reply', auth: 'workspace', body: savedReplySchema, response: { description: 'The saved reply', schema: savedReplyResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return updateSavedReply(ctx, workspaceId, req.params.id, savedReplySchema.parse(req.body));
  });

  app.delete<{ Params: { id: string } }>('/api/v1/saved-replies/:id', doc({ tag: 'Saved replies', summary: 'Delete a saved reply', auth: 'workspace', response: { status: 204, description: 'Deleted' } }), async (req, reply) => {
    await deleteSavedReply(ctx, await requireWorkspace(ctx, req), req.params.id);
    return reply.code(204).send();
  });

  /** ?conversationId= : the reply's text with merge fields filled for that conversation. */
  app.get<{ Params: { id: string } }>('/api/v1/saved-replies/:id/rendered', doc({ tag: 'Saved replies', summary: 'A saved reply with its merge fields filled for a conversation', auth: 'workspace', query: z.object({ conversationId: z.string().describe('The conversation whose contact and number fill the merge fields') }), response: { description: 'The filled text', schema: renderedSavedReplyResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return renderSavedReply(ctx, workspaceId, req.params.id, queryString(req.query, 'conversationId') ?? '');
  });

  // A customer's picture (MMS), from our own origin (see message-media.ts).
  app.get<{ Params: { id: string; index: string } }>('/api/v1/messages/:id/media/:index', doc({ tag: 'Conversations', summary: 'A picture a customer sent (MMS), by its position in the message', description: "Fetched from the carrier with the workspace's credentials; images only, at most 5 MB.", auth: 'workspace', response: { description: 'The picture', contentType: 'image/*' } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const media = await fetchMessageMedia(ctx, workspaceId, req.params.id, Number.parseInt(req.params.index, 10) || 0);
    return reply.header('content-type', media.contentType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(media.body);
  });

  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id/notes', doc({ tag: 'Notes', summary: "List a conversation's internal notes", auth: 'workspace', response: { description: 'The notes', schema: notePageResponse } }), async (req) => ({
    data: await listConversationNotes(ctx, await requireWorkspace(ctx, req), req.params.id),
    nextCursor: null,
  }));

  app.post<{ Params: { id: string } }>('/api/v1/conversations/:id/notes', doc({ tag: 'Notes', summary: 'Add an internal note to a conversation', description: 'Seen by the team only; never sent to the customer.', auth: 'workspace', body: noteSchema, response: { status: 201, description: 'The note', schema: noteResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { body } = noteSchema.parse(req.body);
    return reply.code(201).send(await addConversationNote(ctx, workspaceId, req.params.id, req.authSession?.userId ?? null, body));
  });

  app.get<{ Params: { id: string } }>('/api/v1/contacts/:id/notes', doc({ tag: 'Notes', summary: "List a contact's internal notes", auth: 'workspace', response: { description: 'The notes', schema: notePageResponse } }), async (req) => ({
    data: await listContactNotes(ctx, await requireWorkspace(ctx, req), req.params.id),
    nextCursor: null,
  }));

  app.post<{ Params: { id: string } }>('/api/v1/contacts/:id/notes', doc({ tag: 'Notes', summary: 'Add an internal note to a contact', description: 'Seen by the team only; never sent to the customer.', auth: 'workspace', body: noteSchema, response: { status: 201, description: 'The note', schema: noteResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { body } = noteSchema.parse(req.body);
    return reply.code(201).send(await addContactNote(ctx, workspaceId, req.params.id, req.authSession?.userId ?? null, body));
  });
}
