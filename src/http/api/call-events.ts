/**
 * Calls reported by a phone system: POST /api/v1/call-events (signed with the workspace's secret,
 * not an API key) and POST /api/v1/call-events/secret (owner or API key: create or rotate the secret).
 *
 * The report's signature covers the raw body, so its route lives in its own scope whose only body
 * parser keeps the body as the exact string received: re-serialising a parsed object would not give
 * back the bytes the phone system signed.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { receiveCallEventReport, rotateCallEventSecret } from '../../services/call-event-reports.js';
import { requireRole } from '../auth.js';

const header = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : undefined);

export function registerCallEventRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/call-events/secret', async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    return reply.code(200).send({ secret: await rotateCallEventSecret(ctx, workspaceId) });
  });

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));

    scope.post('/api/v1/call-events', async (req, reply) => {
      const outcome = await receiveCallEventReport(ctx, {
        rawBody: typeof req.body === 'string' ? req.body : '',
        timestamp: header(req.headers['x-textback-timestamp']),
        signature: header(req.headers['x-textback-signature']),
      });
      if (outcome.kind === 'unauthorized') {
        req.log.warn({ why: outcome.reason }, 'call event rejected');
        return reply.code(401).send({ error: { code: 'unauthorized', message: `Call event refused: ${outcome.reason}` } });
      }
      req.log.info({ callId: outcome.callId, decided: outcome.decided }, 'call event accepted');
      return reply.code(202).send({ callId: outcome.callId, decided: outcome.decided });
    });
  });
}
