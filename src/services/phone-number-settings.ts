/**
 * A phone number's call and text-back settings (contract: /api/v1/phone-numbers): where calls ring,
 * for how long, screening, voicemail, the missed-call text-back, its mode (rings phones, or receives
 * calls the business forwards from its own line), its hours and what happens outside them. Stored
 * as one JSON column.
 */
import { z } from 'zod';
import { businessHoursSchema } from '../domain/business-hours.js';
import { findTemplateProblems } from '../domain/message-template.js';
import { normalizeForwardTarget } from '../domain/phone.js';
import { memoizeParse } from '../domain/parse-memo.js';

const forwardTargetSchema = z.string().transform((v, ctx) => {
  const t = normalizeForwardTarget(v);
  if (!t) {
    ctx.addIssue({ code: 'custom', message: 'must be an E.164 phone number or a sip: URI' });
    return z.NEVER;
  }
  return t;
});

const templateSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((v, ctx) => {
      for (const p of findTemplateProblems(v)) ctx.addIssue({ code: 'custom', message: p.message });
    });

export const DEFAULT_TEXTBACK_MESSAGE =
  'Hi! Sorry we missed your call at {{business.name}}. How can we help? Reply here.';
export const DEFAULT_VOICEMAIL_GREETING =
  "You've reached {{business.name}}. We can't take your call right now. Please leave a message after the tone, and we'll text you back shortly.";

export const phoneNumberSettingsSchema = z.object({
  /** `ring`: Textback rings forwardTo. `forwarded`: every call arriving was already missed elsewhere. */
  mode: z.enum(['ring', 'forwarded'], { message: 'must be "ring" or "forwarded"' }),
  /** This number's own hours, or null for the workspace's businessHours. */
  hours: businessHoursSchema.nullable(),
  /** Outside hours: still ring, or straight to voicemail; `message` replaces the text-back template. */
  afterHours: z.object({
    ring: z.boolean(),
    message: templateSchema(1200).nullable(),
  }),
  forwardTo: z.array(forwardTargetSchema).max(10),
  ringTimeoutSeconds: z.number().int().min(5).max(120),
  screening: z.enum(['none', 'press-1']),
  voicemail: z.object({
    enabled: z.boolean(),
    greeting: templateSchema(600),
    transcribe: z.boolean(),
  }),
  missedCallTextBack: z.object({
    enabled: z.boolean(),
    message: templateSchema(1200),
    delaySeconds: z.number().int().min(0).max(3600),
    cooldownMinutes: z.number().int().min(0).max(60 * 24 * 30),
  }),
});

export type PhoneNumberSettings = z.infer<typeof phoneNumberSettingsSchema>;

export const DEFAULT_PHONE_NUMBER_SETTINGS: PhoneNumberSettings = {
  mode: 'ring',
  hours: null,
  afterHours: { ring: true, message: null },
  forwardTo: [],
  ringTimeoutSeconds: 20,
  screening: 'none',
  voicemail: { enabled: true, greeting: DEFAULT_VOICEMAIL_GREETING, transcribe: true },
  missedCallTextBack: { enabled: true, message: DEFAULT_TEXTBACK_MESSAGE, delaySeconds: 0, cooldownMinutes: 1440 },
};

/** A partial settings body (create or PATCH): nested objects may be given in part. */
export const phoneNumberSettingsPatchSchema = z.object({
  mode: phoneNumberSettingsSchema.shape.mode.optional(),
  hours: phoneNumberSettingsSchema.shape.hours.optional(),
  afterHours: phoneNumberSettingsSchema.shape.afterHours.partial().strict().optional(),
  forwardTo: phoneNumberSettingsSchema.shape.forwardTo.optional(),
  ringTimeoutSeconds: phoneNumberSettingsSchema.shape.ringTimeoutSeconds.optional(),
  screening: phoneNumberSettingsSchema.shape.screening.optional(),
  voicemail: phoneNumberSettingsSchema.shape.voicemail.partial().strict().optional(),
  missedCallTextBack: phoneNumberSettingsSchema.shape.missedCallTextBack.partial().strict().optional(),
});

export type PhoneNumberSettingsPatch = z.infer<typeof phoneNumberSettingsPatchSchema>;

export function mergePhoneNumberSettings(base: PhoneNumberSettings, patch: PhoneNumberSettingsPatch): PhoneNumberSettings {
  return {
    mode: patch.mode ?? base.mode,
    // null is a value here ("use the workspace's hours"), so only a missing key keeps the old one.
    hours: patch.hours !== undefined ? patch.hours : base.hours,
    afterHours: { ...base.afterHours, ...patch.afterHours },
    forwardTo: patch.forwardTo ?? base.forwardTo,
    ringTimeoutSeconds: patch.ringTimeoutSeconds ?? base.ringTimeoutSeconds,
    screening: patch.screening ?? base.screening,
    voicemail: { ...base.voicemail, ...patch.voicemail },
    missedCallTextBack: { ...base.missedCallTextBack, ...patch.missedCallTextBack },
  };
}

/** The stored JSON with every field added since filled by its default; shared and frozen (domain/parse-memo.ts). */
export const parsePhoneNumberSettings: (json: string) => Readonly<PhoneNumberSettings> = memoizeParse((json) =>
  mergePhoneNumberSettings(DEFAULT_PHONE_NUMBER_SETTINGS, JSON.parse(json) as PhoneNumberSettingsPatch),
);
