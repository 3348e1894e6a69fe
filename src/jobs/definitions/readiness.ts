/**
 * Job kind "number.readiness": a number's daily texting-readiness check (reschedules itself).
 */
import { z } from 'zod';
import { runReadinessJob } from '../../services/texting-readiness.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ phoneNumberId: z.string().min(1) });
export type ReadinessPayload = z.output<typeof schema>;

export const readinessJob = defineJob({
  name: 'number.readiness',
  schema,
  handler: (ctx, job): Promise<void> => runReadinessJob(ctx, job),
});
