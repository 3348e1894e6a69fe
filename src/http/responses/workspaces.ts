/** The workspace and its settings, and the deployment's warnings (routes: http/api/workspaces.ts, warnings.ts). */
import { z } from 'zod';
import type { DeploymentWarning } from '../../services/deployment-warnings.js';
import type { Workspace } from '../../services/workspaces.js';
import { weeklyHoursResponse } from './phone-numbers.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const workspaceResponse = named(
  'Workspace',
  z.object({
    id: z.string(),
    name: z.string(),
    businessName: z.string(),
    timezone: z.string().describe('IANA time zone, e.g. America/Chicago.'),
    /** Null: never set (nothing states hours that were never set). */
    businessHours: weeklyHoursResponse.nullable(),
    closedDates: z.array(z.string()).describe('Local dates (YYYY-MM-DD) treated as outside hours all day.'),
    staffNumbers: z.array(z.string()),
    ownNumbers: z.array(z.string()).describe("The business's own lines and staff phones: a call from one is never texted back."),
    quietHours: z.object({ enabled: z.boolean(), start: z.string(), end: z.string() }),
    optOutFooter: z.object({ enabled: z.boolean(), text: z.string() }),
    automatedRepliesPerHour: z.number().int(),
    lineTypeCheck: z.object({ enabled: z.boolean() }),
    createdAt: isoTime,
  }),
);
sameShape<z.output<typeof workspaceResponse>, Workspace>();

export const workspacePageResponse = pageOf('WorkspacePage', workspaceResponse);

export const deploymentWarningResponse = named('DeploymentWarning', z.object({ id: z.string(), message: z.string() }));
sameShape<z.output<typeof deploymentWarningResponse>, DeploymentWarning>();

export const deploymentWarningPageResponse = pageOf('DeploymentWarningPage', deploymentWarningResponse);

export const createdWorkspaceResponse = named(
  'CreatedWorkspace',
  workspaceResponse.extend({
    apiKey: z.string().describe("The workspace's first API key (shown once)."),
    /** With `owner` in the request: the owner's account; `password` only when one was generated (shown once). */
    owner: z.object({ id: z.string(), email: z.string(), name: z.string(), createdAccount: z.boolean(), password: z.string().optional() }).optional(),
  }),
);
