/**
 * /api/v1/agent (settings, turn log) and /api/v1/knowledge (the knowledge base).
 */
import type { FastifyInstance } from 'fastify';
import { listAgentTurns } from '../../agent/agent-turns.js';
import { changesModel, loadAgentSettings, presentAgentSettings, updateAgentSettings, updateAgentSettingsSchema } from '../../agent/agent-settings.js';
import { obviouslyPrivateUrl } from '../../workflows/url-guard.js';
import { badRequest, forbidden } from '../../errors.js';
import {
  addKnowledgeEntry,
  deleteKnowledgeEntry,
  getKnowledgeEntry,
  knowledgeEntryPatchSchema,
  knowledgeEntrySchema,
  listKnowledgeChunks,
  listKnowledgeEntries,
  queueKnowledgeEmbedding,
  updateKnowledgeEntry,
} from '../../agent/knowledge-base.js';
import { workspaceEmbeds } from '../../agent/knowledge-embedding.js';
import { importFile, importFileSchema, importFromUrl, importUrlSchema, MAX_FILE_BYTES, reimportEntry } from '../../agent/knowledge-import.js';
import { testAgent, testChatSchema } from '../../agent/test-agent.js';
import type { AppContext } from '../../context.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage, queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';
import { agentSettingsResponse, agentTestReplyResponse, agentTurnPageResponse, knowledgeChunkListResponse, knowledgeEntryPageResponse, knowledgeEntryResponse, knowledgeImportResultResponse } from '../responses/agent.js';

