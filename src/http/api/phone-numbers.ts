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
  getPhoneNumberRow,
  listPhoneNumbers,
  resumeTextBack,
  updatePhoneNumber,
  updatePhoneNumberSchema,
} from '../../services/phone-numbers.js';
import { fixInboundRouting, refreshReadiness, scheduleReadinessCheck } from '../../services/texting-readiness.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage } from './query.js';
import { doc } from '../openapi/route-doc.js';
import { phoneNumberPageResponse, phoneNumberResponse } from '../responses/phone-numbers.js';

export function registerPhoneNumberRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/phone-numbers', doc({ tag: 'Phone numbers', summary: 'Add a phone number', auth: 'workspace', body: createPhoneNumberSchema, response: { status: 201, description: 'The phone number', schema: phoneNumberResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const created = await createPhoneNumber(ctx, workspaceId, createPhoneNumberSchema.parse(req.body));
    return reply.code(201).send(created);
  });

  app.get('/api/v1/phone-numbers', doc({ tag: 'Phone numbers', summary: 'List phone numbers', auth: 'workspace', query: listQuery(), response: { description: 'A page of phone numbers', schema: phoneNumberPageResponse } }), async (req) =>
    listPhoneNumbers(ctx, await requireWorkspace(ctx, req), parsePage(req.query)),
  );

  app.get<{ Params: { id: string } }>('/api/v1/phone-numbers/:id', doc({ tag: 'Phone numbers', summary: 'Get a phone number', auth: 'workspace', response: { description: 'The phone number', schema: phoneNumberResponse } }), async (req) =>
    getPhoneNumber(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.patch<{ Params: { id: string } }>('/api/v1/phone-numbers/:id', doc({ tag: 'Phone numbers', summary: 'Update a phone number', auth: 'workspace', body: updatePhoneNumberSchema, response: { description: 'The phone number', schema: phoneNumberResponse } }), async (req) =>
    updatePhoneNumber(ctx, await requireWorkspace(ctx, req), req.params.id, updatePhoneNumberSchema.parse(req.body)),
  );

  // Ask the carrier again now (the daily job does the same on its own).
  app.post<{ Params: { id: string } }>('/api/v1/phone-numbers/:id/readiness/check', doc({ tag: 'Phone numbers', summary: 'Check with the carrier now whether the number can text', auth: 'workspace', response: { description: 'The phone number, with its readiness', schema: phoneNumberResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const row = await getPhoneNumberRow(ctx, workspaceId, req.params.id);
    await refreshReadiness(ctx, row);
    // Numbers added before readiness existed get their daily job here (idempotent).
    await scheduleReadinessCheck(ctx.db, row, ctx.clock.now(), ctx.clock.now() + 24 * 60 * 60_000);
    return getPhoneNumber(ctx, workspaceId, req.params.id);
  });

  // The Messaging Service swallows replies: let Textback switch it to the number's own webhook.
  app.post<{ Params: { id: string } }>('/api/v1/phone-numbers/:id/readiness/fix-inbound', doc({ tag: 'Phone numbers', summary: "Make the number's Messaging Service hand replies to Textback", description: 'Changes the Messaging Service at the carrier; 400 when the number is in none.', auth: 'workspace', response: { description: 'The phone number, with its readiness', schema: phoneNumberResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    await fixInboundRouting(ctx, await getPhoneNumberRow(ctx, workspaceId, req.params.id));
    return getPhoneNumber(ctx, workspaceId, req.params.id);
  });

  // The owner confirms the cause of the blocking errors is fixed: text-back runs again.
  app.post<{ Params: { id: string } }>('/api/v1/phone-numbers/:id/resume-texting', doc({ tag: 'Phone numbers', summary: 'Resume text-back paused by carrier blocking errors', auth: 'workspace', response: { description: 'The phone number', schema: phoneNumberResponse } }), async (req) =>
    resumeTextBack(ctx, await requireWorkspace(ctx, req), req.params.id),
  );

  app.delete<{ Params: { id: string } }>('/api/v1/phone-numbers/:id', doc({ tag: 'Phone numbers', summary: 'Remove a phone number', auth: 'workspace', response: { status: 204, description: 'Removed' } }), async (req, reply) => {
    await deletePhoneNumber(ctx, await requireWorkspace(ctx, req), req.params.id);
    return reply.code(204).send();
  });
}
