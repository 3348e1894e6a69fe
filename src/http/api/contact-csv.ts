/**
 * CSV: contacts import (preview, then apply) and export; calls export with text-back status and
 * reason.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { contactImportSchema, exportCallsCsv, exportContactsCsv, importContacts } from '../../services/contact-csv.js';
import { requireWorkspace } from '../auth.js';
import { queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';
import { contactImportResultResponse } from '../responses/contacts.js';
import { withReportsFor } from '../report-reads.js';

/** What the CSV downloads document: the workspace may be named in the link. */
const downloadQuery = z.object({ workspaceId: z.string().optional().describe('The workspace, for a download link that cannot send X-Workspace-Id') });

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
  app.post('/api/v1/contacts/import', { bodyLimit: 4 * 1024 * 1024, ...doc({ tag: 'Contacts', summary: 'Import contacts from CSV (preview, then apply)', description: 'With `dryRun` (the default) nothing changes: each row is reported with its action or problem. Otherwise the good rows are applied in one transaction; rows with problems store nothing unless `skipInvalid`. An existing phone is updated, not duplicated.', auth: 'workspace', body: contactImportSchema, response: { description: 'Each row with its action or problem, and the counts', schema: contactImportResultResponse } }) }, async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return importContacts(ctx, workspaceId, contactImportSchema.parse(req.body));
  });

  app.get('/api/v1/contacts/export.csv', doc({ tag: 'Contacts', summary: 'Export the contacts as CSV', auth: 'workspace', query: downloadQuery, response: { description: 'contacts.csv', contentType: 'text/csv' } }), async (req, reply) => {
    workspaceFromQuery(req);
    const workspaceId = await requireWorkspace(ctx, req);
    return sendCsv(reply, 'contacts.csv', await exportContactsCsv(withReportsFor(ctx, req), workspaceId));
  });

  app.get('/api/v1/calls/export.csv', doc({ tag: 'Calls', summary: 'Export the calls as CSV, with text-back status and reason', auth: 'workspace', query: downloadQuery, response: { description: 'calls.csv', contentType: 'text/csv' } }), async (req, reply) => {
    workspaceFromQuery(req);
    const workspaceId = await requireWorkspace(ctx, req);
    return sendCsv(reply, 'calls.csv', await exportCallsCsv(withReportsFor(ctx, req), workspaceId));
  });
}
