/**
 * Consent: opting out and back in (for the whole workspace), and the carrier telling us a phone
 * cannot take texts. Every change is kept with its time and cause (the consent history).
 */
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';

export interface ConsentChange {
  workspaceId: string;
  contactId: string;
  /** keyword, phrase, carrier, api. */
  source: string;
  /** The words or code that caused it, e.g. "STOP" or "Twilio error 21610". */
  detail: string;
  messageId?: string | null;
  now: number;
}

/** Opts the contact out (idempotent: a second STOP adds history but changes nothing else). */
export async function recordOptOut(db: Executor, c: ConsentChange): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ opted_out: 1, opted_out_at: c.now, updated_at: c.now })
    .where('workspace_id', '=', c.workspaceId)
    .where('id', '=', c.contactId)
    .where('opted_out', '=', 0)
    .execute();
  await insertConsentEvent(db, 'opt_out', c);
}

export async function recordOptIn(db: Executor, c: ConsentChange): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ opted_out: 0, opted_out_at: null, updated_at: c.now })
    .where('workspace_id', '=', c.workspaceId)
    .where('id', '=', c.contactId)
    .execute();
  await insertConsentEvent(db, 'opt_in', c);
}

/** The carrier says this phone cannot take texts (landline, unreachable): no more automated texts. */
export async function markNotTextable(
  db: Executor,
  workspaceId: string,
  contactId: string,
  reason: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ textable: 0, not_textable_reason: reason, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .execute();
}

/**
 * An opt-out of one of the contact's further numbers (merged contacts, services/contact-phones.ts):
 * the number's own row holds the state; the contact's history records it beside the others.
 */
export async function recordOtherPhoneOptOut(db: Executor, c: ConsentChange): Promise<void> {
  await insertConsentEvent(db, 'opt_out', c);
}

async function insertConsentEvent(db: Executor, kind: 'opt_out' | 'opt_in', c: ConsentChange): Promise<void> {
  await db
    .insertInto('consent_events')
    .values({
      id: newId('cs', c.now),
      workspace_id: c.workspaceId,
      contact_id: c.contactId,
      kind,
      source: c.source,
      detail: c.detail.slice(0, 500),
      message_id: c.messageId ?? null,
      created_at: c.now,
    })
    .execute();
}
