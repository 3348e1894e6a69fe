/**
 * A call's decision as one statement on PostgreSQL (data-modifying CTEs), in place of the
 * transaction BEGIN, deciding UPDATE, cooldown claim, text-back job, COMMIT: one round trip instead
 * of five. The statement is atomic like the transaction it replaces, and keeps its guards:
 *
 * - `undecided` locks the call (FOR UPDATE) only while no one decided it. Two deliveries racing
 *   queue on that lock; the second re-checks the row once the first committed and finds it decided.
 *   Everything else this statement writes for the decision hangs off that lock, so only the
 *   delivery that decides writes anything for it.
 * - the cooldown claim comes before the deciding UPDATE (the UPDATE writes `pending` only when the
 *   claim was granted): a claim refused by a recent text decides nothing and writes nothing; the
 *   caller reads the slot anew, re-plans with that text's time (the reason names it) and runs the statement again, this
 *   time deciding "skipped" with no claim. Both attempts are single atomic statements.
 * - the text-back job is inserted only when the deciding UPDATE returned the row
 *   (`exists (select 1 from decided)`), with its unique key, so a retried webhook never queues twice.
 * - a delivery that finds the call already decided stores its dial result on its own and reads the
 *   stored outcome back (`stored`), as the transaction's losing branch did.
 * - when the text-back job is leased to this process's worker (jobs/job-handoff.ts), the statement
 *   also reads what that job reads first (services/text-back-context.ts), from the deciding UPDATE's
 *   RETURNING row: the job runs with it, one round trip fewer. A statement that decides nothing
 *   returns no context (the join finds no `decided` row). The row is handed over as it came; the
 *   job parses it, so the webhook waiting on this statement does not.
 *
 * SQLite keeps the transaction (services/handle-call.ts): it has no data-modifying CTEs, and a
 * statement there is a function call, not a round trip.
 */
import { sql, type SqlBool } from 'kysely';
import type { JobDefinition } from '../jobs/job-definition.js';
import { insertJobWhere, type JobInsertValues } from '../jobs/job-insert-statement.js';
import type { Executor } from '../jobs/job-queue.js';
import { preparedQuery, type PreparedQuery } from '../store/prepared-query.js';
import type { CallsTable } from '../store/schema.js';
import { DECIDED_CALL_CTE, textBackContextSelect } from './text-back-context.js';

export interface CooldownWrite {
  phoneNumberId: string;
  caller: string;
  at: number;
  /** Claim only if the last text is at or before this time; null: record the text unconditionally. */
  freeBefore: number | null;
}

export type DecisionResult =
  | {
      state: 'decided';
      enqueued: boolean;
      /** The leased text-back job's context as this statement read it (a row of textBackContextSelect), when it inserted that job. */
      textBackContextRow?: Record<string, unknown>;
    }
  /** Someone else decided first: this delivery's dial result is stored; the outcome as stored. */
  | { state: 'lost'; storedOutcome: CallsTable['outcome'] | null }
  /**
   * The cooldown claim was refused: nothing was written. The slot's time is not returned: this
   * statement's snapshot can predate the text that refused it (ON CONFLICT judges the newest row,
   * a read here sees the snapshot's), so the caller reads it in a statement of its own.
   */
  | { state: 'cooldown' };

/** The statement's values, flat (a prepared query binds them by name): `d_<column>` the decision, `l_<column>` the loser's. */
type Params = Record<string, unknown> & { callId: string; phoneNumberId: string; caller: string; at: number; freeBefore: number | null } & Partial<JobInsertValues>;

type Row = { decided: boolean; undecided: boolean; stored_outcome: CallsTable['outcome'] | null; enqueued: boolean } & Record<string, unknown>;

/**
 * Compiled once per shape (the columns decided, whether a cooldown is claimed or recorded, whether
 * a job is queued): building and compiling this statement on every call cost more than the round
 * trips it saves.
 */
const statements = new Map<string, PreparedQuery<Params, Row>>();

