/**
 * CSV: contacts import (preview, then apply) and export; calls export with text-back status and
 * reason.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { contactImportSchema, exportCallsCsv, exportContactsCsv, importContacts } from '../../services/contact-csv.js';
import { requireWorkspace } from '../auth.js';
import { queryString } from './query.js';

function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** A download link cannot send headers: the workspace may come as ?workspaceId= (GET only, like the live stream). */
function workspaceFromQuery(req: FastifyRequest): void {
  const fromQuery = queryString(req.query, 'workspaceId');
  if (fromQuery && !req.headers['x-workspace-id']) req.headers['x-workspace-id'] = fromQuery;
}

export function registerContactCsvRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/contacts/import', { bodyLimit: 4 * 1024 * 1024 }, async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return importContacts(ctx, workspaceId, contactImportSchema.parse(req.body));
  });

  app.get('/api/v1/contacts/export.csv', async (req, reply) => {
    workspaceFromQuery(req);
    const workspaceId = await requireWorkspace(ctx, req);
    return sendCsv(reply, 'contacts.csv', await exportContactsCsv(ctx, workspaceId));
  });

  app.get('/api/v1/calls/export.csv', async (req, reply) => {
    workspaceFromQuery(req);
    const workspaceId = await requireWorkspace(ctx, req);
    return sendCsv(reply, 'calls.csv', await exportCallsCsv(ctx, workspaceId));
  });
}
