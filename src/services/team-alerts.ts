/**
 * Telling the team that a customer needs them: a new text, or the agent handing off. Emails go to
 * each member who asked for that kind (see notification-preferences.ts), queued in the caller's
 * transaction; the dashboard's live stream carries an `alert` event after the commit, and open
 * dashboards turn it into a browser notification per their member's choice.
 */
import type { AppContext } from '../context.js';
import type { Executor } from '../jobs/job-queue.js';
import { queueEmail } from './mailer.js';
import { DEFAULT_NOTIFICATION_PREFERENCES, notificationPreferencesSchema } from './notification-preferences.js';

export type AlertKind = 'inbound' | 'handoff';

export interface TeamAlert {
  workspaceId: string;
  conversationId: string;
  kind: AlertKind;
  /** What happened, one line: "Ana Ruiz (+1 512…) texted" / "… needs a person". */
  subject: string;
  /** The customer's words or the handoff reason. */
  detail: string;
  /** Makes the alert once-only (a message id, a turn id). */
  key: string;
  now: number;
}

/** Queues the emails of an alert; returns how many members will get one. */
export async function queueTeamAlert(ctx: Pick<AppContext, 'config' | 'secrets'>, db: Executor, alert: TeamAlert): Promise<number> {
  if (!ctx.config.smtpUrl) return 0;
  const members = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('notification_preferences', (j) =>
      j.onRef('notification_preferences.user_id', '=', 'memberships.user_id').onRef('notification_preferences.workspace_id', '=', 'memberships.workspace_id'),
    )
    .select(['users.id as userId', 'users.email as email', 'notification_preferences.settings as settings'])
    .where('memberships.workspace_id', '=', alert.workspaceId)
    .execute();
  const link = `${ctx.config.publicUrl}/w/${encodeURIComponent(alert.workspaceId)}/inbox/${encodeURIComponent(alert.conversationId)}`;
  let queued = 0;
  for (const m of members) {
    const parsed = m.settings ? notificationPreferencesSchema.safeParse(JSON.parse(m.settings)) : null;
    const prefs = parsed?.success ? parsed.data : DEFAULT_NOTIFICATION_PREFERENCES;
    if (!prefs.email[alert.kind]) continue;
    const sent = await queueEmail(ctx, db, {
      workspaceId: alert.workspaceId,
      to: m.email,
      subject: alert.subject,
      text: `${alert.subject}\n\n${alert.detail}\n\nOpen the conversation: ${link}\n\nYou get this email because of your notification settings in Textback.`,
      uniqueKey: `alert:${alert.key}:${m.userId}`,
      now: alert.now,
    });
    if (sent) queued++;
  }
  return queued;
}

/** "Ana Ruiz (+15125550199)" or the phone alone. */
export function whoIs(contact: { name: string | null; phone: string }): string {
  return contact.name ? `${contact.name} (${contact.phone})` : contact.phone;
}
