/**
 * Who belongs to which workspace, and how people come to belong through invites an owner sends.
 * Roles are `owner` (everything, including members and API keys) and `member` (the workspace's
 * data). A workspace's first owner is made by provisioning/ (operator and first-run setup).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { hashPassword, newPasswordSchema } from '../security/passwords.js';
import { hashToken } from '../security/tokens.js';
import { newId } from '../store/ids.js';
import type { Database, MemberRole } from '../store/schema.js';
import { emailSchema, findUserByEmail, insertUser, userNameSchema } from './users.js';

/** What an invite link's token is sealed with (bound to the invite). */
export const inviteTokenContext = (inviteId: string) => `invite:${inviteId}`;

export const roleSchema = z.enum(['owner', 'member']);

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A workspace as its members' switcher lists it. */
export interface UserWorkspace {
  id: string;
  name: string;
  businessName: string;
  role: MemberRole;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  createdAt: string;
}

// ——— memberships ———

/** Every workspace the user belongs to, oldest membership first. */
export async function listUserWorkspaces(ctx: AppContext, userId: string): Promise<UserWorkspace[]> {
  const rows = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select(['w.id', 'w.name', 'w.business_name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, businessName: r.business_name, role: r.role }));
}

/** The user's role in the workspace, or null when they are not a member. */
export async function getMemberRole(ctx: AppContext, workspaceId: string, userId: string): Promise<MemberRole | null> {
  const row = await ctx.db
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** Adds a membership; an existing one is left as it is (its role included). */
export async function addMembership(
  db: Kysely<Database>,
  now: number,
  m: { workspaceId: string; userId: string; role: MemberRole },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ workspace_id: m.workspaceId, user_id: m.userId, role: m.role, created_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .execute();
}

/** The workspace's members, newest first. Workspaces have few members, so this is one page. */
export async function listMembers(ctx: AppContext, workspaceId: string): Promise<Member[]> {
  const rows = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.created_at'])
    .where('m.workspace_id', '=', workspaceId)
    .orderBy('m.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: r.role, createdAt: new Date(r.created_at).toISOString() }));
}

/**
 * Takes the workspace row's lock for the rest of the transaction (a row lock on PostgreSQL, the
 * write lock on SQLite), so membership changes in one workspace happen one at a time: two owners
 * removing each other at once cannot leave the workspace without an owner.
 */
async function lockWorkspace(trx: Kysely<Database>, workspaceId: string): Promise<void> {
  await trx.updateTable('workspaces').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', workspaceId).execute();
}

/** Removes a member; 404 when not a member, 409 when they are the last owner. */
export async function removeMember(ctx: AppContext, workspaceId: string, userId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, workspaceId);
    const membership = await trx
      .selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!membership) throw notFound('Member');
    if (membership.role === 'owner') {
      const owners = await trx
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      if (Number(owners.n) <= 1) throw conflict('A workspace needs an owner: make someone else an owner first', 'userId');
    }
    await trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
  });
}

// ——— invites ———

export const createInviteSchema = z.object({ email: emailSchema, role: roleSchema.default('member') }).strict();

export const acceptInviteSchema = z
  .object({
    token: z.string().min(1).max(200),
    // Checked only when the invite creates an account (see acceptInvite): a signed-in invitee's
    // form may send them empty, and that must not fail.
    name: z.string().max(200).optional(),
    password: z.string().max(1000).optional(),
  })
  .strict();

export interface Invite {
  id: string;
  email: string;
  role: MemberRole;
  expiresAt: string;
  createdAt: string;
}

/**
 * Invites someone by email. The link's token is in the result only (stored as its SHA-256); a
 * newer invite for the same email replaces a pending one, so only the latest link works.
 */
export async function createInvite(
  ctx: AppContext,
  workspaceId: string,
  invitedBy: string | null,
  input: z.infer<typeof createInviteSchema>,
): Promise<Invite & { inviteUrl: string }> {
  const member = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.workspace_id', '=', workspaceId)
    .where('u.email', '=', input.email)
    .executeTakeFirst();
  if (member) throw conflict(`${input.email} is already a member of this workspace`, 'email');

  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  const invite = { id: newId('inv', now), email: input.email, role: input.role, expiresAt: now + INVITE_TTL_MS };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('invites')
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', input.email)
      .where('accepted_at', 'is', null)
      .execute();
    await trx
      .insertInto('invites')
      .values({
        id: invite.id,
        workspace_id: workspaceId,
        email: invite.email,
        role: invite.role,
        token_hash: hashToken(token),
        token_sealed: ctx.secrets.seal(token, inviteTokenContext(invite.id)),
        invited_by: invitedBy,
        created_at: now,
        expires_at: invite.expiresAt,
        accepted_at: null,
      })
      .execute();
  });
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    expiresAt: new Date(invite.expiresAt).toISOString(),
    createdAt: new Date(now).toISOString(),
    inviteUrl: `${ctx.config.publicUrl}/invite?token=${token}`,
  };
}

