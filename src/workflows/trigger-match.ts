/**
 * Whether an event starts a workflow: its type, then each filter the trigger gives. Pure.
 */
import type { EventType } from '../store/schema.js';
import type { WorkflowTrigger } from './workflow-schema.js';

/** The parts of a stored event a trigger looks at. */
export interface TriggerEvent {
  type: EventType;
  data: Record<string, unknown>;
}

/**
 * True when `event` matches `trigger`. Filters: `phoneNumberId` (the event's business number),
 * `tag` (the tag added or removed), `stage` (the stage the contact moved *to*). An event without
 * the field a filter needs does not match: a filter narrows, it never widens. Names compare
 * exactly, as tags and stages are stored.
 */
export function triggerMatches(trigger: WorkflowTrigger, event: TriggerEvent): boolean {
  if (trigger.type !== event.type) return false;
  if (trigger.phoneNumberId !== undefined && event.data.phoneNumberId !== trigger.phoneNumberId) return false;
  if (trigger.tag !== undefined && event.data.tag !== trigger.tag) return false;
  if (trigger.stage !== undefined && event.data.to !== trigger.stage) return false;
  return true;
}
