/**
 * Merging duplicate contacts: suggestions, a preview that changes nothing, and the merge itself
 * (services/merge-contacts.ts holds the rules).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { findDuplicateContacts } from '../../services/duplicate-contacts.js';
import { mergeContacts, mergeContactsSchema, previewContactMerge } from '../../services/merge-contacts.js';
import { requireWorkspace } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { contactMergePreviewResponse, contactMergeResultResponse, duplicateSuggestionsResponse } from '../responses/contacts.js';

const previewQuery = z.object({ from: z.string().trim().min(1).max(64).describe('The duplicate to merge into this contact') }).strict();

export function registerContactMergeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { id: string } }>('/api/v1/contacts/:id/duplicates', doc({ tag: 'Contacts', summary: 'Likely duplicates of a contact (same name, or the same number written differently)', auth: 'workspace', response: { description: 'Likely duplicates, each with why', schema: duplicateSuggestionsResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await findDuplicateContacts(ctx, workspaceId, req.params.id) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/contacts/:id/merge-preview', doc({ tag: 'Contacts', summary: 'What merging a duplicate into this contact would do (changes nothing)', auth: 'workspace', query: previewQuery, response: { description: 'What the merge would do', schema: contactMergePreviewResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return previewContactMerge(ctx, workspaceId, req.params.id, previewQuery.parse(req.query).from);
  });

  app.post<{ Params: { id: string } }>('/api/v1/contacts/:id/merge', doc({ tag: 'Contacts', summary: 'Merge a duplicate contact into this one', description: "One transaction: the duplicate's conversations, messages, calls, notes, tags and numbers move here and the duplicate is deleted. Each number keeps its own opt-out.", auth: 'workspace', body: mergeContactsSchema, response: { description: 'The merged contact and what moved', schema: contactMergeResultResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return mergeContacts(ctx, workspaceId, req.params.id, mergeContactsSchema.parse(req.body), req.authSession?.userId ?? null);
  });
}
