/**
 * /api/v1/events/stream: server-sent events telling a dashboard what changed in its workspace
 * (a message, a call, a contact), so the inbox updates live. Browsers' EventSource cannot send
 * headers, so the workspace may also come as ?workspaceId=.
 *
 * Each stream holds a socket and a subscription for as long as the client likes, so one caller (a
 * member, or an API key) may hold at most MAX_STREAMS_PER_CALLER at once in this process; the
 * next one gets 429 until one closes. Enough for a person with a few tabs open.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireWorkspace } from '../auth.js';
import { queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';

const HEARTBEAT_MS = 25_000;
export const MAX_STREAMS_PER_CALLER = 10;

export function registerLiveStreamRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** Open streams per caller (key hash or user id), in this process. */
  const open = new Map<string, number>();

  app.get('/api/v1/events/stream', async (req, reply) => {
    const fromQuery = queryString(req.query, 'workspaceId');
    if (fromQuery && !req.headers['x-workspace-id']) req.headers['x-workspace-id'] = fromQuery;
    const workspaceId = await requireWorkspace(ctx, req);
    const caller = req.principal ?? `workspace:${workspaceId}`;
    const held = open.get(caller) ?? 0;
    if (held >= MAX_STREAMS_PER_CALLER) {
      reply.header('retry-after', '30');
      throw new AppError(429, 'too_many_streams', `At most ${MAX_STREAMS_PER_CALLER} live event streams may be open at once: close one first.`);
    }
    open.set(caller, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const n = (open.get(caller) ?? 1) - 1;
      if (n > 0) open.set(caller, n);
      else open.delete(caller);
    };
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
      release();
    };
    req.raw.on('close', close);
    res.on('error', close);
  });
}
