/** The signed-in session, members, invites and API keys (routes: http/api/session.ts, members.ts, api-keys.ts). */
import { z } from 'zod';
import type { ApiKey } from '../../services/api-keys.js';
import type { Invite, Member } from '../../services/members.js';
import type { SessionView } from '../../services/sessions.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const roleResponse = named('Role', z.enum(['owner', 'member']));

export const userResponse = named('User', z.object({ id: z.string(), email: z.string(), name: z.string() }));

export const workspaceSummaryResponse = named(
  'WorkspaceSummary',
  z.object({ id: z.string(), name: z.string(), businessName: z.string(), role: roleResponse }),
);

export const sessionResponse = named(
  'Session',
  z.object({
    user: userResponse,
    workspaces: z.array(workspaceSummaryResponse),
    csrfToken: z.string().describe('Send as X-CSRF-Token with every request that changes something.'),
  }),
  'The answer of setup, sign-in, invite acceptance and GET /auth/session',
);
sameShape<z.output<typeof sessionResponse>, SessionView>();

export const memberResponse = named(
  'Member',
  z.object({ userId: z.string(), email: z.string(), name: z.string(), role: roleResponse, createdAt: isoTime }),
);
sameShape<z.output<typeof memberResponse>, Member>();

export const memberPageResponse = pageOf('MemberPage', memberResponse);

const inviteFields = { id: z.string(), email: z.string(), role: roleResponse, expiresAt: isoTime, createdAt: isoTime };
sameShape<z.output<z.ZodObject<typeof inviteFields>>, Invite>();

export const inviteResponse = named(
  'Invite',
  z.object({
    ...inviteFields,
    inviteUrl: z.string().nullable().describe('The link to send; null for an invite made before links were kept.'),
  }),
);

export const invitePageResponse = pageOf('InvitePage', inviteResponse);

export const apiKeyResponse = named(
  'ApiKey',
  z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: isoTime, lastUsedAt: isoTime.nullable() }),
);
sameShape<z.output<typeof apiKeyResponse>, ApiKey>();

export const apiKeyPageResponse = pageOf('ApiKeyPage', apiKeyResponse);

export const createdApiKeyResponse = named('CreatedApiKey', apiKeyResponse.extend({ apiKey: z.string() }), 'The new key, with its secret (shown once)');

export const setupStateResponse = named('SetupState', z.object({ needsSetup: z.boolean() }), 'Whether first-run setup is still needed');

export const passwordResetAvailabilityResponse = named(
  'PasswordResetAvailability',
  z.object({ emailAvailable: z.boolean() }),
  'Whether a forgotten password can be reset by email (SMTP configured)',
);

export const acceptedResponse = named('Accepted', z.object({ ok: z.literal(true) }));

export const invitePreviewResponse = named(
  'InvitePreview',
  z.object({ businessName: z.string(), workspaceName: z.string(), invitedBy: z.string().nullable(), email: z.string(), role: roleResponse, expiresAt: isoTime }),
  'What an invite link is for',
);
