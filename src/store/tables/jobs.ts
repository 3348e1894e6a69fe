/** The job queue and the heartbeats of the workers that run it (migration 012). */

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: string;
  workspace_id: string | null;
  kind: string;
  /** At most one job ever per key: the insert that loses the race does nothing. */
  unique_key: string | null;
  /** JSON. */
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  /** 1 when someone is waiting on the job right now: claimed before every job with 0 (migration 019). */
  urgent: number;
  /** Set by advanceJob while the job runs: if its handler defers, it runs again no later than this. */
  nudged_run_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One row per live worker process, rewritten every few seconds (read by /readyz). */
export interface WorkerHeartbeatsTable {
  worker_id: string;
  host: string;
  pid: number;
  started_at: number;
  beat_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface JobTables {
  jobs: JobsTable;
  worker_heartbeats: WorkerHeartbeatsTable;
}
