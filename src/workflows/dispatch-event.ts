/**
 * The `event.dispatch` job: hands one domain event to the workflows it triggers. For each enabled
 * workflow of the workspace whose trigger matches, it creates one run (unique per workflow and
 * event, so a redelivered job creates nothing new) with a row per step, and the first step's job,
 * all in one transaction. The loop guard decides here: a run over the cap is recorded `stopped`.
 */
import type { AppContext } from '../context.js';
import { newId } from '../store/ids.js';
import type { EventsTable, WorkflowsTable } from '../store/schema.js';
import { loopCapReason } from './loop-guard.js';
import { enqueueStepJob } from './run-state.js';
import { triggerMatches } from './trigger-match.js';
import type { WorkflowAction, WorkflowTrigger } from './workflow-schema.js';
import type { DispatchEventPayload } from '../jobs/definitions/dispatch-event.js';
import type { TypedJob } from '../jobs/job-definition.js';

/** Job handler for dispatchEventJob (jobs/definitions/dispatch-event.ts). */
export async function dispatchEvent(ctx: AppContext, job: TypedJob<DispatchEventPayload>): Promise<void> {
  const { eventId } = job.payload;
  const event = await ctx.db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!event) return;
  const data = JSON.parse(event.data) as Record<string, unknown>;
  const workflows = await ctx.db
    .selectFrom('workflows')
    .selectAll()
    .where('workspace_id', '=', event.workspace_id)
    .where('trigger_type', '=', event.type)
    .where('enabled', '=', 1)
    // A workflow reacts to what happens from its creation on, not to a backlog that predates it.
    .where('created_at', '<=', event.created_at)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let started = 0;
  for (const wf of workflows) {
    if (!triggerMatches(JSON.parse(wf.trigger) as WorkflowTrigger, { type: event.type, data })) continue;
    if (await startRun(ctx, wf, event, data)) started++;
  }
  if (started > 0) ctx.wakeWorker();
}

/** Creates the run of `wf` for `event` unless it exists; true when this call created it. */
async function startRun(ctx: AppContext, wf: WorkflowsTable, event: EventsTable, data: Record<string, unknown>): Promise<boolean> {
  const now = ctx.clock.now();
  const actions = JSON.parse(wf.actions) as WorkflowAction[];
  const phoneNumberId = typeof data.phoneNumberId === 'string' ? data.phoneNumberId : null;
  const log = ctx.logger.child({ workspaceId: wf.workspace_id, workflowId: wf.id, eventId: event.id });
  return ctx.db.transaction().execute(async (trx) => {
    if (ctx.store.dialect === 'postgres') {
      // Serializes run creation per workflow across workers, so the loop cap counts exactly.
      await trx.selectFrom('workflows').select('id').where('id', '=', wf.id).forUpdate().execute();
    }
    const existing = await trx
      .selectFrom('workflow_runs')
      .select('id')
      .where('workflow_id', '=', wf.id)
      .where('event_id', '=', event.id)
      .executeTakeFirst();
    if (existing) return false;
    const stopReason = await loopCapReason(trx, { workflowId: wf.id, contactId: event.contact_id, now });
    const runId = newId('run', now);
    const inserted = await trx
      .insertInto('workflow_runs')
      .values({
        id: runId,
        workspace_id: wf.workspace_id,
        workflow_id: wf.id,
        event_id: event.id,
        event_type: event.type,
        contact_id: event.contact_id,
        phone_number_id: phoneNumberId,
        status: stopReason ? 'stopped' : 'running',
        reason: stopReason,
        // The run keeps its own copy: editing the workflow later never shifts a run's steps.
        actions: wf.actions,
        created_at: now,
        updated_at: now,
        finished_at: stopReason ? now : null,
      })
      .onConflict((oc) => oc.columns(['workflow_id', 'event_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await trx
      .insertInto('workflow_run_steps')
      .values(
        actions.map((a, i) => ({
          id: newId('step', now),
          workspace_id: wf.workspace_id,
          run_id: runId,
          step_index: i,
          action_type: a.type,
          status: stopReason ? ('canceled' as const) : ('pending' as const),
          result: null,
          error: null,
          attempts: 0,
          wait_until: null,
          started_at: null,
          finished_at: null,
          updated_at: now,
        })),
      )
      .execute();
    if (stopReason) {
      log.warn({ runId, contactId: event.contact_id }, 'workflow run stopped by the loop guard');
      return true;
    }
    await enqueueStepJob(trx, now, { id: runId, workspace_id: wf.workspace_id }, 0);
    log.info({ runId, eventType: event.type }, 'workflow run started');
    return true;
  });
}
