/**
 * add_tag and remove_tag: through contact-mutations, so the tag_added / tag_removed events they
 * cause start other workflows exactly as a person's change would (loop-guard.ts caps the chains).
 */
import type { Executor } from '../../jobs/job-queue.js';
import { addTag, removeTag } from '../../services/contact-mutations.js';
import type { WorkflowAction } from '../workflow-schema.js';
import type { StepContext, StepOutcome } from './step-context.js';

type TagAction = Extract<WorkflowAction, { type: 'add_tag' | 'remove_tag' }>;

export const NO_CONTACT = 'The event has no contact (the caller withheld their number)';

export async function runTagAction(trx: Executor, s: StepContext<TagAction>): Promise<StepOutcome> {
  if (!s.run.contact_id) return { status: 'skipped', reason: NO_CONTACT };
  const m = { workspaceId: s.run.workspace_id, contactId: s.run.contact_id, now: s.now, source: s.source };
  const { tag } = s.action;
  if (s.action.type === 'add_tag') {
    const changed = await addTag(trx, m, tag);
    return { status: 'completed', result: { tag, changed, ...(changed ? {} : { note: 'The contact already had the tag' }) } };
  }
  const changed = await removeTag(trx, m, tag);
  return { status: 'completed', result: { tag, changed, ...(changed ? {} : { note: 'The contact did not have the tag' }) } };
}
