/**
 * Job kind "event.dispatch": starts the workflow runs a domain event triggers.
 */
import { z } from 'zod';
import { dispatchEvent } from '../../workflows/dispatch-event.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ eventId: z.string().min(1) });
export type DispatchEventPayload = z.output<typeof schema>;

export const dispatchEventJob = defineJob({
  name: 'event.dispatch',
  schema,
  handler: (ctx, job): Promise<void> => dispatchEvent(ctx, job),
});
