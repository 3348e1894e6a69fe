/**
 * /api/v1/notification-preferences: the signed-in member's alert choices in this workspace.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  getNotificationPreferences,
  notificationPreferencesSchema,
  saveNotificationPreferences,
} from '../../services/notification-preferences.js';
import { requireSession, requireWorkspace } from '../auth.js';
import { doc } from '../openapi/route-doc.js';
import { notificationPreferencesResponse } from '../responses/insights.js';

export function registerNotificationPreferenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/notification-preferences', doc({ tag: 'Notifications', summary: "The signed-in member's alert choices in this workspace", description: 'Send X-Workspace-Id to name the workspace. `emailAvailable` says whether the server can send email.', auth: 'session', response: { description: 'The choices', schema: notificationPreferencesResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { userId } = await requireSession(ctx, req);
    return { ...(await getNotificationPreferences(ctx, workspaceId, userId)), emailAvailable: ctx.config.smtpUrl !== null };
  });

  app.put('/api/v1/notification-preferences', doc({ tag: 'Notifications', summary: "Save the signed-in member's alert choices in this workspace", description: 'Send X-Workspace-Id to name the workspace.', auth: 'session', body: notificationPreferencesSchema, response: { description: 'The choices', schema: notificationPreferencesResponse } }), async (req) => {
    const workspaceId = await requireWorkspace(ctx, req);
    const { userId } = await requireSession(ctx, req);
    const prefs = await saveNotificationPreferences(ctx, workspaceId, userId, notificationPreferencesSchema.parse(req.body));
    return { ...prefs, emailAvailable: ctx.config.smtpUrl !== null };
  });
}
