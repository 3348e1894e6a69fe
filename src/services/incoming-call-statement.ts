/**
 * A new call's first word (the voice webhook) as one statement on PostgreSQL, in place of the
 * transaction BEGIN, contact by phone, new contact, further-number check, call insert, COMMIT: one
 * round trip instead of six, for the common cases only. Whatever the statement does not settle it
 * leaves untouched (nothing written) and says so, and the caller runs the transaction as before:
 *
 * - the caller's number is one of a merged contact's further numbers (`other`): the transaction
 *   swaps it in as the main number (contact-phones.ts makePhoneMain);
 * - the contact for the number was created meanwhile by another request (the insert found the
 *   unique (workspace_id, phone) taken and did nothing, so the statement has no contact to attach
 *   and inserts no call): the transaction reads the committed contact;
 * - the call id was inserted meanwhile (a duplicate delivery racing this one): the transaction
 *   reads the committed call.
 *
 * One snapshot serves the three reads (the contact, the further number, the call id), so a merge —
 * which deletes the merged contact and adds its number as a further number in one transaction —
 * is seen whole or not at all, as by the transaction's own reads.
 *
 * A call id that a committed call already holds writes nothing (`taken`): a duplicate delivery is
 * answered from that row, another workspace's id is refused, and neither creates a contact. Should
 * a contact have been created while the call id was taken by a request in flight (only another
 * workspace's forged webhook racing the real one can do that: a duplicate of this call would have
 * created the same contact first), the statement fails (`rollback_guard`), so nothing of it is kept,
 * as the transaction rolled back its contact.
 *
 * Only for a caller whose contact.created no workflow listens to (the event and its dispatch are the
 * transaction's) and for a call that is not a practice call (practice marks an existing contact).
 */
import { sql } from 'kysely';
import type { Executor } from '../jobs/job-queue.js';
import { preparedQuery } from '../store/prepared-query.js';
import { CALL_COLUMNS, CONTACT_COLUMNS, rowFrom } from '../store/row-columns.js';
import type { CallsTable, ContactsTable } from '../store/schema.js';
import { newContactRow } from './contacts.js';

export type IncomingCallResult =
  /** This statement inserted the call (and the contact, when `contactCreated`). */
  | { state: 'inserted'; call: CallsTable; contact: ContactsTable | null; contactCreated: boolean }
  /** The call id was already this workspace's: a duplicate delivery; nothing written. */
  | { state: 'existing'; call: CallsTable }
  /** The call id is another workspace's; nothing written. */
  | { state: 'foreign' }
  /** Nothing written: the transaction must do it (see above). */
  | { state: 'unresolved' };

/** The marker of the statement's deliberate failure (rollback_guard), recognised by the caller. */
const ROLLBACK_MARKER = 'incoming call rolled back: call id taken meanwhile';

interface Params {
  carrier: string;
  carrierCallId: string;
  workspaceId: string;
  caller: string | null;
  /** The rows as JSON (jsonb_populate_record types every value as its column: no cast per value). */
  contactJson: string;
  callJson: string;
  rollbackMarker: string;
}

const cols = (alias: string, columns: readonly string[]) => sql.join(columns.map((c) => sql.ref(`${alias}.${c}`)));
const names = (columns: readonly string[]) => sql.join(columns.map((c) => sql.ref(c)));
const prefixed = (alias: string, columns: readonly string[]) => sql.join(columns.map((c) => sql`${sql.ref(`${alias}.${c}`)} as ${sql.ref(`${alias}__${c}`)}`));

