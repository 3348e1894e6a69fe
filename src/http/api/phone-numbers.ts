/**
 * /api/v1/phone-numbers: thin routes, schema → service.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  createPhoneNumber,
  createPhoneNumberSchema,
  deletePhoneNumber,
  getPhoneNumber,
  listPhoneNumbers,
  updatePhoneNumber,
  updatePhoneNumberSchema,
} from '../../services/phone-numbers.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage } from './query.js';
import { doc } from '../openapi/route-doc.js';

export function registerPhoneNumberRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/phone-numbers', doc({ tag: 'Phone numbers', summary: 'Add a phone number', auth: 'workspace', body: createPhoneNumberSchema, response: { status: 201, description: 'The phone number' } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const created = await createPhoneNumber(ctx, workspaceId, createPhoneNumberSchema.parse(req.body));
    return reply.code(201).send(created);
  });

  app.get('/api/v1/phone-numbers', doc({ tag: 'Phone numbers', summary: 'List phone numbers', auth: 'workspace', query: listQuery() }), async (req) =>
    listPhoneNumbers(ctx, await requireWorkspace(ctx, req), parsePage(req.query)),
  );

  app.get<{ Params: { id: string } }>('/api/v1/phone-numbers/:id', doc({ tag: 'Phone numbers', summary: 'Get a phone number', auth: 'workspace' }), async (req) =>
    getPhoneNumber(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.patch<{ Params: { id: string } }>('/api/v1/phone-numbers/:id', doc({ tag: 'Phone numbers', summary: 'Update a phone number', auth: 'workspace', body: updatePhoneNumberSchema }), async (req) =>
    updatePhoneNumber(ctx, await requireWorkspace(ctx, req), req.params.id, updatePhoneNumberSchema.parse(req.body)),
  );

  app.delete<{ Params: { id: string } }>('/api/v1/phone-numbers/:id', doc({ tag: 'Phone numbers', summary: 'Remove a phone number', auth: 'workspace', response: { status: 204, description: 'Removed' } }), async (req, reply) => {
    await deletePhoneNumber(ctx, await requireWorkspace(ctx, req), req.params.id);
    return reply.code(204).send();
  });
}
