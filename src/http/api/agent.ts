/**
 * /api/v1/agent (settings, turn log) and /api/v1/knowledge (the knowledge base).
 */
import type { FastifyInstance } from 'fastify';
import { listAgentTurns } from '../../agent/agent-turns.js';
import { loadAgentSettings, presentAgentSettings, updateAgentSettings, updateAgentSettingsSchema } from '../../agent/agent-settings.js';
import { addKnowledgeEntry, deleteKnowledgeEntry, knowledgeEntrySchema, listKnowledgeEntries } from '../../agent/knowledge-base.js';
import { testAgent, testChatSchema } from '../../agent/test-agent.js';
import type { AppContext } from '../../context.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage, queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';

export function registerAgentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/agent', doc({ tag: 'Agent', summary: 'Get the AI agent settings', auth: 'workspace' }), async (req) => presentAgentSettings(await loadAgentSettings(ctx, await requireWorkspace(ctx, req))));

  app.put('/api/v1/agent', doc({ tag: 'Agent', summary: 'Update the AI agent settings', description: 'A model API key is stored encrypted and never returned (`model.apiKeySet`).', auth: 'workspace', body: updateAgentSettingsSchema }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const saved = await updateAgentSettings(ctx, workspaceId, updateAgentSettingsSchema.parse(req.body));
    return presentAgentSettings(saved);
  });

  app.post('/api/v1/agent/test', doc({ tag: 'Agent', summary: 'Try the agent on a conversation without sending anything', auth: 'workspace', body: testChatSchema }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return testAgent(ctx, workspaceId, testChatSchema.parse(req.body));
  });

  app.get('/api/v1/agent/turns', doc({ tag: 'Agent', summary: "The agent's turn log", auth: 'workspace', query: listQuery({ contactId: 'Turns for this contact', conversationId: 'Turns in this conversation' }) }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { contactId: queryString(req.query, 'contactId'), conversationId: queryString(req.query, 'conversationId') };
    return listAgentTurns(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.post('/api/v1/knowledge', doc({ tag: 'Agent', summary: 'Add a knowledge base entry', auth: 'workspace', body: knowledgeEntrySchema, response: { status: 201, description: 'The entry' } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await addKnowledgeEntry(ctx, workspaceId, knowledgeEntrySchema.parse(req.body)));
  });

  app.get('/api/v1/knowledge', doc({ tag: 'Agent', summary: 'List knowledge base entries', auth: 'workspace', query: listQuery() }), async (req) => listKnowledgeEntries(ctx, await requireWorkspace(ctx, req), parsePage(req.query)));

  app.delete<{ Params: { id: string } }>('/api/v1/knowledge/:id', doc({ tag: 'Agent', summary: 'Delete a knowledge base entry', auth: 'workspace', response: { status: 204, description: 'Deleted' } }), async (req, reply) => {
    await deleteKnowledgeEntry(ctx, await requireWorkspace(ctx, req), req.params.id);
    return reply.code(204).send();
  });
}
