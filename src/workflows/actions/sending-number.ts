/**
 * Which business number a workflow text goes out from: the number the event happened on (the
 * line the customer called or texted), else the number of the contact's most recent conversation,
 * else the workspace's first number. Customers reply to the number they know.
 */
import type { Executor } from '../../jobs/job-queue.js';
import type { PhoneNumbersTable } from '../../store/schema.js';

export async function sendingNumberFor(
  db: Executor,
  opts: { workspaceId: string; phoneNumberId: string | null; contactId: string | null },
): Promise<PhoneNumbersTable | undefined> {
  const numbers = db.selectFrom('phone_numbers').selectAll().where('workspace_id', '=', opts.workspaceId);
  if (opts.phoneNumberId) {
    const n = await numbers.where('id', '=', opts.phoneNumberId).executeTakeFirst();
    if (n) return n;
  }
  if (opts.contactId) {
    const n = await numbers
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('conversations')
          .select('phone_number_id')
          .where('workspace_id', '=', opts.workspaceId)
          .where('contact_id', '=', opts.contactId as string)
          .orderBy('last_message_at', 'desc')
          .limit(1),
      )
      .executeTakeFirst();
    if (n) return n;
  }
  return numbers.orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}
