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
import { unauthorized } from '../../errors.js';
import { callEventSchema, receiveCallEventReport, rotateCallEventSecret } from '../../services/call-event-reports.js';
import { requireRole } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { callEventAcceptedResponse, callEventSecretResponse } from '../responses/calls.js';

const header = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : undefined);

export function registerCallEventRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/call-events/secret', doc({ tag: 'Call events', summary: "Create or rotate the phone system's signing secret", description: 'Answers `{secret}` once; the previous secret stops working at once.', auth: 'owner', response: { description: 'The new secret (shown once)', schema: callEventSecretResponse } }), async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    return reply.code(200).send({ secret: await rotateCallEventSecret(ctx, workspaceId) });
  });

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));

    scope.post('/api/v1/call-events', doc({ tag: 'Call events', summary: 'Report a call from a PBX or phone system', description: 'Signed, not an API key: `X-Textback-Timestamp` (unix seconds) and `X-Textback-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`; more than 5 minutes off, missing or wrong → 401. The same `id` reported again decides nothing new (202).', auth: 'none', body: callEventSchema, response: { status: 202, description: 'Accepted: `{callId, decided}`', schema: callEventAcceptedResponse } }), async (req, reply) => {
      const outcome = await receiveCallEventReport(ctx, {
        rawBody: typeof req.body === 'string' ? req.body : '',
        timestamp: header(req.headers['x-textback-timestamp']),
        signature: header(req.headers['x-textback-signature']),
      });
      if (outcome.kind === 'unauthorized') {
        req.log.warn({ why: outcome.reason }, 'call event rejected');
        throw unauthorized(`Call event refused: ${outcome.reason}`);
      }
      req.log.info({ callId: outcome.callId, decided: outcome.decided }, 'call event accepted');
      return reply.code(202).send({ callId: outcome.callId, decided: outcome.decided });
    });
  });
}
