/**
 * /api/v1/calls: thin routes over the calls read side.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { fetchVoicemail, getCall, listCalls, workspaceOfCall } from '../../services/calls.js';
import { getMemberRole } from '../../services/members.js';
import { requireSession, requireWorkspace, WORKSPACE_HEADER } from '../auth.js';
import { listQuery, parsePage, queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';
import { callPageResponse, callResponse } from '../responses/calls.js';

export function registerCallRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/calls', doc({ tag: 'Calls', summary: 'List calls', auth: 'workspace', query: listQuery({ contactId: 'Calls of this contact', phoneNumberId: 'Calls to this number', outcome: 'ringing, answered, missed or voicemail' }), response: { description: 'A page of calls, newest first', schema: callPageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const filter = {
      contactId: queryString(req.query, 'contactId'),
      phoneNumberId: queryString(req.query, 'phoneNumberId'),
      outcome: queryString(req.query, 'outcome'),
    };
    return listCalls(ctx, workspaceId, filter, parsePage(req.query));
  });

  // An <audio> element sends the session cookie but no X-Workspace-Id: the call names its workspace,
  // and the signed-in user must be a member of it. An API key (Bearer) works as everywhere else.
  app.get<{ Params: { id: string } }>('/api/v1/calls/:id/voicemail', doc({ tag: 'Calls', summary: "The call's voicemail audio", description: "Fetched from the carrier with the workspace's credentials. A signed-in member may omit X-Workspace-Id (an <audio> element cannot send it).", auth: 'workspace', response: { description: 'The recording', contentType: 'audio/*' } }), async (req, reply) => {
    let workspaceId: string;
    const hasBearer = /^Bearer\s/i.test(req.headers.authorization ?? '');
    if (!hasBearer && !req.headers[WORKSPACE_HEADER] && req.headers.cookie) {
      const { userId } = await requireSession(ctx, req);
      const owner = await workspaceOfCall(ctx, req.params.id);
      if (!owner || !(await getMemberRole(ctx, owner, userId))) throw notFound('Call');
      workspaceId = owner;
    } else {
      workspaceId = await requireWorkspace(ctx, req);
    }
    const media = await fetchVoicemail(ctx, workspaceId, req.params.id);
    return reply
      .type(media.contentType)
      .header('cache-control', 'private, max-age=3600')
      .header('content-length', String(media.body.length))
      .send(media.body);
  });

  app.get<{ Params: { id: string } }>('/api/v1/calls/:id', doc({ tag: 'Calls', summary: 'Get a call with its text-back', auth: 'workspace', response: { description: 'The call', schema: callResponse } }), async (req) =>
    getCall(ctx, await requireWorkspace(ctx, req), req.params.id),
  );
}
