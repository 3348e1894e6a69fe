/**
 * Merging a duplicate contact (B, "from") into another (A, "into"): one person who called from a
 * mobile and an office line, or was imported twice. One transaction; nothing is half-merged.
 *
 * - A keeps its name unless the person merging picks B's (or types another); tags are the union;
 *   A keeps its stage, or takes B's when it has none; B's contact notes join A's.
 * - B's conversations, messages, calls, consent history, events, workflow runs and agent turns move
 *   to A. Where both have a conversation on the same business number the two threads join into A's
 *   (messages and notes move; the joined state keeps whatever still needs a person: open beats
 *   snoozed beats closed, the earliest "needs reply" wins, the AI stays off if either had it off).
 * - B's numbers become A's further numbers (services/contact-phones.ts), each with its own opt-out
 *   and carrier state: an opted-out number stays opted out, and no opt-out moves to another number.
 *   Replies go to the number the person last called or texted from, so after the merge the main
 *   number is whichever of the two contacts' numbers reached us last.
 * - B is deleted; a contact note on A records the merge.
 *
 * Workflows do not fire on a merge (no tag or stage events): nothing about the person changed, only
 * how many rows described them.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import type { ContactsTable, ConversationsTable } from '../store/schema.js';
import { makePhoneMain, phoneStateOf } from './contact-phones.js';
import { getContact, type ContactWithPhones } from './contacts.js';

export const mergeContactsSchema = z
  .object({
    /** The duplicate's id: it is merged into the contact in the path, then deleted. */
    from: z.string().trim().min(1).max(64),
    /** The merged contact's name; absent keeps this contact's (or the duplicate's when this one has none). */
    name: z.string().trim().max(120).nullable().optional(),
  })
  .strict();

export type MergeContactsInput = z.infer<typeof mergeContactsSchema>;

/** What a merge does, counted before it happens (the preview) and after (the answer). */
export interface MergePlan {
  /** The name, main number, further numbers (with opt-out), tags and stage A will have. */
  result: {
    name: string | null;
    phone: string;
    otherPhones: { phone: string; optedOut: boolean }[];
    tags: string[];
    stage: string | null;
  };
  moves: {
    /** B's conversations on numbers A has no thread on: they become A's. */
    conversationsMoved: number;
    /** B's conversations joined into A's thread on the same number. */
    conversationsJoined: number;
    messages: number;
    calls: number;
    notes: number;
    workflowRuns: number;
  };
}

export interface MergePreview extends MergePlan {
  into: ContactWithPhones;
  from: ContactWithPhones;
}

async function loadPair(db: Executor, workspaceId: string, intoId: string, fromId: string): Promise<{ a: ContactsTable; b: ContactsTable }> {
  if (intoId === fromId) throw badRequest('from: a contact cannot be merged with itself; pick the duplicate to merge into this one', 'from');
  const a = await db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', intoId).executeTakeFirst();
  if (!a) throw notFound('Contact');
  const b = await db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', fromId).executeTakeFirst();
  if (!b) throw badRequest('from: no contact with that id in this workspace; pick the duplicate from your contacts', 'from');
  // The phone simulator's practice phone is never one person with a real customer: merged, the
  // customer's texts would be recorded by the sandbox, or the practice phone's sent for real.
  if (a.practice !== b.practice) {
    throw badRequest('from: one of the two is the phone simulator’s practice phone; it cannot be merged with a real contact', 'from');
  }
  return { a, b };
}

async function planMerge(db: Executor, a: ContactsTable, b: ContactsTable, name: string | null | undefined): Promise<MergePlan> {
  const ids = [a.id, b.id];
  const [tags, others, convs, messages, calls, notes, runs] = await Promise.all([
    db.selectFrom('contact_tags').select('tag').where('contact_id', 'in', ids).execute(),
    db.selectFrom('contact_phones').selectAll().where('contact_id', 'in', ids).execute(),
    db.selectFrom('conversations').select(['contact_id', 'phone_number_id']).where('contact_id', 'in', ids).execute(),
    db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', b.workspace_id).where('contact_id', '=', b.id).executeTakeFirstOrThrow(),
    db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', b.workspace_id).where('contact_id', '=', b.id).executeTakeFirstOrThrow(),
    db.selectFrom('contact_notes').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', '=', b.id).executeTakeFirstOrThrow(),
    db.selectFrom('workflow_runs').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', b.workspace_id).where('contact_id', '=', b.id).executeTakeFirstOrThrow(),
  ]);
  const aNumbers = new Set(convs.filter((c) => c.contact_id === a.id).map((c) => c.phone_number_id));
  const bConvs = convs.filter((c) => c.contact_id === b.id);
  const phone = await lastReachedFrom(db, a, b);
  const numbers = [
    { phone: a.phone, optedOut: a.opted_out === 1 },
    { phone: b.phone, optedOut: b.opted_out === 1 },
    ...others.map((o) => ({ phone: o.phone, optedOut: o.opted_out === 1 })),
  ];
  return {
    result: {
      name: name !== undefined ? name || null : (a.name ?? b.name),
      phone,
      otherPhones: numbers.filter((n) => n.phone !== phone).sort((x, y) => x.phone.localeCompare(y.phone)),
      tags: [...new Set(tags.map((t) => t.tag))].sort(),
      stage: a.stage ?? b.stage,
    },
    moves: {
      conversationsMoved: bConvs.filter((c) => !aNumbers.has(c.phone_number_id)).length,
      conversationsJoined: bConvs.filter((c) => aNumbers.has(c.phone_number_id)).length,
      messages: Number(messages.n),
      calls: Number(calls.n),
      notes: Number(notes.n),
      workflowRuns: Number(runs.n),
    },
  };
}

