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
import { parsePage, queryString } from './query.js';
import { z } from 'zod';

const addTagSchema = z.object({ tag: tagSchema }).strict();

export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/contacts', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = { phone: queryString(req.query, 'phone'), tag: queryString(req.query, 'tag'), q: queryString(req.query, 'q') };
    return listContacts(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.post('/api/v1/contacts', async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await createContact(ctx, workspaceId, createContactSchema.parse(req.body)));
  });

  app.get<{ Params: { id: string } }>('/api/v1/contacts/:id', async (req) =>
    getContactDetail(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.patch<{ Params: { id: string } }>('/api/v1/contacts/:id', async (req) =>
    updateContact(ctx, await requireWorkspace(ctx, req), req.params.id, updateContactSchema.parse(req.body)),
  );

  // Adding a tag creates the tag on the contact: 201 with the contact.
  app.post<{ Params: { id: string } }>('/api/v1/contacts/:id/tags', async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await addContactTag(ctx, workspaceId, req.params.id, addTagSchema.parse(req.body).tag));
  });

  app.delete<{ Params: { id: string; tag: string } }>('/api/v1/contacts/:id/tags/:tag', async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    await removeContactTag(ctx, workspaceId, req.params.id, req.params.tag);
    return reply.code(204).send();
  });
}