export function registerAgentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/agent', doc({ tag: 'Agent', summary: 'Get the AI agent settings', auth: 'workspace', response: { description: 'The settings', schema: agentSettingsResponse } }), async (req) => presentAgentSettings(await loadAgentSettings(ctx, await requireWorkspace(ctx, req))));

  app.put('/api/v1/agent', doc({ tag: 'Agent', summary: 'Update the AI agent settings', description: 'A model API key is stored encrypted and never returned (`model.apiKeySet`).', auth: 'workspace', body: updateAgentSettingsSchema, response: { description: 'The settings', schema: agentSettingsResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const patch = updateAgentSettingsSchema.parse(req.body);
    // The model spends money and holds a key: members may edit the prompt and limits, not the model.
    if (changesModel(await loadAgentSettings(ctx, workspaceId), patch) && req.role !== 'owner') {
      throw forbidden('Only an owner of this workspace can change the AI model settings');
    }
    const baseUrl = patch.model?.baseUrl;
    const privateKind = baseUrl && !ctx.config.allowPrivateModelUrls ? obviouslyPrivateUrl(baseUrl) : null;
    if (privateKind) {
      throw badRequest(
        `model.baseUrl points at ${privateKind}, which the server refuses to call. The operator can allow it with ALLOW_PRIVATE_MODEL_URLS=true.`,
        'model.baseUrl',
      );
    }
    const saved = await updateAgentSettings(ctx, workspaceId, patch);
    // a provider or embedding model that embeds: bring the knowledge index up to it in the background
    if (await workspaceEmbeds(ctx, workspaceId)) await queueKnowledgeEmbedding(ctx.db, workspaceId, ctx.clock.now());
    return presentAgentSettings(saved);
  });

  app.post('/api/v1/agent/test', doc({ tag: 'Agent', summary: 'Try the agent on a conversation without sending anything', auth: 'workspace', body: testChatSchema, response: { description: 'What the agent would answer', schema: agentTestReplyResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return testAgent(ctx, workspaceId, testChatSchema.parse(req.body));
  });

  app.get('/api/v1/agent/turns', doc({ tag: 'Agent', summary: "The agent's turn log", auth: 'workspace', query: listQuery({ contactId: 'Turns for this contact', conversationId: 'Turns in this conversation' }), response: { description: 'A page of turns, newest first', schema: agentTurnPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { contactId: queryString(req.query, 'contactId'), conversationId: queryString(req.query, 'conversationId') };
    return listAgentTurns(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.post('/api/v1/knowledge', doc({ tag: 'Agent', summary: 'Add a knowledge base entry', auth: 'workspace', body: knowledgeEntrySchema, response: { status: 201, description: 'The entry', schema: knowledgeEntryResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const input = knowledgeEntrySchema.parse(req.body);
    return reply.code(201).send(await addKnowledgeEntry(ctx, workspaceId, input, { embed: await workspaceEmbeds(ctx, workspaceId) }));
  });

  app.get<{ Params: { id: string } }>('/api/v1/knowledge/:id', doc({ tag: 'Agent', summary: 'Get a knowledge base entry', auth: 'workspace', response: { description: 'The entry', schema: knowledgeEntryResponse } }), async (req) => getKnowledgeEntry(ctx, await requireWorkspace(ctx, req), req.params.id));

  app.patch<{ Params: { id: string } }>('/api/v1/knowledge/:id', doc({ tag: 'Agent', summary: 'Update a knowledge base entry', auth: 'workspace', body: knowledgeEntryPatchSchema, response: { description: 'The entry', schema: knowledgeEntryResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const patch = knowledgeEntryPatchSchema.parse(req.body);
    return updateKnowledgeEntry(ctx, workspaceId, req.params.id, patch, { embed: await workspaceEmbeds(ctx, workspaceId) });
  });

  app.get<{ Params: { id: string } }>('/api/v1/knowledge/:id/chunks', doc({ tag: 'Agent', summary: 'The chunks the agent reads for one entry, in order', auth: 'workspace', response: { description: 'The chunks', schema: knowledgeChunkListResponse } }), async (req) =>
    listKnowledgeChunks(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.post('/api/v1/knowledge/import/url', doc({ tag: 'Agent', summary: 'Import a web page (or the pages of a sitemap) into the knowledge base', description: 'The server fetches the address through the SSRF guard; pages it could not import are listed in `skipped` with the reason.', auth: 'workspace', body: importUrlSchema, response: { status: 201, description: 'The entries, and the pages skipped', schema: knowledgeImportResultResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await importFromUrl(ctx, workspaceId, importUrlSchema.parse(req.body)));
  });

  // base64 in JSON: one content type for the whole API; the body limit leaves room for the encoding
  app.post('/api/v1/knowledge/import/file', { bodyLimit: Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024, ...doc({ tag: 'Agent', summary: 'Import a file into the knowledge base', description: 'The file travels base64-encoded in the JSON body (at most 5 MB before encoding); its type comes from the file name.', auth: 'workspace', body: importFileSchema, response: { status: 201, description: 'The entry', schema: knowledgeEntryResponse } }) }, async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await importFile(ctx, workspaceId, importFileSchema.parse(req.body)));
  });

  app.post<{ Params: { id: string } }>('/api/v1/knowledge/:id/reimport', doc({ tag: 'Agent', summary: "Fetch an imported web page again and replace the entry's text", description: 'Only for entries imported from a web page; the title stays as it is.', auth: 'workspace', response: { description: 'The entry', schema: knowledgeEntryResponse } }), async (req) => reimportEntry(ctx, await requireWorkspace(ctx, req), req.params.id));

  app.get('/api/v1/knowledge', doc({ tag: 'Agent', summary: 'List knowledge base entries', auth: 'workspace', query: listQuery(), response: { description: 'A page of entries', schema: knowledgeEntryPageResponse } }), async (req) => listKnowledgeEntries(ctx, await requireWorkspace(ctx, req), parsePage(req.query)));

  app.delete<{ Params: { id: string } }>('/api/v1/knowledge/:id', doc({ tag: 'Agent', summary: 'Delete a knowledge base entry', auth: 'workspace', response: { status: 204, description: 'Deleted' } }), async (req, reply) => {
    await deleteKnowledgeEntry(ctx, await requireWorkspace(ctx, req), req.params.id);
    return reply.code(204).send();
  });
}
