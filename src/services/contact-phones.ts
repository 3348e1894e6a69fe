/**
 * A contact's further phone numbers (from merging duplicates) and the rule for which number a reply
 * goes to.
 *
 * Carriers enforce STOP per number, so texting state belongs to a number, not a person: each number
 * keeps its own opt-out, "cannot take texts" verdict, strikes and line type. The contact row holds
 * the number replies go to (`contacts.phone`) with that number's state; `contact_phones` holds the
 * others with theirs. When the person calls or texts from one of the others, the two swap, state and
 * all: a reply goes to the number the customer last reached us from, and every existing check
 * (`sendBlocker(contact)`, `to_number = contact.phone`) keeps reading the state of the very number
 * it texts. A text queued to a number that has since stopped being the main one is checked against
 * that number's own row (`stateOfNumber`), never against the main number's.
 */
import { normalizePhone } from '../domain/phone.js';
import type { Executor } from '../jobs/job-queue.js';
import { preparedQuery } from '../store/prepared-query.js';
import type { ContactPhonesTable, ContactsTable } from '../store/schema.js';

/** The columns that describe one number's texting state, on both tables. */
export const PHONE_STATE_COLUMNS = [
  'opted_out',
  'opted_out_at',
  'textable',
  'not_textable_reason',
  'line_type',
  'line_type_checked_at',
  'unreachable_strikes',
] as const;

export type PhoneState = Pick<ContactsTable, (typeof PHONE_STATE_COLUMNS)[number]>;

export function phoneStateOf(row: PhoneState): PhoneState {
  return {
    opted_out: row.opted_out,
    opted_out_at: row.opted_out_at,
    textable: row.textable,
    not_textable_reason: row.not_textable_reason,
    line_type: row.line_type,
    line_type_checked_at: row.line_type_checked_at,
    unreachable_strikes: row.unreachable_strikes,
  };
}

/** The contact's further number row for `phone`, if the number is one. */
export async function findOtherPhone(db: Executor, workspaceId: string, phone: string): Promise<ContactPhonesTable | undefined> {
  return (await otherPhoneByNumber(db, { workspaceId, phone })).rows[0];
}

const otherPhoneByNumber = preparedQuery((db, p: { workspaceId: string; phone: string }) =>
  db.selectFrom('contact_phones').selectAll().where('workspace_id', '=', p.workspaceId).where('phone', '=', p.phone),
);

export async function otherPhonesOf(db: Executor, contactIds: string[]): Promise<Map<string, ContactPhonesTable[]>> {
  const map = new Map<string, ContactPhonesTable[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return map;
  const rows = await db.selectFrom('contact_phones').selectAll().where('contact_id', 'in', contactIds).orderBy('phone').execute();
  for (const r of rows) map.get(r.contact_id)?.push(r);
  return map;
}

/**
 * Makes `phone` (one of the contact's further numbers) the number replies go to: the main number
 * and its state move to `contact_phones`, `phone` and its state move onto the contact row. Runs in
 * the caller's transaction when there is one, else in its own. Returns the contact row after.
 */
export async function makePhoneMain(db: Executor, workspaceId: string, contactId: string, phone: string, now: number): Promise<ContactsTable> {
  if (!db.isTransaction) return db.transaction().execute((trx) => makePhoneMain(trx, workspaceId, contactId, phone, now));
  const other = await db
    .deleteFrom('contact_phones')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .where('phone', '=', phone)
    .returningAll()
    .executeTakeFirst();
  const contact = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
  // A concurrent swap got there first: the number is the main one already.
  if (!other) return contact;
  await db
    .insertInto('contact_phones')
    .values({ workspace_id: workspaceId, phone: contact.phone, contact_id: contactId, ...phoneStateOf(contact), created_at: now })
    .execute();
  // The row comes back with the update: this runs for every call or text from a further number.
  return db
    .updateTable('contacts')
    .set({ phone, ...phoneStateOf(other), updated_at: now })
    .where('id', '=', contactId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The texting state of `phone` for this contact: the contact row's when it is the main number, the
 * further number's row otherwise, or null when the number is not the contact's at all.
 */
export async function stateOfNumber(db: Executor, contact: ContactsTable, phone: string): Promise<PhoneState | null> {
  if (contact.phone === phone) return phoneStateOf(contact);
  const other = await db
    .selectFrom('contact_phones')
    .selectAll()
    .where('workspace_id', '=', contact.workspace_id)
    .where('contact_id', '=', contact.id)
    .where('phone', '=', phone)
    .executeTakeFirst();
  return other ? phoneStateOf(other) : null;
}

/**
 * A carrier verdict on a text sent to one of the contact's further numbers (it stopped being the
 * main one after the text was queued): the verdict lands on that number's row, never on the main
 * number. Returns false when `phone` is not a further number of the contact (the caller then applies
 * it to the contact row as usual).
 */
export async function applyToOtherPhone(
  db: Executor,
  workspaceId: string,
  contactId: string,
  phone: string,
  change: { optOut: true } | { notTextable: string } | { strike: true } | { clearStrikes: true },
  now: number,
): Promise<boolean> {
  const q = db
    .updateTable('contact_phones')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .where('phone', '=', phone);
  let result;
  if ('optOut' in change) result = await q.set((eb) => ({ opted_out: 1, opted_out_at: eb.fn.coalesce('opted_out_at', eb.val(now)) })).executeTakeFirst();
  else if ('notTextable' in change) result = await q.set({ textable: 0, not_textable_reason: change.notTextable }).executeTakeFirst();
  else if ('strike' in change) result = await q.set((eb) => ({ unreachable_strikes: eb('unreachable_strikes', '+', 1) })).executeTakeFirst();
  else result = await q.set({ unreachable_strikes: 0 }).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The contact as reached at `rawPhone` (the number that called): the row itself when that is the
 * main number, else the row with that number and its own state in place of the main one's, so a
 * text-back goes to the number that called and is judged by that number's opt-out, even when the
 * main number changed between the call and the text. Null when the number is not the contact's.
 */
export async function contactAsCalled(db: Executor, contact: ContactsTable, rawPhone: string): Promise<ContactsTable | null> {
  const phone = normalizePhone(rawPhone) ?? rawPhone;
  if (phone === contact.phone) return contact;
  const state = await stateOfNumber(db, contact, phone);
  return state ? { ...contact, ...state, phone } : null;
}