/**
 * Which of the two contacts' numbers the person last called or texted from: after the merge,
 * replies go there. With no inbound traffic at all, A's main number stays the main one.
 */
async function lastReachedFrom(db: Executor, a: ContactsTable, b: ContactsTable): Promise<string> {
  const ids = [a.id, b.id];
  const [texts, calls] = await Promise.all([
    db
      .selectFrom('messages')
      .select(['from_number as phone', (eb) => eb.fn.max('created_at').as('at')])
      .where('workspace_id', '=', a.workspace_id)
      .where('contact_id', 'in', ids)
      .where('direction', '=', 'inbound')
      .groupBy('from_number')
      .execute(),
    db
      .selectFrom('calls')
      .select(['from_number as phone', (eb) => eb.fn.max('started_at').as('at')])
      .where('workspace_id', '=', a.workspace_id)
      .where('contact_id', 'in', ids)
      .groupBy('from_number')
      .execute(),
  ]);
  const owned = new Set([a.phone, b.phone, ...(await db.selectFrom('contact_phones').select('phone').where('contact_id', 'in', ids).execute()).map((r) => r.phone)]);
  let best: { phone: string; at: number } = { phone: a.phone, at: -Infinity };
  for (const r of [...texts, ...calls]) {
    const at = Number(r.at);
    if (owned.has(r.phone) && at > best.at) best = { phone: r.phone, at };
  }
  return best.phone;
}

/** What merging `fromId` into `intoId` would do, changing nothing. */
export async function previewContactMerge(ctx: AppContext, workspaceId: string, intoId: string, fromId: string, name?: string | null): Promise<MergePreview> {
  const { a, b } = await loadPair(ctx.db, workspaceId, intoId, fromId);
  const plan = await planMerge(ctx.db, a, b, name);
  return { into: await getContact(ctx, workspaceId, a.id), from: await getContact(ctx, workspaceId, b.id), ...plan };
}

/** Merges `input.from` into `intoId` in one transaction; answers with the merged contact and what moved. */
export async function mergeContacts(
  ctx: AppContext,
  workspaceId: string,
  intoId: string,
  input: MergeContactsInput,
  actorUserId: string | null,
): Promise<{ contact: ContactWithPhones; moves: MergePlan['moves'] }> {
  const now = ctx.clock.now();
  const { plan, joined } = await ctx.db.transaction().execute(async (trx) => {
    const { a, b } = await loadPair(trx, workspaceId, intoId, input.from);
    const plan = await planMerge(trx, a, b, input.name);
    const joined = await moveConversations(trx, workspaceId, a.id, b.id, now);
    await moveHistory(trx, workspaceId, a.id, b.id);
    const bTags = await trx.selectFrom('contact_tags').select(['tag', 'created_at']).where('contact_id', '=', b.id).execute();
    if (bTags.length > 0) {
      await trx
        .insertInto('contact_tags')
        .values(bTags.map((t) => ({ workspace_id: workspaceId, contact_id: a.id, tag: t.tag, created_at: t.created_at })))
        .onConflict((oc) => oc.columns(['contact_id', 'tag']).doNothing())
        .execute();
    }
    // B's further numbers become A's; then B goes, and its own number joins them with its state.
    await trx.updateTable('contact_phones').set({ contact_id: a.id }).where('contact_id', '=', b.id).execute();
    await trx.deleteFrom('contacts').where('id', '=', b.id).execute();
    await trx
      .insertInto('contact_phones')
      .values({
        workspace_id: workspaceId,
        phone: b.phone,
        contact_id: a.id,
        ...phoneStateOf(b),
        created_at: now,
      })
      .execute();
    if (plan.result.phone !== a.phone) await makePhoneMain(trx, workspaceId, a.id, plan.result.phone, now);
    await trx
      .updateTable('contacts')
      .set({ name: plan.result.name, stage: plan.result.stage, updated_at: now })
      .where('id', '=', a.id)
      .execute();
    await trx
      .insertInto('contact_notes')
      .values({
        id: newId('note', now),
        workspace_id: workspaceId,
        contact_id: a.id,
        author_user_id: actorUserId,
        body: `Merged the duplicate ${b.name ? `“${b.name}” ` : ''}(${b.phone}) into this contact: ${describeMoves(plan.moves)}.`,
        created_at: now,
      })
      .execute();
    return { plan, joined };
  });
  ctx.live.publish({ workspaceId, type: 'contact', id: intoId });
  for (const id of joined) ctx.live.publish({ workspaceId, type: 'conversation', id });
  return { contact: await getContact(ctx, workspaceId, intoId), moves: plan.moves };
}

