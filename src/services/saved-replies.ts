/**
 * Saved replies: a workspace's ready answers ("We're on our way", "Our hours are…") with merge
 * fields ({{contact.first_name|there}}, {{business.name}}, {{number.name}}). The inbox renders one
 * for a conversation (the same template rules as the missed-call text) and puts it in the reply
 * box for a person to check and send.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { findTemplateProblems, renderTemplate } from '../domain/message-template.js';
import { notFound } from '../errors.js';
import { newId } from '../store/ids.js';
import type { SavedRepliesTable } from '../store/schema.js';
import { getConversationRow } from './conversations-api.js';

export const savedReplySchema = z
  .object({
    title: z.string().trim().min(1).max(80),
    body: z
      .string()
      .trim()
      .min(1)
      .max(1600)
      .superRefine((v, ctx) => {
        for (const p of findTemplateProblems(v)) ctx.addIssue({ code: 'custom', message: p.message });
      }),
  })
  .strict();

export interface SavedReply {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

const present = (r: SavedRepliesTable): SavedReply => ({
  id: r.id,
  title: r.title,
  body: r.body,
  createdAt: new Date(Number(r.created_at)).toISOString(),
  updatedAt: new Date(Number(r.updated_at)).toISOString(),
});

export async function listSavedReplies(ctx: AppContext, workspaceId: string): Promise<SavedReply[]> {
  const rows = await ctx.db.selectFrom('saved_replies').selectAll().where('workspace_id', '=', workspaceId).orderBy('title').limit(500).execute();
  return rows.map(present);
}

export async function createSavedReply(ctx: AppContext, workspaceId: string, input: z.infer<typeof savedReplySchema>): Promise<SavedReply> {
  const now = ctx.clock.now();
  const row: SavedRepliesTable = { id: newId('sr', now), workspace_id: workspaceId, title: input.title, body: input.body, created_at: now, updated_at: now };
  await ctx.db.insertInto('saved_replies').values(row).execute();
  return present(row);
}

export async function updateSavedReply(ctx: AppContext, workspaceId: string, id: string, input: z.infer<typeof savedReplySchema>): Promise<SavedReply> {
  const now = ctx.clock.now();
  const res = await ctx.db
    .updateTable('saved_replies')
    .set({ title: input.title, body: input.body, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('Saved reply');
  const row = await ctx.db.selectFrom('saved_replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(row);
}

export async function deleteSavedReply(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const res = await ctx.db.deleteFrom('saved_replies').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Saved reply');
}

/** The saved reply with its merge fields filled for this conversation's contact and number. */
export async function renderSavedReply(ctx: AppContext, workspaceId: string, id: string, conversationId: string): Promise<{ body: string }> {
  const reply = await ctx.db.selectFrom('saved_replies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!reply) throw notFound('Saved reply');
  const conversation = await getConversationRow(ctx, workspaceId, conversationId);
  const [workspace, contact, number] = await Promise.all([
    ctx.db.selectFrom('workspaces').select('business_name').where('id', '=', workspaceId).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('contacts').select('name').where('id', '=', conversation.contact_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('phone_numbers').select('name').where('id', '=', conversation.phone_number_id).executeTakeFirst(),
  ]);
  return { body: renderTemplate(reply.body, { business: { name: workspace.business_name }, contact: { name: contact.name }, number: { name: number?.name ?? null } }) };
}
