/**
 * Warnings the API returns with a workflow it accepted: configurations that are legal but
 * probably not what the author meant. The main one: a workflow that texts the caller on a missed
 * call while the number's own missed-call text-back is on, which would text the caller twice for
 * one call.
 */
import type { Executor } from '../jobs/job-queue.js';
import { parsePhoneNumberSettings } from '../services/phone-number-settings.js';
import { obviouslyPrivateUrl } from './url-guard.js';
import type { WorkflowAction, WorkflowTrigger } from './workflow-schema.js';

/** Triggers that fire for a call the built-in text-back also answers (a voicemail is a missed call). */
const TEXT_BACK_TRIGGERS: ReadonlyArray<WorkflowTrigger['type']> = ['call.missed', 'voicemail.received'];

/** Human-readable warnings for a workflow definition; [] when nothing looks off. */
export async function workflowWarnings(
  db: Executor,
  opts: { workspaceId: string; trigger: WorkflowTrigger; actions: WorkflowAction[]; allowPrivateWebhookUrls: boolean },
): Promise<string[]> {
  const warnings: string[] = [];
  if (TEXT_BACK_TRIGGERS.includes(opts.trigger.type) && opts.actions.some((a) => a.type === 'send_sms')) {
    let q = db.selectFrom('phone_numbers').select(['id', 'number', 'name', 'settings']).where('workspace_id', '=', opts.workspaceId);
    if (opts.trigger.phoneNumberId !== undefined) q = q.where('id', '=', opts.trigger.phoneNumberId);
    const numbers = await q.orderBy('created_at').execute();
    const doubled = numbers.filter((n) => parsePhoneNumberSettings(n.settings).missedCallTextBack.enabled);
    if (doubled.length > 0) {
      const names = doubled.map((n) => `${n.number} (${n.name})`).join(', ');
      warnings.push(
        `This workflow sends a text on ${opts.trigger.type} and missed-call text-back is also on for ${names}: ` +
          'the caller would get two texts for one missed call. Turn missed-call text-back off on ' +
          (doubled.length === 1 ? 'that number' : 'those numbers') +
          ', filter this workflow to a number without it, or remove the send_sms action.',
      );
    }
  }
  if (!opts.allowPrivateWebhookUrls) {
    opts.actions.forEach((a, i) => {
      if (a.type !== 'webhook') return;
      const kind = obviouslyPrivateUrl(a.url);
      if (kind) {
        warnings.push(
          `actions.${i}.url points at ${kind}: deliveries will be refused unless the server runs with ALLOW_PRIVATE_WEBHOOK_URLS=true.`,
        );
      }
    });
  }
  return warnings;
}
