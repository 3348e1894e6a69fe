/**
 * The workspace's pipeline: the ordered stages a contact moves through ("New Lead", "Quoted",
 * "Won"). A contact's stage is one of them once a pipeline exists; a workspace without a pipeline
 * accepts any stage name, so stages work before anyone has drawn the board.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import type { Executor } from '../jobs/job-queue.js';

/** A stage name: the same limits as a contact's stage (services/contacts.ts), so any stage listed here fits there. */
export const stageNameSchema = z.string().trim().min(1).max(80);

/** PUT /api/v1/pipeline: 1–30 unique stage names, in board order. */
export const putPipelineSchema = z.strictObject({
  stages: z
    .array(stageNameSchema)
    .min(1, 'a pipeline needs at least one stage')
    .max(30, 'a pipeline has at most 30 stages')
    .superRefine((stages, ctx) => {
      // Case-insensitive: "New lead" beside "New Lead" is a typo, not a second column.
      const seen = new Set<string>();
      stages.forEach((s, i) => {
        const key = s.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `"${s}" appears twice; stage names must be unique` });
        seen.add(key);
      });
    }),
});

export interface Pipeline {
  stages: string[];
  /** Contacts per stage (stages nobody is in show 0). */
  contactCounts: Record<string, number>;
  updatedAt: string | null;
}

/** The stage names in order; [] when the workspace has no pipeline. */
export async function pipelineStages(db: Executor, workspaceId: string): Promise<string[]> {
  const row = await db.selectFrom('pipelines').select('stages').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row ? (JSON.parse(row.stages) as string[]) : [];
}

/**
 * Why `stage` cannot be set in this workspace, or null. Any name is fine while the pipeline is
 * empty; otherwise it must be one of the stages (exact spelling, so the board groups correctly).
 */
export async function stageProblem(db: Executor, workspaceId: string, stage: string): Promise<string | null> {
  const stages = await pipelineStages(db, workspaceId);
  if (stages.length === 0 || stages.includes(stage)) return null;
  return `"${stage}" is not a stage of the pipeline (${stages.map((s) => `"${s}"`).join(', ')})`;
}

/** Throws 400 naming `field` when `stage` is not in the workspace's (non-empty) pipeline. */
export async function assertStageInPipeline(db: Executor, workspaceId: string, stage: string, field = 'stage'): Promise<void> {
  const problem = await stageProblem(db, workspaceId, stage);
  if (problem) throw badRequest(problem, field);
}

export async function getPipeline(ctx: AppContext, workspaceId: string): Promise<Pipeline> {
  const row = await ctx.db.selectFrom('pipelines').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  const stages = row ? (JSON.parse(row.stages) as string[]) : [];
  const counts = await ctx.db
    .selectFrom('contacts')
    .select(['stage', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('stage', 'is not', null)
    .groupBy('stage')
    .execute();
  const contactCounts: Record<string, number> = Object.fromEntries(stages.map((s) => [s, 0]));
  for (const c of counts) if (c.stage !== null && c.stage in contactCounts) contactCounts[c.stage] = Number(c.n);
  return { stages, contactCounts, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}

/**
 * Replaces the stages. Contacts already in a stage that is no longer listed keep it (nothing is
 * rewritten behind anyone's back); they show up again if the stage comes back.
 */
export async function putPipeline(ctx: AppContext, workspaceId: string, input: z.infer<typeof putPipelineSchema>): Promise<Pipeline> {
  const now = ctx.clock.now();
  const stages = JSON.stringify(input.stages);
  await ctx.db
    .insertInto('pipelines')
    .values({ workspace_id: workspaceId, stages, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ stages, updated_at: now }))
    .execute();
  return getPipeline(ctx, workspaceId);
}