function statementFor(
  decisionColumns: string[],
  lostColumns: string[],
  cooldown: 'claim' | 'record' | null,
  job: Pick<JobDefinition, 'name' | 'maxAttempts' | 'urgent'> | null,
  readTextBackContext: boolean,
) {
  const key = [decisionColumns.join(','), lostColumns.join(','), cooldown, job?.name, readTextBackContext].join('|');
  let statement = statements.get(key);
  if (statement) return statement;
  statement = preparedQuery((db, p: Params) => {
    const assignments = (prefix: string, columns: string[]) => sql.join(columns.map((c) => sql`${sql.ref(c)} = ${p[`${prefix}${c}`]}`));
    const claimCte = cooldown
      ? sql`, claim as (
          insert into textback_cooldowns (phone_number_id, caller, last_texted_at, call_id)
          select cast(${p.phoneNumberId} as text), cast(${p.caller} as text), cast(${p.at} as bigint), cast(${p.callId} as text)
          where exists (select 1 from undecided)
          on conflict (phone_number_id, caller) do update set last_texted_at = excluded.last_texted_at, call_id = excluded.call_id
          ${cooldown === 'claim' ? sql`where textback_cooldowns.last_texted_at <= ${p.freeBefore}` : sql``}
          returning 1
        )`
      : sql``;
    const jobCte = job ? sql`, job as (${insertJobWhere(job, p as JobInsertValues, sql<SqlBool>`exists (select 1 from decided)`)})` : sql``;
    // Every column of the decided call, for the context's select to start from.
    const context = readTextBackContext ? textBackContextSelect(db, DECIDED_CALL_CTE) : null;
    const query = sql<Row>`
      with undecided as materialized (
        select id from calls where id = ${p.callId} and outcome_decided_at is null for update
      )${claimCte},
      ${sql.id(DECIDED_CALL_CTE)} as (
        update calls set ${assignments('d_', decisionColumns)}
        where id in (select id from undecided) and outcome_decided_at is null
          ${cooldown ? sql`and exists (select 1 from claim)` : sql``}
        returning ${context ? sql`*` : sql`id`}
      )${jobCte},
      stored as (
        update calls set ${assignments('l_', lostColumns)}
        where id = ${p.callId} and not exists (select 1 from undecided)
        returning outcome
      )
      select exists (select 1 from decided) as decided,
             exists (select 1 from undecided) as undecided,
             (select outcome from stored) as stored_outcome,
             ${job ? sql`exists (select 1 from job)` : sql`false`} as enqueued
             ${context ? sql`, context.* from (select 1) as one left join (${context}) as context on true` : sql``}`;
    return { compile: () => query.compile(db) };
  });
  statements.set(key, statement);
  return statement;
}

export async function decideCallInOneStatement(
  db: Executor,
  p: {
    callId: string;
    /** The columns the deciding UPDATE writes (outcome, text-back status, the dial result, …). */
    decision: Partial<CallsTable>;
    /** The dial result to store when another delivery decided first. */
    ifLost: Partial<CallsTable>;
    cooldown: CooldownWrite | null;
    /**
     * The text-back job, when the decision queues one (jobs/job-insert-statement.ts); leased
     * (`values.lockedBy`), it goes to this process's worker and the statement reads its context.
     */
    job: { def: Pick<JobDefinition, 'name' | 'maxAttempts' | 'urgent'>; values: JobInsertValues } | null;
  },
): Promise<DecisionResult> {
  const decisionColumns = Object.keys(p.decision).filter((c) => p.decision[c as keyof CallsTable] !== undefined);
  const lostColumns = Object.keys(p.ifLost).filter((c) => p.ifLost[c as keyof CallsTable] !== undefined);
  const params: Params = {
    callId: p.callId,
    phoneNumberId: p.cooldown?.phoneNumberId ?? '',
    caller: p.cooldown?.caller ?? '',
    at: p.cooldown?.at ?? 0,
    freeBefore: p.cooldown?.freeBefore ?? null,
    ...p.job?.values,
  };
  for (const c of decisionColumns) params[`d_${c}`] = p.decision[c as keyof CallsTable];
  for (const c of lostColumns) params[`l_${c}`] = p.ifLost[c as keyof CallsTable];
  const cooldown = p.cooldown ? (p.cooldown.freeBefore === null ? 'record' : 'claim') : null;
  const readContext = p.job !== null && p.job.values.lockedBy !== null;
  const row = (await statementFor(decisionColumns, lostColumns, cooldown, p.job?.def ?? null, readContext)(db, params)).rows[0]!;
  if (row.decided) return { state: 'decided', enqueued: row.enqueued, ...(readContext && row.enqueued ? { textBackContextRow: row } : {}) };
  if (row.undecided) return { state: 'cooldown' };
  return { state: 'lost', storedOutcome: row.stored_outcome };
}
