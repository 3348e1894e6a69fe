/** Workflows, their runs and steps, and the pipeline stages they move contacts through (migration 003). */

import type { Flag } from './flag.js';
import type { EventType } from './events.js';

/** A workspace's ordered pipeline stages. */
export interface PipelinesTable {
  workspace_id: string;
  /** JSON: string[], in board order. */
  stages: string;
  updated_at: number;
}

export interface WorkflowsTable {
  id: string;
  workspace_id: string;
  name: string;
  enabled: Flag;
  /** The trigger's event type, also inside `trigger`: a column so dispatch can filter by it. */
  trigger_type: EventType;
  /** JSON: WorkflowTrigger. */
  trigger: string;
  /** JSON: WorkflowAction[]. */
  actions: string;
  /** SecretBox ciphertext of the webhook signing secret (shown once, at create). */
  signing_secret_ciphertext: string;
  created_at: number;
  updated_at: number;
}

export type WorkflowRunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'stopped';

/** One run of one workflow for one event (unique on the pair). */
export interface WorkflowRunsTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  event_id: string;
  event_type: EventType;
  contact_id: string | null;
  phone_number_id: string | null;
  status: WorkflowRunStatus;
  /** Why it stopped or failed, in words a person reads. */
  reason: string | null;
  /** JSON: the actions as they were when the run started (editing a workflow never shifts a run). */
  actions: string;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export type WorkflowStepStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'skipped' | 'failed' | 'canceled';

/** One action of a run: its status, result (JSON) and last error. */
export interface WorkflowRunStepsTable {
  id: string;
  workspace_id: string;
  run_id: string;
  step_index: number;
  action_type: string;
  status: WorkflowStepStatus;
  /** JSON: what the step did (message id, status code, skip reason…). */
  result: string | null;
  error: string | null;
  attempts: number;
  /** A wait step's end (epoch ms), fixed on its first run so a retry never restarts the wait. */
  wait_until: number | null;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface WorkflowTables {
  pipelines: PipelinesTable;
  workflows: WorkflowsTable;
  workflow_runs: WorkflowRunsTable;
  workflow_run_steps: WorkflowRunStepsTable;
}
