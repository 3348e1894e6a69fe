/**
 * /api/v1/sandbox: the phone simulator's virtual caller. It plays any of the workspace's numbers:
 * sandbox numbers as before, other carriers' as practice calls from a fictional phone.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  sandboxCallSchema,
  sandboxPhoneMessages,
  sandboxTextSchema,
  sendSandboxText,
  simulateSandboxCall,
} from '../../services/sandbox-phone.js';
import { requireWorkspace } from '../auth.js';
import { queryString } from './query.js';
import { z } from 'zod';
import { doc } from '../openapi/route-doc.js';
import { messagePageResponse, sandboxTextResponse } from '../responses/conversations.js';
import { callResponse } from '../responses/calls.js';

const PRACTICE_RULES =
  'A sandbox number is played as is. Any other number (Twilio, SignalWire, Telnyx) is a practice call: `from` must be a fictional number from 555-0100 to 555-0199 (400 naming `from` otherwise); what it creates is marked `practice`, its texts (text-back, agent, staff replies, workflows, staff notifications) are recorded by the sandbox and never sent through the carrier, it is left out of the overview figures and `DELETE /api/v1/sandbox/history` removes it.';

export function registerSandboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/sandbox/calls', doc({ tag: 'Sandbox', summary: "Simulate a call to one of the workspace's numbers", description: PRACTICE_RULES, auth: 'workspace', body: sandboxCallSchema, response: { status: 201, description: 'The call', schema: callResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await simulateSandboxCall(ctx, workspaceId, sandboxCallSchema.parse(req.body)));
  });

  app.post('/api/v1/sandbox/messages', doc({ tag: 'Sandbox', summary: "Simulate a text to one of the workspace's numbers", description: PRACTICE_RULES, auth: 'workspace', body: sandboxTextSchema, response: { status: 201, description: 'The id of the message Textback received', schema: sandboxTextResponse } }), async (req, reply) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return reply.code(201).send(await sendSandboxText(ctx, workspaceId, sandboxTextSchema.parse(req.body)));
  });

  app.get('/api/v1/sandbox/messages', doc({ tag: 'Sandbox', summary: "The simulated phone's thread", auth: 'workspace', query: z.object({ phone: z.string().describe('The simulated phone (E.164)') }), response: { description: 'The thread, oldest first', schema: messagePageResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    return { data: await sandboxPhoneMessages(ctx, workspaceId, queryString(req.query, 'phone') ?? ''), nextCursor: null };
  });
}