/** Invites not yet accepted and not expired, newest first (never their tokens). */
export async function listPendingInvites(ctx: AppContext, workspaceId: string): Promise<Array<Invite & { inviteUrl: string | null }>> {
  const rows = await ctx.db
    .selectFrom('invites')
    .select(['id', 'email', 'role', 'expires_at', 'created_at', 'token_sealed'])
    .where('workspace_id', '=', workspaceId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', ctx.clock.now())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    expiresAt: new Date(r.expires_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
    // Owners only (the route checks): the same link again, to copy and send once more.
    inviteUrl: r.token_sealed ? `${ctx.config.publicUrl}/invite?token=${ctx.secrets.open(r.token_sealed, inviteTokenContext(r.id))}` : null,
  }));
}

/** What an invite link's page shows before joining: which business, who invited, for which email. */
export async function previewInvite(
  ctx: AppContext,
  token: string,
): Promise<{ businessName: string; workspaceName: string; invitedBy: string | null; email: string; role: MemberRole; expiresAt: string }> {
  const row = await ctx.db
    .selectFrom('invites')
    .innerJoin('workspaces', 'workspaces.id', 'invites.workspace_id')
    .leftJoin('users', 'users.id', 'invites.invited_by')
    .select(['workspaces.business_name', 'workspaces.name as workspaceName', 'users.name as inviterName', 'users.email as inviterEmail', 'invites.email', 'invites.role', 'invites.expires_at'])
    .where('invites.token_hash', '=', hashToken(token))
    .where('invites.accepted_at', 'is', null)
    .where('invites.expires_at', '>', ctx.clock.now())
    .executeTakeFirst();
  if (!row) throw inviteUnusable();
  return {
    businessName: row.business_name,
    workspaceName: row.workspaceName,
    invitedBy: row.inviterName || row.inviterEmail || null,
    email: row.email,
    role: row.role,
    expiresAt: new Date(Number(row.expires_at)).toISOString(),
  };
}

/** Withdraws a pending invite (its link stops working). */
export async function revokeInvite(ctx: AppContext, workspaceId: string, inviteId: string): Promise<void> {
  const result = await ctx.db
    .deleteFrom('invites')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', inviteId)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Invite');
}

const inviteUnusable = () => badRequest('This invite link has expired or was already used; ask for a new one', 'token');

/**
 * Accepts an invite. With no account for the invited email, creates one (name and password
 * required). With an account, the invitee must be signed in as that account (`signedInUserId`):
 * otherwise 409, so nobody holding a link can attach a workspace to someone else's account.
 * The invite is marked used in the same transaction that adds the membership, so one link makes
 * one membership even when submitted twice.
 */
export async function acceptInvite(
  ctx: AppContext,
  input: z.infer<typeof acceptInviteSchema>,
  signedInUserId: string | null,
): Promise<{ userId: string; workspaceId: string; createdUser: boolean }> {
  const now = ctx.clock.now();
  const invite = await ctx.db
    .selectFrom('invites')
    .selectAll()
    .where('token_hash', '=', hashToken(input.token))
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!invite) throw inviteUnusable();

  const existing = await findUserByEmail(ctx, invite.email);
  if (existing && existing.id !== signedInUserId) {
    throw conflict(`${invite.email} already has an account: sign in as ${invite.email}, then open the invite link again`, 'email');
  }
  let passwordHash: string | null = null;
  let name = '';
  if (!existing) {
    const account = z.object({ name: userNameSchema, password: newPasswordSchema }).parse({ name: input.name, password: input.password });
    name = account.name;
    passwordHash = await hashPassword(account.password);
  }

  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('invites')
      .set({ accepted_at: now })
      .where('id', '=', invite.id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw inviteUnusable();
    const userId = existing
      ? existing.id
      : (await insertUser(trx, now, { email: invite.email, name, passwordHash: passwordHash as string })).id;
    await addMembership(trx, now, { workspaceId: invite.workspace_id, userId, role: invite.role });
    return { userId, workspaceId: invite.workspace_id, createdUser: !existing };
  });
}
