/**
 * The workspace's business settings (contract: GET|PATCH /api/v1/workspace): hours (null until the
 * owner sets them), closed dates, staff numbers, the business's own numbers (never texted), quiet
 * hours, the opt-out footer and the automation limits. Stored as one JSON column.
 */
import { z } from 'zod';
import { e164Schema } from './phone-schema.js';
import { businessHoursSchema, closedDatesSchema, type Schedule } from '../domain/business-hours.js';
import { memoizeParse } from '../domain/parse-memo.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

export const workspaceSettingsSchema = z.object({
  /** Null: never set. Nothing states hours that were never set. */
  businessHours: businessHoursSchema.nullable(),
  /** Local dates (holidays) treated as outside hours all day. */
  closedDates: closedDatesSchema,
  staffNumbers: z.array(e164Schema).max(20),
  /** The business's own lines and staff phones: a call from one is never texted back. */
  ownNumbers: z.array(e164Schema).max(50).transform((list) => [...new Set(list)]),
  quietHours: z.object({ enabled: z.boolean(), start: hhmm, end: hhmm }),
  optOutFooter: z.object({ enabled: z.boolean(), text: z.string().trim().min(1).max(120) }),
  /** Loop guard against other auto-responders: automated texts to one contact per hour. */
  automatedRepliesPerHour: z.number().int().min(1).max(100),
  /**
   * Before the first text to a new number, ask the carrier what kind of line it is (a paid lookup)
   * and skip landlines, toll-free, premium, pager and voicemail-only numbers with a "call back" item.
   */
  lineTypeCheck: z.object({ enabled: z.boolean() }),
});

export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = {
  businessHours: null,
  closedDates: [],
  staffNumbers: [],
  ownNumbers: [],
  quietHours: { enabled: false, start: '20:00', end: '08:00' },
  // On for new workspaces (issue 10): the first text to a contact says how to stop. Workspaces
  // created earlier keep the value stored with them.
  optOutFooter: { enabled: true, text: 'Reply STOP to opt out.' },
  automatedRepliesPerHour: 5,
  lineTypeCheck: { enabled: false },
};

/**
 * Reads the stored JSON, filling fields added after the row was written with their defaults; shared
 * and frozen (domain/parse-memo.ts).
 */
export const parseWorkspaceSettings: (json: string) => Readonly<WorkspaceSettings> = memoizeParse((json) => ({
  ...DEFAULT_WORKSPACE_SETTINGS,
  ...(JSON.parse(json) as Partial<WorkspaceSettings>),
}));

/** The schedule a number keeps: its own hours, or the workspace's; the workspace's closed dates. */
export function numberSchedule(
  workspace: { timezone: string; settings: WorkspaceSettings },
  numberHours: WorkspaceSettings['businessHours'],
): Schedule {
  return {
    hours: numberHours ?? workspace.settings.businessHours,
    closedDates: workspace.settings.closedDates,
    timeZone: workspace.timezone,
  };
}
