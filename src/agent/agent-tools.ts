/**
 * The tools the agent may call, and nothing else: hand off to a person, tag or untag the contact,
 * set its name or pipeline stage, look up business hours. Each is bound to this one contact and
 * workspace when the turn starts, so no argument can reach another contact or send anywhere.
 */
import { tool } from 'ai';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Executor } from '../jobs/job-queue.js';
import { addTag, removeTag, setName, setStage } from '../services/contact-mutations.js';
import { tagSchema } from '../services/contacts.js';
import { stageProblem } from '../services/pipeline.js';

export const HANDOFF_REASONS = ['asked_for_human', 'cannot_help', 'booking_request', 'complaint', 'opt_out', 'other'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number] | 'model_error' | 'daily_cap' | 'guardrail';

export interface ToolCallRecord {
  name: string;
  input: unknown;
  output: unknown;
}

export interface ToolState {
  calls: ToolCallRecord[];
  handoff: { reason: HandoffReason; note: string } | null;
}

export interface ToolScope {
  workspaceId: string;
  contactId: string;
  /** '' when the business never set hours. */
  hoursText: string;
  isOpenNow: boolean;
  /** The dashboard's test chat: record what the agent would do, change nothing. */
  dryRun?: boolean;
}

export function agentTools(ctx: AppContext, scope: ToolScope, state: ToolState) {
  const m = () => ({ workspaceId: scope.workspaceId, contactId: scope.contactId, now: ctx.clock.now(), source: 'agent' });
  const record = <T>(name: string, input: unknown, output: T): T => {
    state.calls.push({ name, input, output });
    return output;
  };
  const inTransaction = async <T>(fn: (trx: Executor) => Promise<T>): Promise<T | 'dry-run'> =>
    scope.dryRun ? 'dry-run' : ctx.db.transaction().execute(fn);

  return {
    handoff_to_human: tool({
      description: 'Hand the conversation to a team member: when the customer asks for a person, wants to book, is upset, asks to stop texts, or you cannot answer from the knowledge.',
      inputSchema: z.object({
        reason: z.enum(HANDOFF_REASONS),
        note: z.string().max(300).describe('One line for the team: what the customer needs.'),
      }),
      execute: async ({ reason, note }) => {
        state.handoff = { reason, note };
        return record('handoff_to_human', { reason, note }, { ok: true, message: 'A team member will take over. Tell the customer so, briefly.' });
      },
    }),
    add_tag: tool({
      description: "Add a tag to this customer's contact.",
      inputSchema: z.object({ tag: tagSchema }),
      execute: async ({ tag }) => {
        const added = await inTransaction((trx) => addTag(trx, m(), tag));
        ctx.wakeWorker();
        return record('add_tag', { tag }, { ok: true, added });
      },
    }),
    remove_tag: tool({
      description: "Remove a tag from this customer's contact.",
      inputSchema: z.object({ tag: tagSchema }),
      execute: async ({ tag }) => {
        const removed = await inTransaction((trx) => removeTag(trx, m(), tag));
        ctx.wakeWorker();
        return record('remove_tag', { tag }, { ok: true, removed });
      },
    }),
    set_contact_name: tool({
      description: "Save the customer's name when they tell you it.",
      inputSchema: z.object({ name: z.string().trim().min(1).max(120) }),
      execute: async ({ name }) => {
        await inTransaction((trx) => setName(trx, m(), name));
        return record('set_contact_name', { name }, { ok: true });
      },
    }),
    set_stage: tool({
      description: "Move the customer to a pipeline stage (e.g. 'New Lead', 'Qualified').",
      inputSchema: z.object({ stage: z.string().trim().min(1).max(80) }),
      execute: async ({ stage }) => {
        const problem = await stageProblem(ctx.db, scope.workspaceId, stage);
        if (problem) return record('set_stage', { stage }, { ok: false, error: problem });
        const changed = await inTransaction((trx) => setStage(trx, m(), stage));
        ctx.wakeWorker();
        return record('set_stage', { stage }, { ok: true, changed });
      },
    }),
    get_business_hours: tool({
      description: "The business's opening hours, and whether it is open right now.",
      inputSchema: z.object({}),
      // Hours never set are never made up: the tool says so, and what to say instead.
      execute: async () =>
        record(
          'get_business_hours',
          {},
          scope.hoursText
            ? { hours: scope.hoursText, openNow: scope.isOpenNow }
            : { hours: null, openNow: null, note: 'The business has not set its hours. Do not state any hours or whether it is open; say a team member will confirm.' },
        ),
    }),
  };
}
