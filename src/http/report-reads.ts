/**
 * The context a route's long reads run with: the store's reportDb, its statements marked with
 * whether the request's client is still connected (store/abandoned-reads.ts). A dashboard that
 * refetches aborts the request before it; that request's reads still waiting are then dropped
 * instead of read for nobody.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { ReadsFor } from '../store/abandoned-reads.js';

/** Whether the request's client has gone: no answer can reach anyone any more. */
export function clientGone(req: Pick<FastifyRequest, 'raw'>): () => boolean {
  const socket = req.raw.socket;
  // Once the client closed its side the server ends the socket too (Node's HTTP server does not
  // keep half-open connections): it is no longer writable.
  return () => !socket.writable;
}

/** `ctx` whose reportDb reads for an asker that `isGone` tells about (one request, or several sharing a read). */
export function withReportsCheckedBy(ctx: AppContext, isGone: () => boolean): AppContext {
  const reportDb = ctx.store.reportDb.withPlugin(new ReadsFor(isGone));
  return { ...ctx, store: { ...ctx.store, reportDb } };
}

export function withReportsFor(ctx: AppContext, req: Pick<FastifyRequest, 'raw'>): AppContext {
  return withReportsCheckedBy(ctx, clientGone(req));
}
