/**
 * The loop guard for automated replies: two auto-responders texting each other can burn through
 * thousands of messages. No automated text (HELP reply, agent, workflow) goes to a contact more
 * than N times an hour, and none answers a message that looks like a bot's or carrier's own.
 */
import { looksLikeAutomatedMessage } from '../domain/auto-reply-detection.js';
import type { Executor } from '../jobs/job-queue.js';
import type { MessageAuthor } from '../store/schema.js';

export const AUTOMATED_AUTHORS: MessageAuthor[] = ['textback', 'agent', 'workflow', 'system'];

/** Why an automated reply to this contact must not go out now, or null. */
export async function automatedReplyBlocker(
  db: Executor,
  opts: { workspaceId: string; contactId: string; inboundBody: string; perHour: number; now: number },
): Promise<string | null> {
  if (looksLikeAutomatedMessage(opts.inboundBody)) return 'The message looks like an automatic reply from another system';
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', opts.workspaceId)
    .where('contact_id', '=', opts.contactId)
    .where('direction', '=', 'outbound')
    .where('author', 'in', AUTOMATED_AUTHORS)
    .where('created_at', '>', opts.now - 3_600_000)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= opts.perHour) return `Automated replies to this contact reached the limit of ${opts.perHour} an hour`;
  return null;
}
