/**
 * Internal notes: what the team writes for itself on a conversation or a contact ("called back,
 * quoted $240"). Notes are never sent: they live in their own tables, apart from messages, so no
 * sending path can ever pick one up.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { newId } from '../store/ids.js';

export const noteSchema = z.object({ body: z.string().trim().min(1).max(4000) }).strict();

export interface Note {
  id: string;
  body: string;
  author: { userId: string; name: string } | null;
  createdAt: string;
}

type NoteTable = 'conversation_notes' | 'contact_notes';

async function listNotes(ctx: AppContext, table: NoteTable, column: 'conversation_id' | 'contact_id', workspaceId: string, parentId: string): Promise<Note[]> {
  const rows = await ctx.db
    .selectFrom(table)
    .leftJoin('users', 'users.id', `${table}.author_user_id`)
    .select([`${table}.id as id`, `${table}.body as body`, `${table}.created_at as createdAt`, 'users.id as userId', 'users.name as name', 'users.email as email'])
    .where(`${table}.workspace_id`, '=', workspaceId)
    .where(`${table}.${column}` as `conversation_notes.conversation_id`, '=', parentId)
    .orderBy(`${table}.created_at`, 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    author: r.userId ? { userId: r.userId, name: r.name || r.email || '' } : null,
    createdAt: new Date(Number(r.createdAt)).toISOString(),
  }));
}

export async function listConversationNotes(ctx: AppContext, workspaceId: string, conversationId: string): Promise<Note[]> {
  const exists = await ctx.db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('id', '=', conversationId).executeTakeFirst();
  if (!exists) throw notFound('Conversation');
  return listNotes(ctx, 'conversation_notes', 'conversation_id', workspaceId, conversationId);
}

export async function addConversationNote(ctx: AppContext, workspaceId: string, conversationId: string, authorUserId: string | null, body: string): Promise<Note> {
  const exists = await ctx.db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('id', '=', conversationId).executeTakeFirst();
  if (!exists) throw notFound('Conversation');
  const now = ctx.clock.now();
  const id = newId('note', now);
  await ctx.db.insertInto('conversation_notes').values({ id, workspace_id: workspaceId, conversation_id: conversationId, author_user_id: authorUserId, body, created_at: now }).execute();
  ctx.live.publish({ workspaceId, type: 'conversation', id: conversationId });
  return (await listNotes(ctx, 'conversation_notes', 'conversation_id', workspaceId, conversationId)).find((n) => n.id === id)!;
}

export async function listContactNotes(ctx: AppContext, workspaceId: string, contactId: string): Promise<Note[]> {
  const exists = await ctx.db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('id', '=', contactId).executeTakeFirst();
  if (!exists) throw notFound('Contact');
  return listNotes(ctx, 'contact_notes', 'contact_id', workspaceId, contactId);
}

export async function addContactNote(ctx: AppContext, workspaceId: string, contactId: string, authorUserId: string | null, body: string): Promise<Note> {
  const exists = await ctx.db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('id', '=', contactId).executeTakeFirst();
  if (!exists) throw notFound('Contact');
  const now = ctx.clock.now();
  const id = newId('note', now);
  await ctx.db.insertInto('contact_notes').values({ id, workspace_id: workspaceId, contact_id: contactId, author_user_id: authorUserId, body, created_at: now }).execute();
  return (await listNotes(ctx, 'contact_notes', 'contact_id', workspaceId, contactId)).find((n) => n.id === id)!;
}
