/**
 * /api/v1/calls: thin routes over the calls read side.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getCall, listCalls } from '../../services/calls.js';
import { requireWorkspace } from '../auth.js';
import { listQuery, parsePage, queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';

export function registerCallRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/calls', doc({ tag: 'Calls', summary: 'List calls', auth: 'workspace', query: listQuery({ contactId: 'Calls of this contact', phoneNumberId: 'Calls to this number', outcome: 'ringing, answered, missed or voicemail' }) }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = {
      contactId: queryString(req.query, 'contactId'),
      phoneNumberId: queryString(req.query, 'phoneNumberId'),
      outcome: queryString(req.query, 'outcome'),
    };
    return listCalls(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.get<{ Params: { id: string } }>('/api/v1/calls/:id', doc({ tag: 'Calls', summary: 'Get a call with its text-back', auth: 'workspace' }), async (req) =>
    getCall(ctx, await requireWorkspace(ctx, req), req.params.id),
  );
}
