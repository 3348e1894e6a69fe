/**
 * The loop cap: a workflow may run at most LOOP_CAP.maxRuns times for one contact within
 * LOOP_CAP.windowMs. Workflows react to changes that workflows make (tag_added → remove_tag →
 * tag_removed → add_tag …), so without a cap two innocent-looking workflows can chase each other
 * forever. A run over the cap is still recorded, as `stopped` with the reason, so the loop is
 * visible in the runs list instead of silently cut off.
 */
import type { Executor } from '../jobs/job-queue.js';

/** 5 runs per workflow per contact in any 10 minutes. */
export const LOOP_CAP = { maxRuns: 5, windowMs: 10 * 60_000 } as const;

/**
 * Why a new run of `workflowId` for `contactId` must stop, or null. Runs already stopped by the cap
 * do not count (they did nothing), so a loop that has been cut off lets the contact through again
 * once its real runs age out of the window. Events without a contact are not capped: no action
 * can make a call or an inbound text, so they cannot loop.
 */
export async function loopCapReason(
  db: Executor,
  opts: { workflowId: string; contactId: string | null; now: number },
): Promise<string | null> {
  if (!opts.contactId) return null;
  const row = await db
    .selectFrom('workflow_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workflow_id', '=', opts.workflowId)
    .where('contact_id', '=', opts.contactId)
    .where('status', '!=', 'stopped')
    .where('created_at', '>', opts.now - LOOP_CAP.windowMs)
    .executeTakeFirstOrThrow();
  if (Number(row.n) < LOOP_CAP.maxRuns) return null;
  return (
    `Stopped by the loop guard: this workflow already ran ${LOOP_CAP.maxRuns} times for this contact ` +
    `in the last ${LOOP_CAP.windowMs / 60_000} minutes. Workflows that trigger each other ` +
    '(for example tag_added → remove_tag and tag_removed → add_tag) would otherwise run forever.'
  );
}
