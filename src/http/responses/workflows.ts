/** Workflows and their runs (routes: http/api/workflows.ts). */
import { z } from 'zod';
import { TRIGGER_TYPES } from '../../workflows/workflow-schema.js';
import type { WorkflowRun } from '../../workflows/workflow-runs.js';
import type { Workflow, WorkflowDetail } from '../../workflows/workflow-store.js';
import { isoTime, named, pageOf, sameShape } from './registry.js';

export const triggerTypeResponse = named('TriggerType', z.enum(TRIGGER_TYPES));

export const workflowConditionResponse = named(
  'WorkflowCondition',
  z.object({
    businessHours: z.enum(['open', 'closed']).optional(),
    hasTag: z.string().optional(),
    lacksTag: z.string().optional(),
    firstTimeCaller: z.boolean().optional(),
  }),
  'The action runs only when every key given holds',
);

const withIf = { if: workflowConditionResponse.optional() };

export const workflowActionResponse = named(
  'WorkflowAction',
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('add_tag'), tag: z.string(), ...withIf }),
    z.object({ type: z.literal('remove_tag'), tag: z.string(), ...withIf }),
    z.object({ type: z.literal('send_sms'), body: z.string(), ...withIf }),
    z.object({ type: z.literal('wait'), seconds: z.number().int(), ...withIf }),
    z.object({ type: z.literal('set_stage'), stage: z.string(), ...withIf }),
    z.object({ type: z.literal('notify'), to: z.array(z.string()).optional(), body: z.string(), ...withIf }),
    z.object({ type: z.literal('webhook'), url: z.string(), ...withIf }),
  ]),
);

export const workflowTriggerResponse = named(
  'WorkflowTrigger',
  z.object({ type: triggerTypeResponse, phoneNumberId: z.string().optional(), tag: z.string().optional(), stage: z.string().optional() }),
);

export const workflowResponse = named(
  'Workflow',
  z.object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    trigger: workflowTriggerResponse,
    actions: z.array(workflowActionResponse),
    createdAt: isoTime,
    updatedAt: isoTime,
  }),
);
sameShape<z.output<typeof workflowResponse>, Workflow>();

export const workflowPageResponse = pageOf('WorkflowPage', workflowResponse);

export const workflowDetailResponse = named(
  'WorkflowDetail',
  workflowResponse.extend({ warnings: z.array(z.string()) }),
  'A workflow with what may stop it from doing what it says (a removed number, a stage not in the pipeline)',
);
sameShape<z.output<typeof workflowDetailResponse>, WorkflowDetail>();

export const createdWorkflowResponse = named(
  'CreatedWorkflow',
  workflowDetailResponse.extend({ signingSecret: z.string() }),
  'The workflow, with its webhook signing secret (shown once)',
);

export const signingSecretResponse = named('SigningSecret', z.object({ signingSecret: z.string() }), 'The new signing secret (shown once)');

export const workflowRunStepResponse = named(
  'WorkflowRunStep',
  z.object({
    index: z.number().int(),
    type: z.string(),
    status: z.enum(['pending', 'running', 'waiting', 'completed', 'skipped', 'failed', 'canceled']),
    result: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    waitUntil: isoTime.nullable(),
    startedAt: isoTime.nullable(),
    finishedAt: isoTime.nullable(),
  }),
);

export const workflowRunResponse = named(
  'WorkflowRun',
  z.object({
    id: z.string(),
    workflowId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    contactId: z.string().nullable(),
    phoneNumberId: z.string().nullable(),
    status: z.enum(['running', 'waiting', 'completed', 'failed', 'stopped']),
    reason: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    finishedAt: isoTime.nullable(),
    steps: z.array(workflowRunStepResponse),
  }),
);
sameShape<z.output<typeof workflowRunResponse>, WorkflowRun>();

export const workflowRunPageResponse = pageOf('WorkflowRunPage', workflowRunResponse);
