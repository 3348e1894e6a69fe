/**
 * Texts the workspace's staff numbers (handoffs, workflow notify actions). Each staff phone is a
 * contact tagged `staff` with its own conversation from the business number, so notifications go
 * through the same at-most-once sending, show in the inbox, and respect a staff opt-out.
 */
import type { AppContext } from '../context.js';
import type { Executor } from '../jobs/job-queue.js';
import type { PhoneNumbersTable } from '../store/schema.js';
import { addTag } from './contact-mutations.js';
import { upsertContactByPhone } from './contacts.js';
import { ensureConversation } from './conversations.js';
import { queueOutboundMessage, sendBlocker } from './outbound-messages.js';

export const STAFF_TAG = 'staff';

/**
 * Queues `body` to each of `to` (E.164) from `fromNumber`, inside the caller's transaction.
 * Returns the message ids; phones that cannot be texted are skipped (and reported), never thrown.
 */
export async function queueStaffNotification(
  db: Executor,
  opts: {
    workspaceId: string;
    fromNumber: PhoneNumbersTable;
    to: string[];
    body: string;
    author: 'system' | 'workflow';
    now: number;
    /**
     * About a practice conversation (the phone simulator's): the notifications are recorded as
     * practice texts by the sandbox, never sent to the staff phones. Required, so no caller forgets.
     */
    practice: boolean;
  },
): Promise<{ messageIds: string[]; skipped: Array<{ phone: string; reason: string }> }> {
  const messageIds: string[] = [];
  const skipped: Array<{ phone: string; reason: string }> = [];
  for (const phone of [...new Set(opts.to)]) {
    if (phone === opts.fromNumber.number) {
      skipped.push({ phone, reason: 'is the sending number itself' });
      continue;
    }
    const { contact, created } = await upsertContactByPhone(db, opts.workspaceId, phone, opts.now, { source: 'system' });
    if (created) await addTag(db, { workspaceId: opts.workspaceId, contactId: contact.id, now: opts.now, source: 'system' }, STAFF_TAG);
    const blocker = sendBlocker(contact);
    if (blocker) {
      skipped.push({ phone, reason: blocker });
      continue;
    }
    const conversation = await ensureConversation(db, opts.workspaceId, contact, opts.fromNumber.id, opts.now);
    const msg = await queueOutboundMessage(db, {
      workspaceId: opts.workspaceId,
      conversationId: conversation.id,
      contact,
      phoneNumber: opts.fromNumber,
      author: opts.author,
      body: opts.body,
      now: opts.now,
      practice: opts.practice,
    });
    messageIds.push(msg.id);
  }
  return { messageIds, skipped };
}

/** The staff numbers a workspace notifies. */
export async function staffNumbersOf(ctx: AppContext | { db: Executor }, workspaceId: string): Promise<string[]> {
  const row = await ctx.db.selectFrom('workspaces').select('settings').where('id', '=', workspaceId).executeTakeFirst();
  if (!row) return [];
  const settings = JSON.parse(row.settings) as { staffNumbers?: string[] };
  return settings.staffNumbers ?? [];
}
