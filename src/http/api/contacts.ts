/**
 * /api/v1/contacts: thin routes, schema → service.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  addContactTag,
  createContact,
  createContactSchema,
  getContactDetail,
  listContacts,
  removeContactTag,
  tagSchema,
  updateContact,
  updateContactSchema,
} from '../../services/contacts.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage, queryString } from './query.js';
import { z } from 'zod';
import { doc } from '../openapi/route-doc.js';
import { contactDetailResponse, contactPageResponse, contactResponse } from '../responses/contacts.js';
import { withReportsFor } from '../report-reads.js';

const addTagSchema = z.object({ tag: tagSchema }).strict();

export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/contacts', doc({ tag: 'Contacts', summary: 'List contacts', auth: 'workspace', query: listQuery({ phone: 'Exact phone number (E.164)', tag: 'Carrying this tag', q: 'Name or phone contains' }), response: { description: 'A page of contacts', schema: contactPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { phone: queryString(req.query, 'phone'), tag: queryString(req.query, 'tag'), q: queryString(req.query, 'q') };
    return listContacts(withReportsFor(ctx, req), workspaceId, filter, parsePage(req.query));
  });

  app.post('/api/v1/contacts', doc({ tag: 'Contacts', summary: 'Create a contact', auth: 'workspace', body: createContactSchema, response: { status: 201, description: 'The contact', schema: contactResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await createContact(ctx, workspaceId, createContactSchema.parse(req.body)));
  });

  app.get<{ Params: { id: string } }>('/api/v1/contacts/:id', doc({ tag: 'Contacts', summary: 'Get a contact with its consent history', auth: 'workspace', response: { description: 'The contact and its consent history', schema: contactDetailResponse } }), async (req) =>
    getContactDetail(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.patch<{ Params: { id: string } }>('/api/v1/contacts/:id', doc({ tag: 'Contacts', summary: 'Update a contact', auth: 'workspace', body: updateContactSchema, response: { description: 'The contact', schema: contactResponse } }), async (req) =>
    updateContact(ctx, await requireWorkspace(ctx, req), req.params.id, updateContactSchema.parse(req.body)),
  );

  // Adding a tag creates the tag on the contact: 201 with the contact.
  app.post<{ Params: { id: string } }>('/api/v1/contacts/:id/tags', doc({ tag: 'Contacts', summary: 'Add a tag to a contact', auth: 'workspace', body: addTagSchema, response: { status: 201, description: 'The contact', schema: contactResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await addContactTag(ctx, workspaceId, req.params.id, addTagSchema.parse(req.body).tag));
  });

  app.delete<{ Params: { id: string; tag: string } }>('/api/v1/contacts/:id/tags/:tag', doc({ tag: 'Contacts', summary: 'Remove a tag from a contact', auth: 'workspace', response: { status: 204, description: 'Removed' } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    await removeContactTag(ctx, workspaceId, req.params.id, req.params.tag);
    return reply.code(204).send();
  });
}
