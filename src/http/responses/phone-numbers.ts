/** Phone numbers, their settings and texting readiness (routes: http/api/phone-numbers.ts). */
import { z } from 'zod';
import type { PhoneNumber } from '../../services/phone-numbers.js';
import type { Readiness } from '../../services/texting-readiness.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const dayKeyResponse = named('DayKey', z.enum(DAYS));

/** Open ranges per day, local "HH:MM" pairs: `{ "mon": [["08:00", "17:00"]], … }`. */
export const weeklyHoursResponse = named('WeeklyHours', z.record(dayKeyResponse, z.array(z.tuple([z.string(), z.string()]))));

export const readinessCheckResponse = named(
  'ReadinessCheck',
  z.object({ id: z.string(), ok: z.boolean(), message: z.string(), link: z.string().optional() }),
);

export const readinessResponse = named(
  'Readiness',
  z.object({
    status: z.enum(['ready', 'action_needed', 'unknown']),
    checks: z.array(readinessCheckResponse),
    checkedAt: isoTime.nullable(),
  }),
);
sameShape<z.output<typeof readinessResponse>, Readiness>();

export const phoneNumberResponse = named(
  'PhoneNumber',
  z.object({
    id: z.string(),
    number: z.string(),
    carrier: z.string(),
    name: z.string(),
    mode: z.enum(['ring', 'forwarded']).describe('`ring`: Textback rings forwardTo. `forwarded`: every call arriving was already missed elsewhere.'),
    /** This number's own hours, or null for the workspace's businessHours. */
    hours: weeklyHoursResponse.nullable(),
    afterHours: z.object({ ring: z.boolean(), message: z.string().nullable() }),
    forwardTo: z.array(z.string()),
    ringTimeoutSeconds: z.number().int(),
    screening: z.enum(['none', 'press-1']),
    voicemail: z.object({ enabled: z.boolean(), greeting: z.string(), transcribe: z.boolean() }),
    missedCallTextBack: z.object({
      enabled: z.boolean(),
      message: z.string(),
      delaySeconds: z.number().int(),
      cooldownMinutes: z.number().int(),
    }),
    webhooks: z.object({ voiceUrl: z.string(), voiceStatusUrl: z.string(), smsUrl: z.string() }),
    messagingServiceSid: z.string().nullable(),
    readiness: readinessResponse,
    textBackPaused: z.object({ since: isoTime, reason: z.string() }).nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  }),
);
sameShape<z.output<typeof phoneNumberResponse>, PhoneNumber>();

export const phoneNumberPageResponse = pageOf('PhoneNumberPage', phoneNumberResponse);
