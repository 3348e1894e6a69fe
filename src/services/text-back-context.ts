/**
 * What the text-back job reads before it decides and renders its text: the call with its number,
 * workspace and caller, whether the workspace ever texted that contact (the opt-out footer goes on
 * the first text only), the conversation the text will join if there is one yet, and the
 * workspace's carrier account for the number (sealed), which the send needs.
 *
 * One select, made in one of three statements:
 * - the job's own read (`readTextBackContext`), from the `calls` table;
 * - the call's decision statement on PostgreSQL (services/call-decision-statement.ts), from its
 *   `decided` CTE: when that statement hands its text-back to this process's worker
 *   (jobs/job-handoff.ts), it reads the context in the same round trip, from the call row as it
 *   decided it;
 * - the worker's claim statement on PostgreSQL (jobs/read-at-claim.ts), from the `calls` table,
 *   for each text-back job it claims (`textBackContextAtClaim`): a job no write handed over (a
 *   ROLE=worker process beside ROLE=web, a worker with no slot free at the decision).
 * In the last two the job runs with that row (parsed by textBackContextFrom) instead of reading it
 * again: one statement fewer per missed call.
 *
 * Each way it is a snapshot taken before the queueing write, and what it brings is re-checked where
 * it matters: the call must still be `pending` when the text is queued (in the queueing write,
 * services/queue-text-back.ts), and the opt-out is checked again by the statement that marks the
 * text `sending` (that same write). The decision statement's snapshot is a few milliseconds older
 * than the job's own read would be, the same order as the time between that read and the write;
 * the claim's is taken at the claim, where the job's own read would follow it by a moment.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../jobs/job-queue.js';
import { claimedJob } from '../jobs/read-at-claim.js';
import { callIdInTextBackJobKey } from './text-back-job-key.js';
import { preparedQuery } from '../store/prepared-query.js';
import { CALL_COLUMNS, CONTACT_COLUMNS, PHONE_NUMBER_COLUMNS, prefixedColumns, rowFrom, WORKSPACE_COLUMNS } from '../store/row-columns.js';
import type { CallsTable, CarrierAccountsTable, ContactsTable, Database, PhoneNumbersTable, WorkspacesTable } from '../store/schema.js';
import { sqlBool } from '../store/sql-bool.js';

export interface TextBackContext {
  call: CallsTable;
  /** Undefined: the number was removed. */
  number: PhoneNumbersTable | undefined;
  workspace: WorkspacesTable;
  /** Undefined: the caller is no contact (withheld number). */
  contact: ContactsTable | undefined;
  everTexted: boolean;
  conversationId: string | null;
  carrierAccount: Pick<CarrierAccountsTable, 'account_id' | 'secret_ciphertext' | 'extra_ciphertext'> | undefined;
}

/** The decision statement's CTE of the deciding UPDATE's RETURNING (every column of the call). */
export const DECIDED_CALL_CTE = 'decided';

type WithDecided = Database & { [DECIDED_CALL_CTE]: CallsTable };

/** The context's select, from the calls table or from the decision statement's `decided` CTE. */
export function textBackContextSelect(db: Executor, source: 'calls' | typeof DECIDED_CALL_CTE) {
  return (db as unknown as Kysely<WithDecided>)
    .selectFrom(`${source} as c`)
    .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
    .leftJoin('phone_numbers as pn', (j) => j.onRef('pn.id', '=', 'c.phone_number_id').onRef('pn.workspace_id', '=', 'c.workspace_id'))
    .leftJoin('contacts as ct', (j) => j.onRef('ct.id', '=', 'c.contact_id').onRef('ct.workspace_id', '=', 'c.workspace_id'))
    .leftJoin('carrier_accounts as ca', (j) => j.onRef('ca.workspace_id', '=', 'c.workspace_id').onRef('ca.carrier', '=', 'pn.carrier'))
    .select(prefixedColumns('c', 'c', CALL_COLUMNS))
    .select(prefixedColumns('pn', 'pn', PHONE_NUMBER_COLUMNS))
    .select(prefixedColumns('w', 'w', WORKSPACE_COLUMNS))
    .select(prefixedColumns('ct', 'ct', CONTACT_COLUMNS))
    .select(['ca.account_id as ca_account_id', 'ca.secret_ciphertext as ca_secret_ciphertext', 'ca.extra_ciphertext as ca_extra_ciphertext'])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('messages as m')
            .select('m.id')
            .whereRef('m.workspace_id', '=', 'c.workspace_id')
            .whereRef('m.contact_id', '=', 'c.contact_id')
            .where('m.direction', '=', 'outbound')
            .where('m.status', 'not in', ['refused', 'failed']),
        )
        .as('ever_texted'),
      eb
        .selectFrom('conversations as cv')
        .select('cv.id')
        .whereRef('cv.workspace_id', '=', 'c.workspace_id')
        .whereRef('cv.contact_id', '=', 'c.contact_id')
        .whereRef('cv.phone_number_id', '=', 'c.phone_number_id')
        .as('conversation_id'),
    ]);
}

/**
 * The context for the worker's claim statement to read beside each text-back job it claims
 * (PostgreSQL, jobs/read-at-claim.ts): the call is the one the job's key names.
 */
export function textBackContextAtClaim(db: Executor) {
  return textBackContextSelect(db, 'calls').where('c.id', '=', callIdInTextBackJobKey(claimedJob('unique_key')));
}

const textBackContextQuery = preparedQuery((db, p: { callId: string }) => textBackContextSelect(db, 'calls').where('c.id', '=', p.callId));

/** The context from a row of textBackContextSelect (other columns beside it are ignored); undefined without a call. */
export function textBackContextFrom(joined: Record<string, unknown>): TextBackContext | undefined {
  const call = rowFrom<CallsTable>(joined, 'c', CALL_COLUMNS);
  const workspace = rowFrom<WorkspacesTable>(joined, 'w', WORKSPACE_COLUMNS);
  if (!call || !workspace) return undefined;
  const accountId = joined.ca_account_id as string | null;
  const secret = joined.ca_secret_ciphertext as string | null;
  return {
    call,
    number: rowFrom<PhoneNumbersTable>(joined, 'pn', PHONE_NUMBER_COLUMNS),
    workspace,
    contact: rowFrom<ContactsTable>(joined, 'ct', CONTACT_COLUMNS),
    everTexted: sqlBool(joined.ever_texted),
    conversationId: (joined.conversation_id as string | null | undefined) ?? null,
    carrierAccount:
      accountId !== null && accountId !== undefined && secret !== null && secret !== undefined
        ? { account_id: accountId, secret_ciphertext: secret, extra_ciphertext: joined.ca_extra_ciphertext as string | null }
        : undefined,
  };
}

/** The job's own read of the context. */
export async function readTextBackContext(ctx: Pick<AppContext, 'db'>, callId: string): Promise<TextBackContext | undefined> {
  const row = (await textBackContextQuery(ctx.db, { callId })).rows[0];
  return row ? textBackContextFrom(row as Record<string, unknown>) : undefined;
}
