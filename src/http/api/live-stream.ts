/**
 * /api/v1/events/stream: server-sent events telling a dashboard what changed in its workspace
 * (a message, a call, a contact), so the inbox updates live. Browsers' EventSource cannot send
 * headers, so the workspace may also come as ?workspaceId=.
 *
 * Each stream holds a socket and a subscription for as long as the client likes, so one caller (a
 * member, or an API key) may hold at most MAX_STREAMS_PER_CALLER at once in this process; the
 * next one gets 429 until one closes. Enough for a person with a few tabs open.
 *
 * All callers together may hold at most LIVE_STREAMS_SHARE of the connections the process accepts
 * (HttpLimits.maxConnections, app.ts); the next stream gets 503. The rest stay for carriers'
 * webhooks: a platform whose staff keep many dashboards open must never make the server refuse
 * the connection a missed call's webhook comes on. The dashboard refreshes every few seconds while
 * its stream is refused, and asks for one again later (web/src/hooks.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireWorkspace } from '../auth.js';
import { z } from 'zod';
import { queryString } from './query.js';
import { doc } from '../openapi/route-doc.js';

const HEARTBEAT_MS = 25_000;
export const MAX_STREAMS_PER_CALLER = 10;
export const LIVE_STREAMS_SHARE = 3 / 4;

export function registerLiveStreamRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** Open streams per caller (key hash or user id), in this process. */
  const open = new Map<string, number>();
  let openInAll = 0;

  app.get('/api/v1/events/stream', doc({ tag: 'Live', summary: 'Server-sent events: what changed in the workspace', description: `Browsers may name the workspace as ?workspaceId= (EventSource cannot send headers). At most ${MAX_STREAMS_PER_CALLER} open streams per caller (then 429), and at most ${LIVE_STREAMS_SHARE * 100}% of the connections the server accepts for all callers together (then 503, the rest kept for carriers' webhooks).`, auth: 'workspace', query: z.object({ workspaceId: z.string().optional().describe('The workspace, for a client that cannot send X-Workspace-Id') }), response: { description: 'An event stream', contentType: 'text/event-stream' } }), async (req, reply) => {
    const fromQuery = queryString(req.query, 'workspaceId');
    if (fromQuery && !req.headers['x-workspace-id']) req.headers['x-workspace-id'] = fromQuery;
    const workspaceId = await requireWorkspace(ctx, req);
    const caller = req.principal ?? `workspace:${workspaceId}`;
    const held = open.get(caller) ?? 0;
    if (held >= MAX_STREAMS_PER_CALLER) {
      reply.header('retry-after', '30');
      throw new AppError(429, 'too_many_streams', `At most ${MAX_STREAMS_PER_CALLER} live event streams may be open at once: close one first.`);
    }
    if (openInAll >= Math.floor(app.server.maxConnections * LIVE_STREAMS_SHARE)) {
      reply.header('retry-after', '30');
      throw new AppError(503, 'streams_full', 'This server has as many live event streams open as it keeps room for: try again later (the dashboard refreshes every few seconds meanwhile).');
    }
    open.set(caller, held + 1);
    openInAll++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      openInAll--;
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
