/**
 * /api/v1/members and /api/v1/invites: who is in the workspace, and bringing people in. Any member
 * sees the member list; only owners invite, withdraw invites and remove members. Accepting an
 * invite needs no authentication: the link's token is the credential.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  acceptInvite,
  acceptInviteSchema,
  createInvite,
  createInviteSchema,
  listMembers,
  listPendingInvites,
  previewInvite,
  removeMember,
  revokeInvite,
} from '../../services/members.js';
import { describeSession } from '../../services/sessions.js';
import { optionalSession, requireJsonBody, requireRole, requireWorkspace } from '../auth.js';
import { queryString } from './query.js';
import { startBrowserSession } from './session.js';
import { doc } from '../openapi/route-doc.js';
import { invitePageResponse, invitePreviewResponse, inviteResponse, memberPageResponse, sessionResponse } from '../responses/session.js';

export function registerMemberRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/members', doc({ tag: 'Members', summary: 'List the members', auth: 'workspace', response: { description: 'The members', schema: memberPageResponse } }), async (req) => ({ data: await listMembers(ctx, await requireWorkspace(ctx, req)), nextCursor: null }));

  app.delete<{ Params: { userId: string } }>('/api/v1/members/:userId', doc({ tag: 'Members', summary: 'Remove a member', auth: 'owner', response: { status: 204, description: 'Removed' } }), async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    await removeMember(ctx, workspaceId, req.params.userId);
    req.log.info({ memberId: req.params.userId }, 'member removed');
    return reply.code(204).send();
  });

  app.post('/api/v1/invites', doc({ tag: 'Members', summary: 'Invite someone by email', auth: 'owner', body: createInviteSchema, response: { status: 201, description: 'The invite, with its link (shown once)', schema: inviteResponse } }), async (req, reply) => {
    const workspaceId = await requireRole(ctx, req, 'owner');
    const invite = await createInvite(ctx, workspaceId, req.authSession?.userId ?? null, createInviteSchema.parse(req.body));
    req.log.info({ inviteId: invite.id }, 'invite created');
    return reply.code(201).send(invite);
  });

  app.get('/api/v1/invites', doc({ tag: 'Members', summary: 'List pending invites', auth: 'owner', response: { description: 'The pending invites', schema: invitePageResponse } }), async (req) => ({
    data: await listPendingInvites(ctx, await requireRole(ctx, req, 'owner')),
    nextCursor: null,
  }));

  // The invite link's page: which business, who invited, for which email (the token is the credential).
  app.get('/api/v1/invites/preview', doc({ tag: 'Members', summary: 'What an invite link is for: business, inviter, email, role', description: 'The token from the link is the credential.', auth: 'none', query: z.object({ token: z.string().describe("The invite link's token") }), response: { description: 'What the invite is for', schema: invitePreviewResponse } }), async (req) => previewInvite(ctx, queryString(req.query, 'token') ?? ''));

  app.delete<{ Params: { id: string } }>('/api/v1/invites/:id', doc({ tag: 'Members', summary: 'Withdraw an invite', auth: 'owner', response: { status: 204, description: 'Withdrawn' } }), async (req, reply) => {
    await revokeInvite(ctx, await requireRole(ctx, req, 'owner'), req.params.id);
    return reply.code(204).send();
  });

  app.post('/api/v1/invites/accept', doc({ tag: 'Members', summary: 'Accept an invite', description: 'The invite token is the credential; answers a signed-in session.', auth: 'none', body: acceptInviteSchema, response: { status: 201, description: 'The session', schema: sessionResponse } }), async (req, reply) => {
    requireJsonBody(req);
    const input = acceptInviteSchema.parse(req.body);
    // A signed-in invitee (same email) joins with the session they have; CSRF applies then.
    const session = await optionalSession(ctx, req);
    const accepted = await acceptInvite(ctx, input, session?.userId ?? null);
    req.log.info({ userId: accepted.userId, workspaceId: accepted.workspaceId }, 'invite accepted');
    if (session && !accepted.createdUser && accepted.userId === session.userId) {
      return reply.code(201).send(await describeSession(ctx, session.userId, session.csrfToken));
    }
    return reply.code(201).send(await startBrowserSession(ctx, req, reply, accepted.userId));
  });
}
