/**
 * What a job kind's handler reads first, read by the worker's claim statement itself (PostgreSQL):
 * one round trip fewer per job. A worker that did not write the job (ROLE=worker beside ROLE=web,
 * or any job the writer could not hand to its own worker: jobs/job-handoff.ts) claims it, and its
 * handler's first statement was a read of the rows the job is about; for a missed call's text-back,
 * the call with its number, workspace, caller and carrier account (services/text-back-context.ts),
 * one statement in six of a missed call with separate web and worker processes. The claim's
 * statement now reads it for each claimed job of that kind, in the same snapshot a moment earlier
 * than the handler would have, and the handler gets the row as `prefetched` (ClaimedJob), as when a
 * write hands its job over with what it read.
 *
 * The read is a select correlated to the claimed job's row, which it names through `claimedJob()`
 * (the claim statement's CTE of the claimed rows). It is joined `left join lateral` behind a filter
 * on the kind, so jobs of other kinds cost it nothing, and a job it finds nothing for (its call
 * deleted since) gets a row of nulls, which the handler treats as nothing prefetched.
 *
 * It must not be able to fail for a row it cannot read (a stored payload that is not JSON, a key
 * of another shape): an error would fail every claim, and with it every job of every kind, while
 * that row is due. So it keys on columns as stored, never on a cast of the payload.
 *
 * SQLite keeps its claim as it is (no data-modifying CTEs, and a statement there costs a function
 * call, not a round trip): its handlers read for themselves.
 *
 * One kind per worker may read at its claim: its columns come back beside the job's, and a second
 * kind's would collide with them.
 */
import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { JobDefinition } from './job-definition.js';
import type { Executor } from './job-queue.js';
import type { JobsTable } from '../store/schema.js';

/** The SQL name of the claimed rows in the claim statement. */
export const CLAIMED_JOBS = 'claimed';

/** A column of the claimed job's row, for the read's correlation. */
export function claimedJob<C extends keyof JobsTable & string>(column: C): RawBuilder<JobsTable[C]> {
  return sql<JobsTable[C]>`${sql.ref(`${CLAIMED_JOBS}.${column}`)}`;
}

/**
 * The select, correlated to the claimed job through claimedJob(): at most one row. Its column names
 * must not be `job__*` (the claimed job's own columns come back under that prefix).
 */
export type ClaimRead = (db: Executor) => Compilable<unknown>;

export interface ReadAtClaim {
  /** The job kind whose claimed rows get the read (jobs.kind). */
  kind: string;
  read: ClaimRead;
}

/** The one kind among `definitions` that reads at its claim, if any; two would collide (see above). */
export function readAtClaimOf(definitions: readonly Pick<JobDefinition, 'name' | 'readAtClaim'>[]): ReadAtClaim | undefined {
  const reading = definitions.filter((d) => d.readAtClaim);
  if (reading.length > 1) throw new Error(`only one job kind may read at its claim, not ${reading.map((d) => d.name).join(' and ')}`);
  const [def] = reading;
  return def ? { kind: def.name, read: def.readAtClaim! } : undefined;
}
