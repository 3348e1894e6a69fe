/**
 * The workspace's business settings (contract: GET|PATCH /api/v1/workspace): hours, staff numbers,
 * quiet hours, the opt-out footer and the automation limits. Stored as one JSON column.
 */
import { z } from 'zod';
import { e164Schema } from './phone-schema.js';
import { businessHoursSchema, DEFAULT_BUSINESS_HOURS } from '../domain/business-hours.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

export const workspaceSettingsSchema = z.object({
  businessHours: businessHoursSchema,
  staffNumbers: z.array(e164Schema).max(20),
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
  businessHours: DEFAULT_BUSINESS_HOURS,
  staffNumbers: [],
  quietHours: { enabled: false, start: '20:00', end: '08:00' },
  // On for new workspaces (issue 10): the first text to a contact says how to stop. Workspaces
  // created earlier keep the value stored with them.
  optOutFooter: { enabled: true, text: 'Reply STOP to opt out.' },
  automatedRepliesPerHour: 5,
  lineTypeCheck: { enabled: false },
};

/** Reads the stored JSON, filling fields added after the row was written with their defaults. */
export function parseWorkspaceSettings(json: string): WorkspaceSettings {
  const stored = JSON.parse(json) as Partial<WorkspaceSettings>;
  return { ...DEFAULT_WORKSPACE_SETTINGS, ...stored };
}
