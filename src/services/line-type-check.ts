/**
 * Landlines (issue 10 item 6): when the workspace turned it on (off by default: each lookup costs
 * money), the carrier is asked what kind of line a new contact's number is before the first text,
 * and the answer is cached on the contact for 90 days. Landline, toll-free, premium, pager and
 * voicemail-only numbers get no text: the call records why, and the contact becomes a "call back"
 * item for staff (tag `call-back`, and a text to the staff phones when the workspace has them).
 * A lookup that fails or does not know says nothing: the text goes out as before.
 */
import { findCarrier } from '../carriers/registry.js';
import type { AppContext } from '../context.js';
import type { ContactsTable, PhoneNumbersTable } from '../store/schema.js';
import { carrierClientFor } from './carrier-clients.js';
import { addTag } from './contact-mutations.js';
import { queueStaffNotification, staffNumbersOf } from './notify-staff.js';

export const LINE_TYPE_CACHE_MS = 90 * 24 * 60 * 60_000;
export const CALL_BACK_TAG = 'call-back';

/** Line types (Twilio Lookup v2 names) that cannot take a text, in owner words. */
const NOT_TEXTABLE: Record<string, string> = {
  landline: 'a landline',
  tollFree: 'a toll-free number',
  premium: 'a premium-rate number',
  pager: 'a pager',
  voicemail: 'a voicemail-only number',
};

/** The reason not to text this contact, or null (textable, unknown, or the check is off). */
export async function lineTypeBlocker(ctx: AppContext, number: PhoneNumbersTable, contact: ContactsTable, now: number): Promise<string | null> {
  let type = contact.line_type;
  const fresh = contact.line_type_checked_at !== null && now - contact.line_type_checked_at < LINE_TYPE_CACHE_MS;
  if (!fresh) {
    type = await lookUp(ctx, number, contact);
    await ctx.db
      .updateTable('contacts')
      .set({ line_type: type, line_type_checked_at: now })
      .where('id', '=', contact.id)
      .execute();
  }
  const what = type ? NOT_TEXTABLE[type] : undefined;
  return what ? `The caller's number is ${what} and cannot take texts: call them back` : null;
}

async function lookUp(ctx: AppContext, number: PhoneNumbersTable, contact: ContactsTable): Promise<string | null> {
  if (!findCarrier(number.carrier)?.numbersBelongToAccount) return null;
  // The phone simulator's phone is fictional: a paid lookup could only be wasted on it.
  if (contact.practice === 1) return null;
  try {
    const account = await carrierClientFor(ctx, number.workspace_id, number.carrier);
    if (!account.lookupLineType) return null;
    return (await account.lookupLineType(contact.phone)).type;
  } catch (err) {
    ctx.logger.warn({ workspaceId: number.workspace_id, contactId: contact.id, err: (err as Error).message }, 'line type lookup failed; texting anyway');
    return null;
  }
}

/** Makes the skipped caller a "call back" item: tagged, and staff told when the workspace has staff phones. */
export async function markForCallBack(ctx: AppContext, number: PhoneNumbersTable, contact: ContactsTable, reason: string, now: number): Promise<void> {
  const staff = await staffNumbersOf(ctx, number.workspace_id);
  await ctx.db.transaction().execute(async (trx) => {
    await addTag(trx, { workspaceId: number.workspace_id, contactId: contact.id, now, source: 'system' }, CALL_BACK_TAG);
    if (staff.length > 0) {
      await queueStaffNotification(trx, {
        workspaceId: number.workspace_id,
        fromNumber: number,
        to: staff,
        body: `Missed call from ${contact.phone}${contact.name ? ` (${contact.name})` : ''}: ${reason}.`,
        author: 'system',
        now,
        practice: contact.practice === 1,
      });
    }
  });
  ctx.wakeWorker();
}
