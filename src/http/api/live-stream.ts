/**
 * /api/v1/events/stream: server-sent events telling a dashboard what changed in its workspace
 * (a message, a call, a contact), so the inbox updates live. Browsers' EventSource cannot send
 * headers, so the workspace may also come as ?workspaceId=.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireWorkspace } from '../auth.js';
import { queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';

const HEARTBEAT_MS = 25_000;

export function registerLiveStreamRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/events/stream', doc({ tag: 'Live', summary: 'Server-sent events: what changed in the workspace', description: 'Browsers may name the workspace as ?workspaceId= (EventSource cannot send headers).', auth: 'workspace', response: { description: 'An event stream', contentType: 'text/event-stream' } }), async (req, reply) => {
    const fromQuery = queryString(req.query, 'workspaceId');
    if (fromQuery && !req.headers['x-workspace-id']) req.headers['x-workspace-id'] = fromQuery;
    const workspaceId = await requireWorkspace(ctx, req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = ctx.live.subscribe(workspaceId, (e) => {
      res.write(`data: ${JSON.stringify({ type: e.type, id: e.id })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    req.raw.on('close', close);
    res.on('error', close);
  });
}