function describeMoves(m: MergePlan['moves']): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(m.conversationsMoved + m.conversationsJoined, 'conversation', 'conversations'),
    n(m.messages, 'message', 'messages'),
    n(m.calls, 'call', 'calls'),
    n(m.notes, 'note', 'notes'),
  ].join(', ');
}

/** Moves B's conversations to A, joining the threads on a number both have. Returns A's conversations that changed. */
async function moveConversations(trx: Executor, workspaceId: string, intoId: string, fromId: string, now: number): Promise<string[]> {
  const convs = await trx.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', 'in', [intoId, fromId]).execute();
  const changed: string[] = [];
  for (const from of convs.filter((c) => c.contact_id === fromId)) {
    const into = convs.find((c) => c.contact_id === intoId && c.phone_number_id === from.phone_number_id);
    if (!into) {
      await trx.updateTable('conversations').set({ contact_id: intoId, updated_at: now }).where('id', '=', from.id).execute();
      changed.push(from.id);
      continue;
    }
    await trx.updateTable('messages').set({ conversation_id: into.id }).where('conversation_id', '=', from.id).execute();
    await trx.updateTable('conversation_notes').set({ conversation_id: into.id }).where('conversation_id', '=', from.id).execute();
    await trx.updateTable('agent_turns').set({ conversation_id: into.id }).where('conversation_id', '=', from.id).execute();
    await trx.updateTable('conversations').set({ ...joinedState(into, from), updated_at: now }).where('id', '=', into.id).execute();
    // Its reads go with it (cascade): A's thread keeps A's read marks, so the joined messages show unread.
    await trx.deleteFrom('conversations').where('id', '=', from.id).execute();
    changed.push(into.id);
  }
  return changed;
}

const STATUS_RANK = { open: 2, snoozed: 1, closed: 0 } as const;

function latest(x: number | null, y: number | null): number | null {
  if (x === null) return y;
  if (y === null) return x;
  return Math.max(x, y);
}

/** The state of two joined threads: whatever still needs a person wins. */
export function joinedState(a: ConversationsTable, b: ConversationsTable): Partial<ConversationsTable> {
  const status = STATUS_RANK[b.status] > STATUS_RANK[a.status] ? b.status : a.status;
  const snoozes = [a, b].filter((c) => c.status === 'snoozed' && c.snoozed_until !== null).map((c) => Number(c.snoozed_until));
  const waiting = [a, b].filter((c) => c.needs_reply_at !== null).sort((x, y) => Number(x.needs_reply_at) - Number(y.needs_reply_at))[0];
  const aiOff = [a, b].find((c) => c.ai_off === 1);
  return {
    status,
    snoozed_until: status === 'snoozed' ? Math.min(...snoozes) : null,
    assignee_user_id: a.assignee_user_id ?? b.assignee_user_id,
    last_message_at: Math.max(Number(a.last_message_at), Number(b.last_message_at)),
    last_inbound_at: latest(a.last_inbound_at, b.last_inbound_at),
    last_human_at: latest(a.last_human_at, b.last_human_at),
    last_agent_at: latest(a.last_agent_at, b.last_agent_at),
    agent_locked_until: latest(a.agent_locked_until, b.agent_locked_until),
    needs_reply_at: waiting ? waiting.needs_reply_at : null,
    needs_reply_reason: waiting ? waiting.needs_reply_reason : null,
    handoff_at: latest(a.handoff_at, b.handoff_at),
    ai_off: aiOff ? 1 : 0,
    ai_off_reason: aiOff ? aiOff.ai_off_reason : null,
    created_at: Math.min(Number(a.created_at), Number(b.created_at)),
  };
}

/** Everything else that names B by id becomes A's. */
async function moveHistory(trx: Executor, workspaceId: string, intoId: string, fromId: string): Promise<void> {
  await trx.updateTable('messages').set({ contact_id: intoId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  await trx.updateTable('calls').set({ contact_id: intoId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  await trx.updateTable('consent_events').set({ contact_id: intoId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  await trx.updateTable('events').set({ contact_id: intoId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  await trx.updateTable('workflow_runs').set({ contact_id: intoId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  await trx.updateTable('agent_turns').set({ contact_id: intoId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  await trx.updateTable('contact_notes').set({ contact_id: intoId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
}
