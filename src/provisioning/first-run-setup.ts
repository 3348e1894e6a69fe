/**
 * First-run setup: while the installation has no account, whoever holds ADMIN_TOKEN creates the
 * first workspace and its owner (the dashboard's /setup page), and the workspace gets the demo.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { conflict, forbidden } from '../errors.js';
import { seedDemoWorkspace } from '../onboarding/demo-workspace.js';
import { hashPassword, newPasswordSchema } from '../security/passwords.js';
import { tokensEqual } from '../security/tokens.js';
import { addMembership } from '../services/members.js';
import { emailSchema, insertUser, noUserExists, userNameSchema } from '../services/users.js';
import { createWorkspace, createWorkspaceSchema } from '../services/workspaces.js';

export const firstRunSetupSchema = z
  .object({
    setupToken: z.string().min(1).max(500),
    email: emailSchema,
    password: newPasswordSchema,
    name: userNameSchema,
    workspace: createWorkspaceSchema,
  })
  .strict();

/**
 * The first visit: while the installation has no account, whoever holds ADMIN_TOKEN creates the
 * first workspace and its owner, with a demo (sandbox number, sample knowledge base, agent on the
 * builtin model) so the whole flow works at once with no carrier account.
 */
export async function runFirstRunSetup(
  ctx: AppContext,
  input: z.infer<typeof firstRunSetupSchema>,
): Promise<{ userId: string; workspaceId: string }> {
  if (!(await noUserExists(ctx.db))) throw conflict('Setup is already done: sign in instead');
  if (!tokensEqual(input.setupToken, ctx.config.adminToken)) {
    throw forbidden('The setup token is not this installation’s ADMIN_TOKEN');
  }
  const passwordHash = await hashPassword(input.password);
  const workspace = await createWorkspace(ctx, input.workspace);
  let userId: string;
  try {
    userId = await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      // Two setups racing (a double submit) both passed the check above; the flag's primary key
      // lets one commit, and the other rolls back here.
      const claimed = await trx
        .insertInto('installation_flags')
        .values({ name: 'setup', set_at: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0 || !(await noUserExists(trx))) {
        throw conflict('Setup is already done: sign in instead');
      }
      const user = await insertUser(trx, now, { email: input.email, name: input.name, passwordHash });
      await addMembership(trx, now, { workspaceId: workspace.id, userId: user.id, role: 'owner' });
      // createWorkspace made a first API key that nobody was shown; it could never be used, so
      // revoke it rather than list a mystery key on the settings page.
      await trx.updateTable('api_keys').set({ revoked_at: now }).where('workspace_id', '=', workspace.id).execute();
      return user.id;
    });
  } catch (err) {
    await ctx.db.deleteFrom('workspaces').where('id', '=', workspace.id).execute();
    throw err;
  }
  try {
    await seedDemoWorkspace(ctx, workspace.id);
  } catch (err) {
    // The owner exists and can sign in; a missing demo piece is added by hand, not worth a failed setup.
    ctx.logger.error({ err, workspaceId: workspace.id }, 'demo seed failed');
  }
  return { userId, workspaceId: workspace.id };
}
