/**
 * CSV: contacts import (preview, then apply) and export; calls export with text-back status and
 * reason.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { contactImportSchema, exportCallsCsv, exportContactsCsv, importContacts } from '../../services/contact-csv.js';
import { requireWorkspace } from '../auth.js';

function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export function registerContactCsvRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/contacts/import', { bodyLimit: 4 * 1024 * 1024 }, async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return importContacts(ctx, workspaceId, contactImportSchema.parse(req.body));
  });

  app.get('/api/v1/contacts/export.csv', async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return sendCsv(reply, 'contacts.csv', await exportContactsCsv(ctx, workspaceId));
  });

  app.get('/api/v1/calls/export.csv', async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return sendCsv(reply, 'calls.csv', await exportCallsCsv(ctx, workspaceId));
  });
}
