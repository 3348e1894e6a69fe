/**
 * The agent hands a conversation to a person: it needs a reply (the reason in words), the AI is
 * off there until someone presses "Resume AI", staff phones get a text, members an email (per
 * their settings, when SMTP is configured). An opt-out is not a handoff to answer: the AI goes
 * quiet and nobody is paged. With no staff numbers the owner sees a warning in the dashboard.
 */
import type { AppContext } from '../context.js';
import { handoffReasonInWords } from '../domain/handoff-reasons.js';
import type { Executor } from '../jobs/job-queue.js';
import type { ContactsTable, PhoneNumbersTable, WorkspacesTable } from '../store/schema.js';
import { markHandedOff } from './conversation-state.js';
import { queueStaffNotification, staffNumbersOf } from './notify-staff.js';
import { queueTeamAlert, whoIs } from './team-alerts.js';

export async function handOffToTeam(
  ctx: AppContext,
  trx: Executor,
  opts: {
    workspace: WorkspacesTable;
    conversationId: string;
    contact: ContactsTable;
    number: PhoneNumbersTable | null;
    reason: string;
    note: string;
    now: number;
  },
): Promise<void> {
  const words = handoffReasonInWords(opts.reason, opts.note);
  if (opts.reason === 'opt_out') {
    await trx
      .updateTable('conversations')
      .set({ ai_off: 1, ai_off_reason: 'The customer asked to stop texts', updated_at: opts.now })
      .where('id', '=', opts.conversationId)
      .execute();
    return;
  }
  await markHandedOff(trx, opts.conversationId, words, opts.now);
  const who = whoIs(opts.contact);
  const staff = await staffNumbersOf({ db: trx }, opts.workspace.id);
  if (opts.number && staff.length > 0) {
    await queueStaffNotification(trx, {
      workspaceId: opts.workspace.id,
      fromNumber: opts.number,
      to: staff,
      body: `Textback: ${who} needs a person. ${words}`.slice(0, 300),
      author: 'system',
      now: opts.now,
      practice: opts.contact.practice === 1,
    });
  }
  await queueTeamAlert(ctx, trx, {
    workspaceId: opts.workspace.id,
    conversationId: opts.conversationId,
    kind: 'handoff',
    subject: `${who} needs a person`,
    detail: words,
    key: `handoff:${opts.conversationId}:${opts.now}`,
    now: opts.now,
  });
  ctx.logger.info({ workspaceId: opts.workspace.id, conversationId: opts.conversationId, staffTexts: staff.length }, 'handed off to the team');
}
