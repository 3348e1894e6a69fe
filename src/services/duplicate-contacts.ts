/**
 * Likely duplicates of a contact, offered on its page before merging: the same name (ignoring case
 * and surrounding spaces), or the same national number under a different country code or format ("+1 512 555
 * 0199" imported as "+5125550199"). Cheap on purpose: two indexed-or-small queries and a compare in
 * memory, bounded by SUGGESTION_LIMIT; a person confirms every merge.
 */
import type { AppContext } from '../context.js';
import { getContactRow, presentContact, tagsOf, type Contact } from './contacts.js';

const SUGGESTION_LIMIT = 10;
/** The last digits compared as "the same number": the subscriber part of a national number. */
const NATIONAL_DIGITS = 9;

export interface DuplicateSuggestion {
  contact: Contact;
  /** Why it looks like the same person, in words. */
  reason: string;
}

function nationalTail(phone: string): string {
  return phone.replace(/\D/g, '').slice(-NATIONAL_DIGITS);
}

function nameKey(name: string | null): string {
  return (name ?? '').trim().toLowerCase();
}

export async function findDuplicateContacts(ctx: AppContext, workspaceId: string, id: string): Promise<DuplicateSuggestion[]> {
  const contact = await getContactRow(ctx.db, workspaceId, id);
  const key = nameKey(contact.name);
  const tail = nationalTail(contact.phone);
  if (!key && tail.length !== NATIONAL_DIGITS) return [];
  const rows = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '!=', id)
    .where((eb) =>
      eb.or([
        ...(key ? [eb(eb.fn('lower', [eb.fn('trim', ['name'])]), '=', key)] : []),
        ...(tail.length === NATIONAL_DIGITS ? [eb('phone', 'like', `%${tail}`)] : []),
      ]),
    )
    .orderBy('created_at')
    .limit(SUGGESTION_LIMIT)
    .execute();
  const tags = await tagsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    contact: presentContact(r, tags.get(r.id) ?? []),
    reason: nationalTail(r.phone) === tail && tail.length === NATIONAL_DIGITS ? 'Same number, written differently' : 'Same name',
  }));
}
