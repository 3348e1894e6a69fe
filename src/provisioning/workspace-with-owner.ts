/**
 * The operator's way to make a workspace (CLI, `POST /api/v1/workspaces` with `owner`): the
 * workspace, its first API key, and its first owner in one step.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { generatePassword, hashPassword, newPasswordSchema } from '../security/passwords.js';
import { addMembership } from '../services/members.js';
import { emailSchema, findUserByEmail, insertUser, presentUser, userNameSchema, type User } from '../services/users.js';
import { createWorkspace, type createWorkspaceSchema, type Workspace } from '../services/workspaces.js';

export const workspaceOwnerSchema = z.object({
  email: emailSchema,
  name: userNameSchema.optional(),
  password: newPasswordSchema.optional(),
});

export interface WorkspaceWithOwner {
  workspace: Workspace & { apiKey: string };
  owner: User;
  /** Set when this call created the account with a generated password (shown once). */
  generatedPassword: string | null;
  /** False when the email already had an account, which then simply became an owner here. */
  createdUser: boolean;
}

/**
 * The operator's path (CLI): a workspace, its first API key, and its owner. An existing account
 * with that email becomes the owner and keeps its password; otherwise one is created with the
 * given password or a generated one.
 */
export async function createWorkspaceWithOwner(
  ctx: AppContext,
  input: { workspace: z.infer<typeof createWorkspaceSchema>; owner: z.infer<typeof workspaceOwnerSchema> },
): Promise<WorkspaceWithOwner> {
  const existing = await findUserByEmail(ctx, input.owner.email);
  const generatedPassword = existing || input.owner.password ? null : generatePassword();
  const passwordHash = existing ? null : await hashPassword(input.owner.password ?? (generatedPassword as string));
  const workspace = await createWorkspace(ctx, input.workspace);
  try {
    const owner = await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      const user = existing
        ? presentUser(existing)
        : await insertUser(trx, now, {
            email: input.owner.email,
            name: input.owner.name ?? input.owner.email.split('@')[0] ?? input.owner.email,
            passwordHash: passwordHash as string,
          });
      await addMembership(trx, now, { workspaceId: workspace.id, userId: user.id, role: 'owner' });
      return user;
    });
    return { workspace, owner, generatedPassword, createdUser: !existing };
  } catch (err) {
    // A workspace nobody owns would be unreachable from the dashboard: undo it.
    await ctx.db.deleteFrom('workspaces').where('id', '=', workspace.id).execute();
    throw err;
  }
}

