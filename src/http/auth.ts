/**
 * Bearer-token authentication: the operator's ADMIN_TOKEN for operator routes, a workspace API key
 * for everything else. The workspace id found here scopes every query the request makes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { forbidden, unauthorized } from '../errors.js';
import { tokensEqual } from '../security/tokens.js';
import { authenticateApiKey } from '../services/workspaces.js';

declare module 'fastify' {
  interface FastifyRequest {
    workspaceId?: string;
  }
}

function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Resolves the request's workspace from its API key, or throws 401 (403 for the operator token). */
export async function requireWorkspace(ctx: AppContext, req: FastifyRequest): Promise<string> {
  if (req.workspaceId) return req.workspaceId;
  const token = bearerToken(req);
  if (!token) throw unauthorized();
  if (tokensEqual(token, ctx.config.adminToken)) {
    throw forbidden('This route needs a workspace API key, not the operator token');
  }
  const workspaceId = await authenticateApiKey(ctx, token);
  if (!workspaceId) throw unauthorized();
  req.workspaceId = workspaceId;
  req.log = req.log.child({ workspaceId });
  return workspaceId;
}

/** Requires the operator token; a workspace key gets 403, anything else 401. */
export async function requireOperator(ctx: AppContext, req: FastifyRequest): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw unauthorized();
  if (tokensEqual(token, ctx.config.adminToken)) return;
  if (await authenticateApiKey(ctx, token)) throw forbidden('This route needs the operator token (ADMIN_TOKEN)');
  throw unauthorized();
}

/** Hook form for route groups. */
export const workspaceHook = (ctx: AppContext) => async (req: FastifyRequest, _reply: FastifyReply) => {
  await requireWorkspace(ctx, req);
};
