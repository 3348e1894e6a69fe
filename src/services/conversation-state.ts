/**
 * A conversation's inbox state, changed inside the callers' transactions: the customer wrote (it
 * needs a reply, and a snoozed or closed conversation opens again), someone answered (a person's
 * answer settles everything; the agent's settles a plain question but not a handoff), the agent
 * handed off (needs a person, AI off, the reason in words), and snoozes that end with time (a job).
 */
import type { AppContext } from '../context.js';
import type { Executor } from '../jobs/job-queue.js';
import type { MessageAuthor } from '../store/schema.js';
import { wakeSnoozedJob, type WakeSnoozedPayload } from '../jobs/definitions/wake-snoozed.js';
import { enqueue, type TypedJob } from '../jobs/job-definition.js';

export const CUSTOMER_WROTE = 'The customer wrote';

/** An ordinary text from the customer (not a keyword, not an auto-reply): someone owes an answer. */
export async function markCustomerWrote(db: Executor, conversationId: string, at: number): Promise<void> {
  await db
    .updateTable('conversations')
    .set((eb) => ({
      status: 'open',
      snoozed_until: null,
      needs_reply_at: eb.fn.coalesce('needs_reply_at', eb.val(at)),
      needs_reply_reason: eb.fn.coalesce('needs_reply_reason', eb.val(CUSTOMER_WROTE)),
      updated_at: at,
    }))
    .where('id', '=', conversationId)
    .execute();
}

/** Any text from the customer, even a keyword: a snoozed or closed conversation comes back to the open list. */
export async function reopenOnCustomerText(db: Executor, conversationId: string, at: number): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ status: 'open', snoozed_until: null, updated_at: at })
    .where('id', '=', conversationId)
    .where('status', '!=', 'open')
    .execute();
}

/**
 * An outbound text was queued. A person's answer settles the conversation, handoff included; the
 * agent's answer settles an ordinary question but a handoff still waits for a person. Text-backs,
 * workflows and system texts answer nobody.
 */
export async function markAnswered(db: Executor, conversationId: string, author: MessageAuthor, now: number): Promise<void> {
  if (author === 'human') {
    await db
      .updateTable('conversations')
      .set({ needs_reply_at: null, needs_reply_reason: null, handoff_at: null, updated_at: now })
      .where('id', '=', conversationId)
      .execute();
  } else if (author === 'agent') {
    // The agent answered here (the inbox's "handled by the AI" view); after a handoff the
    // conversation still waits for a person.
    await db
      .updateTable('conversations')
      .set((eb) => ({
        last_agent_at: now,
        needs_reply_at: eb.case().when('handoff_at', 'is', null).then(null).else(eb.ref('needs_reply_at')).end(),
        needs_reply_reason: eb.case().when('handoff_at', 'is', null).then(null).else(eb.ref('needs_reply_reason')).end(),
        updated_at: now,
      }))
      .where('id', '=', conversationId)
      .execute();
  }
}

/** The agent handed off: a person must answer, the AI stays out until someone resumes it. */
export async function markHandedOff(db: Executor, conversationId: string, reasonInWords: string, now: number): Promise<void> {
  await db
    .updateTable('conversations')
    .set({
      status: 'open',
      snoozed_until: null,
      needs_reply_at: now,
      needs_reply_reason: reasonInWords,
      handoff_at: now,
      ai_off: 1,
      ai_off_reason: `Handed off: ${reasonInWords}`,
      updated_at: now,
    })
    .where('id', '=', conversationId)
    .execute();
}

/** Schedules the end of a snooze; one job per (conversation, time), so re-snoozing never loses one. */
export async function scheduleSnoozeEnd(db: Executor, opts: { workspaceId: string; conversationId: string; until: number; now: number }): Promise<void> {
  await enqueue(
    db,
    opts.now,
    wakeSnoozedJob,
    { conversationId: opts.conversationId, until: opts.until },
    { workspaceId: opts.workspaceId, uniqueKey: `snooze:${opts.conversationId}:${opts.until}`, runAt: opts.until },
  );
}

/** The job: a conversation still snoozed until this time opens again (a later snooze has its own job). */
export async function wakeSnoozedConversation(ctx: AppContext, job: TypedJob<WakeSnoozedPayload>): Promise<void> {
  const { conversationId, until } = job.payload;
  const now = ctx.clock.now();
  const result = await ctx.db
    .updateTable('conversations')
    .set({ status: 'open', snoozed_until: null, updated_at: now })
    .where('id', '=', conversationId)
    .where('status', '=', 'snoozed')
    .where('snoozed_until', '<=', Math.max(until, now))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0 && job.workspaceId) {
    ctx.live.publish({ workspaceId: job.workspaceId, type: 'conversation', id: conversationId });
  }
}
