/** Calls and their text-back (routes: http/api/calls.ts). */
import { z } from 'zod';
import type { Call } from '../../services/calls.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const callResponse = named(
  'Call',
  z.object({
    id: z.string(),
    carrierCallId: z.string().describe("The carrier's id for the call (Twilio `CA…`, a phone system's own id)."),
    carrier: z.string(),
    from: z.string(),
    to: z.string(),
    phoneNumberId: z.string(),
    contactId: z.string().nullable(),
    startedAt: isoTime,
    endedAt: isoTime.nullable(),
    outcome: z.enum(['ringing', 'answered', 'missed', 'voicemail']),
    dialStatus: z.string().nullable(),
    forwardedFrom: z.string().nullable(),
    afterHours: z.boolean(),
    /** Whether the missed call was texted back, and if not, why (in words). */
    textBack: z.object({
      status: z.enum(['pending', 'sent', 'skipped', 'failed']).nullable(),
      reason: z.string().nullable(),
      messageId: z.string().nullable(),
    }),
    voicemail: z.object({ url: z.string(), durationSeconds: z.number().nullable(), transcript: z.string().nullable() }).nullable(),
    practice: z.boolean().describe('A practice call the phone simulator played on one of the workspace\'s numbers (left out of the overview\'s figures).'),
  }),
);
sameShape<z.output<typeof callResponse>, Call>();

export const callPageResponse = pageOf('CallPage', callResponse);

export const callEventSecretResponse = named('CallEventSecret', z.object({ secret: z.string() }), "The phone system's new signing secret (shown once)");

export const callEventAcceptedResponse = named(
  'CallEventAccepted',
  z.object({ callId: z.string(), decided: z.boolean() }),
  'The call as recorded, and whether this report decided its text-back (false for a repeat)',
);
