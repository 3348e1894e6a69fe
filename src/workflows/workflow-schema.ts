/**
 * What a workflow is, as the API accepts it: one trigger (an event type plus optional filters) and
 * an ordered list of actions, each of which may carry an `if` condition. zod here is the single
 * source of the shapes; every other workflow module uses the inferred types.
 */
import { z } from 'zod';
import { findTemplateProblems } from '../domain/message-template.js';
import { tagSchema } from '../services/contacts.js';
import { stageNameSchema } from '../services/pipeline.js';
import { e164Schema } from '../services/phone-schema.js';
import type { EventType } from '../store/schema.js';

/** Every event a workflow can start on (contract: "Trigger types"). */
export const TRIGGER_TYPES = [
  'call.missed',
  'call.answered',
  'voicemail.received',
  'message.received',
  'contact.created',
  'contact.tag_added',
  'contact.tag_removed',
  'contact.stage_changed',
] as const satisfies readonly EventType[];

export type TriggerType = (typeof TRIGGER_TYPES)[number];

/** Events whose data names the business number involved, so `phoneNumberId` can filter them. */
export const NUMBER_EVENTS: readonly TriggerType[] = ['call.missed', 'call.answered', 'voicemail.received', 'message.received'];
/** Events about one tag, so `tag` can filter them. */
export const TAG_EVENTS: readonly TriggerType[] = ['contact.tag_added', 'contact.tag_removed'];

/** Longest wait a workflow may hold a run for: 30 days. */
export const MAX_WAIT_SECONDS = 30 * 24 * 3600;

const templateBody = z
  .string()
  .trim()
  .min(1)
  .max(1200)
  .superRefine((v, ctx) => {
    for (const p of findTemplateProblems(v)) ctx.addIssue({ code: 'custom', message: p.message });
  });

/**
 * A condition on an action: the action runs only when every key given holds (several keys: all
 * of them). Evaluated when the step runs, so after a wait it sees the contact as it is then.
 */
export const conditionSchema = z
  .strictObject({
    /** The workspace's business hours (its time zone) at the moment the step runs. */
    businessHours: z.enum(['open', 'closed']).optional(),
    hasTag: tagSchema.optional(),
    lacksTag: tagSchema.optional(),
    /** true: the contact's first call is the one (or the only one) up to the triggering event. */
    firstTimeCaller: z.boolean().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'give at least one of businessHours, hasTag, lacksTag, firstTimeCaller',
  });

export type WorkflowCondition = z.infer<typeof conditionSchema>;

const withIf = { if: conditionSchema.optional() };

const webhookUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
  .max(2000)
  .refine((v) => {
    const u = new URL(v);
    return u.username === '' && u.password === '';
  }, 'must not carry a user name or password; authenticate with the X-Textback-Signature header');

/** Every action, discriminated by `type` (contract: "Actions"). */
export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('add_tag'), tag: tagSchema, ...withIf }),
  z.strictObject({ type: z.literal('remove_tag'), tag: tagSchema, ...withIf }),
  z.strictObject({ type: z.literal('send_sms'), body: templateBody, ...withIf }),
  z.strictObject({ type: z.literal('wait'), seconds: z.number().int().min(1).max(MAX_WAIT_SECONDS), ...withIf }),
  z.strictObject({ type: z.literal('set_stage'), stage: stageNameSchema, ...withIf }),
  // `to` left out: the workspace's staffNumbers at the time the step runs.
  z.strictObject({ type: z.literal('notify'), to: z.array(e164Schema).min(1).max(10).optional(), body: templateBody, ...withIf }),
  z.strictObject({ type: z.literal('webhook'), url: webhookUrlSchema, ...withIf }),
]);

export type WorkflowAction = z.infer<typeof actionSchema>;
export type ActionType = WorkflowAction['type'];

/** The trigger: an event type and the filters that type supports. */
export const triggerSchema = z
  .strictObject({
    type: z.enum(TRIGGER_TYPES),
    /** Only events on this business number (calls, voicemails, inbound texts). */
    phoneNumberId: z.string().min(1).max(64).optional(),
    /** Only this tag (tag_added / tag_removed). */
    tag: tagSchema.optional(),
    /** Only moves to this stage (stage_changed). */
    stage: stageNameSchema.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.phoneNumberId !== undefined && !NUMBER_EVENTS.includes(t.type)) {
      ctx.addIssue({ code: 'custom', path: ['phoneNumberId'], message: `${t.type} events have no phone number; filter on phoneNumberId only with ${NUMBER_EVENTS.join(', ')}` });
    }
    if (t.tag !== undefined && !TAG_EVENTS.includes(t.type)) {
      ctx.addIssue({ code: 'custom', path: ['tag'], message: `filter on tag only with ${TAG_EVENTS.join(', ')}` });
    }
    if (t.stage !== undefined && t.type !== 'contact.stage_changed') {
      ctx.addIssue({ code: 'custom', path: ['stage'], message: 'filter on stage only with contact.stage_changed' });
    }
  });

export type WorkflowTrigger = z.infer<typeof triggerSchema>;

const nameSchema = z.string().trim().min(1).max(120);
const actionsSchema = z.array(actionSchema).min(1, 'a workflow needs at least one action').max(25);

/** POST /api/v1/workflows. */
export const createWorkflowSchema = z.strictObject({
  name: nameSchema,
  enabled: z.boolean().default(true),
  trigger: triggerSchema,
  actions: actionsSchema,
});

/** PATCH /api/v1/workflows/:id: any subset; trigger and actions are replaced whole. */
export const updateWorkflowSchema = z.strictObject({
  name: nameSchema.optional(),
  enabled: z.boolean().optional(),
  trigger: triggerSchema.optional(),
  actions: actionsSchema.optional(),
});

export type CreateWorkflowInput = z.infer<typeof createWorkflowSchema>;
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowSchema>;
