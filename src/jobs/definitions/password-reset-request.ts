/**
 * Job kind "password-reset.request": one "forgot my password" request, looked up and answered in
 * the background so the request itself does the same work whether or not the email has an account
 * (its timing tells nobody who has one). The email is sealed at rest like a queued email.
 */
import { z } from 'zod';
import { answerPasswordResetRequest } from '../../services/password-reset.js';
import { defineJob } from '../job-definition.js';

const schema = z.object({ sealedEmail: z.string().min(1) });
export type PasswordResetRequestPayload = z.output<typeof schema>;

export const passwordResetRequestJob = defineJob({
  name: 'password-reset.request',
  // Urgent: someone is at the sign-in page waiting for the email (which inherits it). The request
  // is rate-limited per address and client, so this cannot be used to crowd out other urgent work.
  urgent: true,
  schema,
  maxAttempts: 6,
  handler: (ctx, job): Promise<void> => answerPasswordResetRequest(ctx, job),
});
