/**
 * Each member's choice of alerts per workspace: by email (when SMTP is configured) and as browser
 * notifications while the dashboard is open, for new customer texts and for handoffs. In-app live
 * updates always happen. Defaults: handoffs by email and browser; new texts in the browser only, so
 * a busy line does not flood inboxes.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';

export const notificationPreferencesSchema = z
  .object({
    email: z.object({ inbound: z.boolean(), handoff: z.boolean() }).strict(),
    browser: z.object({ inbound: z.boolean(), handoff: z.boolean() }).strict(),
  })
  .strict();

export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  email: { inbound: false, handoff: true },
  browser: { inbound: true, handoff: true },
};

export async function getNotificationPreferences(ctx: Pick<AppContext, 'db'>, workspaceId: string, userId: string): Promise<NotificationPreferences> {
  const row = await ctx.db
    .selectFrom('notification_preferences')
    .select('settings')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return DEFAULT_NOTIFICATION_PREFERENCES;
  const parsed = notificationPreferencesSchema.safeParse(JSON.parse(row.settings));
  return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_PREFERENCES;
}

export async function saveNotificationPreferences(
  ctx: AppContext,
  workspaceId: string,
  userId: string,
  prefs: NotificationPreferences,
): Promise<NotificationPreferences> {
  const now = ctx.clock.now();
  const settings = JSON.stringify(prefs);
  await ctx.db
    .insertInto('notification_preferences')
    .values({ workspace_id: workspaceId, user_id: userId, settings, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ settings, updated_at: now }))
    .execute();
  return prefs;
}
