/**
 * Job kind "email.send": one email (sealed at rest with SecretBox), handed to the SMTP server.
 */
import { z } from 'zod';
import { sendQueuedEmail } from '../../services/mailer.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ sealed: z.string().min(1) });
export type SendEmailPayload = z.output<typeof schema>;

export const sendEmailJob = defineJob({
  name: 'email.send',
  schema,
  maxAttempts: 6,
  handler: (ctx, job): Promise<void> => sendQueuedEmail(ctx, job),
});
