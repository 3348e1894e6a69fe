/**
 * The changes to a contact that other things react to (tags, stage), each emitting its event in the
 * caller's transaction. The API, the AI agent's tools and workflow actions all change contacts
 * through here, so a workflow sees a tag the agent added exactly as one staff added.
 */
import type { Executor } from '../jobs/job-queue.js';
import { emitEvent } from './domain-events.js';

export interface MutationContext {
  workspaceId: string;
  contactId: string;
  now: number;
  /** Who made the change: api, agent, workflow:<id>, system. */
  source: string;
}

/** Adds a tag; returns false (and emits nothing) when the contact already had it. */
export async function addTag(db: Executor, m: MutationContext, tag: string): Promise<boolean> {
  const result = await db
    .insertInto('contact_tags')
    .values({ workspace_id: m.workspaceId, contact_id: m.contactId, tag, created_at: m.now })
    .onConflict((oc) => oc.columns(['contact_id', 'tag']).doNothing())
    .executeTakeFirst();
  const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added) {
    await touch(db, m);
    await emitEvent(db, { workspaceId: m.workspaceId, type: 'contact.tag_added', contactId: m.contactId, data: { tag, source: m.source }, now: m.now });
  }
  return added;
}

/** Removes a tag; returns false (and emits nothing) when the contact did not have it. */
export async function removeTag(db: Executor, m: MutationContext, tag: string): Promise<boolean> {
  const result = await db
    .deleteFrom('contact_tags')
    .where('workspace_id', '=', m.workspaceId)
    .where('contact_id', '=', m.contactId)
    .where('tag', '=', tag)
    .executeTakeFirst();
  const removed = Number(result.numDeletedRows) > 0;
  if (removed) {
    await touch(db, m);
    await emitEvent(db, { workspaceId: m.workspaceId, type: 'contact.tag_removed', contactId: m.contactId, data: { tag, source: m.source }, now: m.now });
  }
  return removed;
}

/** Moves the contact to `stage` (null clears it); emits contact.stage_changed with from/to. */
export async function setStage(db: Executor, m: MutationContext, stage: string | null): Promise<boolean> {
  const current = await db
    .selectFrom('contacts')
    .select('stage')
    .where('workspace_id', '=', m.workspaceId)
    .where('id', '=', m.contactId)
    .executeTakeFirst();
  if (!current || current.stage === stage) return false;
  await db
    .updateTable('contacts')
    .set({ stage, updated_at: m.now })
    .where('workspace_id', '=', m.workspaceId)
    .where('id', '=', m.contactId)
    .execute();
  await emitEvent(db, {
    workspaceId: m.workspaceId,
    type: 'contact.stage_changed',
    contactId: m.contactId,
    data: { from: current.stage, to: stage, source: m.source },
    now: m.now,
  });
  return true;
}

/** Sets the contact's name (no event: nothing reacts to names). */
export async function setName(db: Executor, m: MutationContext, name: string | null): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ name, updated_at: m.now })
    .where('workspace_id', '=', m.workspaceId)
    .where('id', '=', m.contactId)
    .execute();
}

async function touch(db: Executor, m: MutationContext): Promise<void> {
  await db.updateTable('contacts').set({ updated_at: m.now }).where('id', '=', m.contactId).execute();
}
