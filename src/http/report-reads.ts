/**
 * The context a route's long reads run with: the store's reportDb, its statements marked with
 * whether the request's client is still connected (store/abandoned-reads.ts). A dashboard that
 * refetches aborts the request before it; that request's reads still waiting are then dropped
 * instead of read for nobody.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { ReadsFor } from '../store/abandoned-reads.js';

export function withReportsFor(ctx: AppContext, req: Pick<FastifyRequest, 'raw'>): AppContext {
  const socket = req.raw.socket;
  // Once the client closed its side the server ends the socket too (Node's HTTP server does not
  // keep half-open connections): it is no longer writable, and no answer can reach anyone.
  const reportDb = ctx.store.reportDb.withPlugin(new ReadsFor(() => !socket.writable));
  return { ...ctx, store: { ...ctx.store, reportDb } };
}
