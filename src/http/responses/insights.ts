/**
 * The rest of the workspace's answers: the funnel, the pipeline, alert choices, saved replies and
 * notes (routes: http/api/stats.ts, pipeline.ts, notification-preferences.ts, saved-replies-and-notes.ts).
 */
import { z } from 'zod';
import type { NotificationPreferences } from '../../services/notification-preferences.js';
import type { Note } from '../../services/notes.js';
import type { Pipeline } from '../../services/pipeline.js';
import type { SavedReply } from '../../services/saved-replies.js';
import type { Overview } from '../../services/stats.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const funnelCountsResponse = named(
  'FunnelCounts',
  z.object({
    missed: z.number().int(),
    texted: z.number().int(),
    replied: z.number().int(),
    leadsRecovered: z.number().int().describe('Conversations (caller × number) with a replied call: the headline.'),
    agentHandled: z.number().int(),
    staffHandled: z.number().int(),
  }),
);

export const overviewResponse = named(
  'Overview',
  z.object({
    from: z.string(),
    to: z.string(),
    perDay: z.array(funnelCountsResponse.extend({ date: z.string(), phoneNumberId: z.string() })),
    totals: funnelCountsResponse,
    medianSecondsToText: z.number().nullable(),
    includeSandbox: z.boolean(),
    sandboxMissed: z.number().int(),
  }),
);
sameShape<z.output<typeof overviewResponse>, Overview>();

export const pipelineResponse = named(
  'Pipeline',
  z.object({
    stages: z.array(z.string()),
    contactCounts: z.record(z.string(), z.number().int()).describe('Contacts in each stage.'),
    updatedAt: isoTime.nullable(),
  }),
);
sameShape<z.output<typeof pipelineResponse>, Pipeline>();

const alertChoice = z.object({ inbound: z.boolean(), handoff: z.boolean() });

export const notificationPreferencesResponse = named(
  'NotificationPreferences',
  z.object({
    email: alertChoice,
    browser: alertChoice,
    emailAvailable: z.boolean().describe('Whether the server can send email (SMTP configured).'),
  }),
);
sameShape<Omit<z.output<typeof notificationPreferencesResponse>, 'emailAvailable'>, NotificationPreferences>();

export const savedReplyResponse = named(
  'SavedReply',
  z.object({ id: z.string(), title: z.string(), body: z.string(), createdAt: isoTime, updatedAt: isoTime }),
);
sameShape<z.output<typeof savedReplyResponse>, SavedReply>();

export const savedReplyPageResponse = pageOf('SavedReplyPage', savedReplyResponse);

export const noteResponse = named(
  'Note',
  z.object({
    id: z.string(),
    body: z.string(),
    author: z.object({ userId: z.string(), name: z.string() }).nullable().describe('Null when the note was written with an API key.'),
    createdAt: isoTime,
  }),
);
sameShape<z.output<typeof noteResponse>, Note>();

export const notePageResponse = pageOf('NotePage', noteResponse);

export const renderedSavedReplyResponse = named('RenderedSavedReply', z.object({ body: z.string() }), 'The reply with its merge fields filled');

export const sandboxHistoryClearedResponse = named(
  'SandboxHistoryCleared',
  z.object({ calls: z.number().int(), conversations: z.number().int() }),
  "How many of the phone simulator's calls and conversations were deleted (sandbox numbers' and practice ones)",
);
