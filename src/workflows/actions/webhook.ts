/**
 * webhook: POSTs the triggering event as JSON, signed with the workflow's secret, to the action's
 * URL. Delivery is at-least-once (a timeout may hide a success), so the body's `id` is the event's
 * id, the same on every retry: receivers deduplicate on it. A URL the SSRF guard refuses fails the
 * step at once; a non-2xx answer or a network error is retried with backoff.
 */
import { waitOffSlot } from '../../jobs/follow-up-scope.js';
import { presentContact, tagsOf } from '../../services/contacts.js';
import { WebhookUrlRefusedError } from '../url-guard.js';
import { postSignedWebhook } from '../webhook-delivery.js';
import type { WorkflowAction } from '../workflow-schema.js';
import { openSigningSecret } from '../workflow-store.js';
import { RetryableStepError, type StepContext, type StepOutcome } from './step-context.js';

/** The JSON a webhook receives. */
export interface WebhookPayload {
  id: string;
  type: string;
  workspaceId: string;
  occurredAt: string;
  contact: ReturnType<typeof presentContact> | null;
  /**
   * The event comes from the phone simulator's practice phone (a practice call on a real number):
   * a receiver (a CRM, a sheet) should not count it as a lead.
   */
  practice: boolean;
  data: Record<string, unknown>;
  workflow: { id: string; name: string };
  run: { id: string; step: number };
}

export async function buildWebhookPayload(s: StepContext): Promise<WebhookPayload> {
  const { db } = s.ctx;
  const contactRow = s.run.contact_id
    ? await db.selectFrom('contacts').selectAll().where('workspace_id', '=', s.run.workspace_id).where('id', '=', s.run.contact_id).executeTakeFirst()
    : undefined;
  const contact = contactRow ? presentContact(contactRow, (await tagsOf(db, [contactRow.id])).get(contactRow.id) ?? []) : null;
  return {
    id: s.event.id,
    type: s.event.type,
    workspaceId: s.event.workspace_id,
    occurredAt: new Date(s.event.created_at).toISOString(),
    contact,
    practice: contactRow?.practice === 1,
    data: s.event.data,
    workflow: { id: s.workflow.id, name: s.workflow.name },
    run: { id: s.run.id, step: s.step.step_index },
  };
}

export async function runWebhook(s: StepContext<Extract<WorkflowAction, { type: 'webhook' }>>): Promise<StepOutcome> {
  const body = JSON.stringify(await buildWebhookPayload(s));
  const url = s.action.url;
  let res;
  try {
    const secret = openSigningSecret(s.ctx, s.workflow);
    // The receiver may take up to its 10-s deadline: the step's worker slot is free meanwhile
    // (jobs/job-worker.ts), so a slow CRM does not hold the slots a missed call's text-back needs.
    res = await waitOffSlot(s.ctx.db, () =>
      postSignedWebhook({
        url,
        body,
        secret,
        timestamp: Math.floor(s.now / 1000),
        allowPrivate: s.ctx.config.allowPrivateWebhookUrls,
        headers: { 'X-Textback-Event': s.event.type, 'X-Textback-Delivery': s.step.id },
      }),
    );
  } catch (err) {
    if (err instanceof WebhookUrlRefusedError) return { status: 'failed', error: err.message, result: { url } };
    const message = err instanceof Error ? err.message : String(err);
    throw new RetryableStepError(`Webhook delivery to ${url} failed: ${message}`, { url });
  }
  const result = { url, statusCode: res.statusCode, durationMs: res.durationMs };
  if (res.statusCode >= 200 && res.statusCode < 300) return { status: 'completed', result };
  throw new RetryableStepError(
    `The receiver answered HTTP ${res.statusCode}${res.bodySnippet ? `: ${res.bodySnippet.slice(0, 200)}` : ''}`,
    { ...result, responseBody: res.bodySnippet.slice(0, 200) },
  );
}
