/**
 * Email through the operator's SMTP server (SMTP_URL), sent by a job so a slow or failing mail
 * server never holds a request or a webhook, and a failure is retried with backoff. The message is
 * sealed in the job row: a reset link is a credential and must not sit readable in the database.
 */
import nodemailer from 'nodemailer';
import type { AppContext } from '../context.js';
import type { Executor } from '../jobs/job-queue.js';
import { sendEmailJob, type SendEmailPayload } from '../jobs/definitions/send-email.js';
import { enqueue, type TypedJob } from '../jobs/job-definition.js';
import { waitOffSlot } from '../jobs/follow-up-scope.js';

export const EMAIL_SEAL_CONTEXT = 'email';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

/**
 * How long an SMTP server may take before the email job gives up and retries later: nodemailer's
 * own defaults are 2 minutes to connect and 10 minutes of silence, and a job waits that long (off
 * its slot, but a process being stopped for a deploy waits for it, up to its 30-s limit, and then
 * exits with the job unfinished until its lease runs out). A submission server answers in
 * well under a second; these leave room for a slow one. Parameters in SMTP_URL's query
 * (`?socketTimeout=60000`) win over these.
 */
export const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** A transport to the operator's SMTP server, with SMTP_TIMEOUTS_MS where SMTP_URL sets none. */
export function smtpTransport(url: string) {
  return nodemailer.createTransport({ url, ...SMTP_TIMEOUTS_MS });
}

export function emailConfigured(ctx: Pick<AppContext, 'config'>): boolean {
  return ctx.config.smtpUrl !== null;
}

/** Queues an email inside the caller's transaction; does nothing when SMTP is not configured. */
export async function queueEmail(
  ctx: Pick<AppContext, 'config' | 'secrets'>,
  db: Executor,
  opts: Email & { workspaceId: string | null; uniqueKey: string; now: number },
): Promise<boolean> {
  if (!ctx.config.smtpUrl) return false;
  const sealed = ctx.secrets.seal(JSON.stringify({ to: opts.to, subject: opts.subject, text: opts.text }), EMAIL_SEAL_CONTEXT);
  const { created } = await enqueue(db, opts.now, sendEmailJob, { sealed }, { workspaceId: opts.workspaceId, uniqueKey: opts.uniqueKey });
  return created;
}

/** The job: one email, handed to the SMTP server. */
export async function sendQueuedEmail(ctx: AppContext, job: TypedJob<SendEmailPayload>): Promise<void> {
  if (!ctx.config.smtpUrl) return; // SMTP was switched off since: nothing to send through.
  const email = JSON.parse(ctx.secrets.open(job.payload.sealed, EMAIL_SEAL_CONTEXT)) as Email;
  const transport = smtpTransport(ctx.config.smtpUrl);
  try {
    // A mail server may take seconds (greeting delays, a slow relay): the job gives its worker
    // slot back meanwhile, so emails waiting on it never hold the slots a text-back needs.
    await waitOffSlot(ctx.db, () => transport.sendMail({ from: ctx.config.smtpFrom, to: email.to, subject: email.subject, text: email.text }));
    ctx.logger.info({ jobId: job.id, workspaceId: job.workspaceId }, 'email sent');
  } finally {
    transport.close();
  }
}
