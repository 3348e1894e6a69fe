/**
 * The pipeline (ordered stages per workspace) and workflows: their definitions, one run per
 * (workflow, event), and one row per step of a run holding that step's status and result, so a
 * run resumes after a crash from what the database says, never from memory.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pipelines')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('stages', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workflows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('trigger_type', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('signing_secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Dispatch looks up the workflows a workspace has for one event type.
  await db.schema.createIndex('workflows_workspace_trigger').on('workflows').columns(['workspace_id', 'trigger_type']).execute();
  await db.schema.createIndex('workflows_workspace_created').on('workflows').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('workflow_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('phone_number_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    // One run per workflow per event, ever: a redelivered dispatch job changes nothing.
    .addUniqueConstraint('workflow_runs_workflow_event', ['workflow_id', 'event_id'])
    .execute();
  await db.schema.createIndex('workflow_runs_workflow_created').on('workflow_runs').columns(['workflow_id', 'created_at']).execute();
  // The loop cap counts a contact's recent runs of one workflow.
  await db.schema
    .createIndex('workflow_runs_workflow_contact')
    .on('workflow_runs')
    .columns(['workflow_id', 'contact_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('workflow_run_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('workflow_runs.id').onDelete('cascade'))
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('wait_until', 'bigint')
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('workflow_run_steps_run_index', ['run_id', 'step_index'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['workflow_run_steps', 'workflow_runs', 'workflows', 'pipelines']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