/** Compiled once per shape (with or without a caller's contact): building it per call costs more than a round trip. */
function statement(withContact: boolean) {
  return preparedQuery((db, p: Params) => {
    const callValues = CALL_COLUMNS.map((c) =>
      c === 'contact_id' ? sql`(select id from contact)` : c === 'practice' ? sql`coalesce((select practice from contact), 0)` : sql.ref(`v.${c}`),
    );
    const query = sql<Record<string, unknown>>`
      with taken as materialized (
        select ${cols('calls', CALL_COLUMNS)} from calls where carrier = ${p.carrier} and carrier_call_id = ${p.carrierCallId}
      ),
      existing as materialized (
        select ${cols('contacts', CONTACT_COLUMNS)} from contacts
        where ${withContact ? sql`workspace_id = ${p.workspaceId} and phone = ${p.caller}` : sql`false`}
      ),
      other as materialized (
        select contact_id from contact_phones
        where ${withContact ? sql`workspace_id = ${p.workspaceId} and phone = ${p.caller}` : sql`false`}
      ),
      new_contact as (
        insert into contacts (${names(CONTACT_COLUMNS)})
        select ${cols('v', CONTACT_COLUMNS)} from jsonb_populate_record(null::contacts, cast(${p.contactJson} as jsonb)) v
        where ${withContact ? sql`true` : sql`false`}
          and not exists (select 1 from existing) and not exists (select 1 from other) and not exists (select 1 from taken)
        on conflict (workspace_id, phone) do nothing
        returning ${names(CONTACT_COLUMNS)}
      ),
      contact as (
        select ${names(CONTACT_COLUMNS)} from existing union all select ${names(CONTACT_COLUMNS)} from new_contact
      ),
      new_call as (
        insert into calls (${names(CALL_COLUMNS)})
        select ${sql.join(callValues)} from jsonb_populate_record(null::calls, cast(${p.callJson} as jsonb)) v
        where not exists (select 1 from taken) and not exists (select 1 from other)
          ${withContact ? sql`and exists (select 1 from contact)` : sql``}
        on conflict (carrier, carrier_call_id) do nothing
        returning ${names(CALL_COLUMNS)}
      )
      select ${prefixed('n', CALL_COLUMNS)}, ${prefixed('t', CALL_COLUMNS)}, ${prefixed('c', CONTACT_COLUMNS)},
             exists (select 1 from new_contact) as contact_created,
             case when exists (select 1 from new_contact) and not exists (select 1 from new_call)
               then cast(cast(${p.rollbackMarker} as text) || (select id from new_contact) as integer) end as rollback_guard
      from (select 1) one
      left join new_call n on true
      left join taken t on true
      left join contact c on true`;
    return { compile: () => query.compile(db) };
  });
}

const statements = { withContact: statement(true), withoutContact: statement(false) };

export async function recordIncomingCallInOneStatement(
  db: Executor,
  /** The call to insert; its contact_id and practice are taken from the caller's contact here. */
  call: CallsTable,
  /** The caller's number in E.164, or null (withheld, not a number): no contact then. */
  caller: string | null,
  newContactId: string,
): Promise<IncomingCallResult> {
  const contactRow = newContactRow({ id: newContactId, workspaceId: call.workspace_id, phone: caller ?? '', now: call.created_at, practice: 0 });
  const params: Params = {
    carrier: call.carrier,
    carrierCallId: call.carrier_call_id,
    workspaceId: call.workspace_id,
    caller,
    contactJson: JSON.stringify(contactRow),
    callJson: JSON.stringify(call),
    rollbackMarker: ROLLBACK_MARKER,
  };
  try {
    const row = (await (caller !== null ? statements.withContact : statements.withoutContact)(db, params)).rows[0]!;
    const inserted = rowFrom<CallsTable>(row, 'n', CALL_COLUMNS);
    if (inserted) {
      return { state: 'inserted', call: inserted, contact: rowFrom<ContactsTable>(row, 'c', CONTACT_COLUMNS) ?? null, contactCreated: row.contact_created === true };
    }
    const taken = rowFrom<CallsTable>(row, 't', CALL_COLUMNS);
    if (taken) return taken.workspace_id === call.workspace_id ? { state: 'existing', call: taken } : { state: 'foreign' };
    return { state: 'unresolved' };
  } catch (err) {
    if (err instanceof Error && err.message.includes(ROLLBACK_MARKER)) return { state: 'unresolved' };
    throw err;
  }
}
