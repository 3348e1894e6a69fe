/**
 * /api/v1/calls: thin routes over the calls read side.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getCall, listCalls } from '../../services/calls.js';
import { requireWorkspace } from '../auth.js';
import { parsePage, queryString } from './query.js';

export function registerCallRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/calls', async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = {
      contactId: queryString(req.query, 'contactId'),
      phoneNumberId: queryString(req.query, 'phoneNumberId'),
      outcome: queryString(req.query, 'outcome'),
    };
    return listCalls(ctx, workspaceId, filter, parsePage(req.query));
  });

  app.get<{ Params: { id: string } }>('/api/v1/calls/:id', async (req) =>
    getCall(ctx, await requireWorkspace(ctx, req), req.params.id),
  );
}
