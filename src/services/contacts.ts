/**
 * Contacts: one per phone number per workspace, with tags, a pipeline stage and consent state.
 * A caller or texter becomes a contact on first contact (upsertContactByPhone).
 */
import { z } from 'zod';
import { e164Schema } from './phone-schema.js';
import type { AppContext } from '../context.js';
import { normalizePhone } from '../domain/phone.js';
import { conflict, notFound } from '../errors.js';
import type { Executor } from '../jobs/job-queue.js';
import { newId } from '../store/ids.js';
import { preparedQuery } from '../store/prepared-query.js';
import { addTag, removeTag, setName, setStage } from './contact-mutations.js';
import { findOtherPhone, makePhoneMain, otherPhonesOf } from './contact-phones.js';
import { emitEvent, emitEventIfListened } from './domain-events.js';
import { assertStageInPipeline } from './pipeline.js';
import { paginate, type Page, type PageRequest } from '../store/pagination.js';
import type { ContactsTable } from '../store/schema.js';

export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}_\-:. ]+$/u, 'may hold letters, digits, spaces and _ - : .');

const stageSchema = z.string().trim().min(1).max(80);

export const createContactSchema = z
  .object({
    phone: e164Schema,
    name: z.string().trim().max(120).nullable().optional(),
    tags: z.array(tagSchema).max(50).optional(),
    stage: stageSchema.nullable().optional(),
  })
  .strict();

export const updateContactSchema = z
  .object({
    name: z.string().trim().max(120).nullable().optional(),
    stage: stageSchema.nullable().optional(),
  })
  .strict();

export interface Contact {
  id: string;
  phone: string;
  name: string | null;
  tags: string[];
  stage: string | null;
  optedOut: boolean;
  optedOutAt: string | null;
  textable: boolean;
  notTextableReason: string | null;
  /** The phone simulator's fictional caller (555-0100..0199): its texts never go through a carrier. */
  practice: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One of a merged contact's further numbers, with its own texting state. */
export interface OtherPhone {
  phone: string;
  optedOut: boolean;
  textable: boolean;
  notTextableReason: string | null;
}

/** A contact as the contact endpoints show it: with the further numbers a merge gave it. */
export type ContactWithPhones = Contact & { otherPhones: OtherPhone[] };

async function withOtherPhones(db: Executor, contacts: Contact[]): Promise<ContactWithPhones[]> {
  const phones = await otherPhonesOf(db, contacts.map((c) => c.id));
  return contacts.map((c) => ({
    ...c,
    otherPhones: (phones.get(c.id) ?? []).map((p) => ({
      phone: p.phone,
      optedOut: p.opted_out === 1,
      textable: p.textable === 1,
      notTextableReason: p.not_textable_reason,
    })),
  }));
}

export function presentContact(row: ContactsTable, tags: string[]): Contact {
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    tags,
    stage: row.stage,
    optedOut: row.opted_out === 1,
    optedOutAt: row.opted_out_at ? new Date(row.opted_out_at).toISOString() : null,
    textable: row.textable === 1,
    notTextableReason: row.not_textable_reason,
    practice: row.practice === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function tagsOf(db: Executor, contactIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return map;
  const rows = await db
    .selectFrom('contact_tags')
    .select(['contact_id', 'tag'])
    .where('contact_id', 'in', contactIds)
    // Alphabetical: a stable order people can scan, whatever order tags were added in.
    .orderBy('tag')
    .execute();
  for (const r of rows) map.get(r.contact_id)?.push(r.tag);
  return map;
}

const contactByPhone = preparedQuery((db, p: { workspaceId: string; phone: string }) =>
  db.selectFrom('contacts').selectAll().where('workspace_id', '=', p.workspaceId).where('phone', '=', p.phone),
);

/** A contact as it is first written: a phone number and nothing known about it yet. */
export function newContactRow(p: { id: string; workspaceId: string; phone: string; now: number; practice: 0 | 1 }): ContactsTable {
  return {
    id: p.id,
    workspace_id: p.workspaceId,
    phone: p.phone,
    name: null,
    stage: null,
    opted_out: 0,
    opted_out_at: null,
    textable: 1,
    not_textable_reason: null,
    line_type: null,
    line_type_checked_at: null,
    unreachable_strikes: 0,
    created_at: p.now,
    updated_at: p.now,
    practice: p.practice,
  };
}

const insertContactByPhone = preparedQuery((db, p: { id: string; workspaceId: string; phone: string; now: number; practice: 0 | 1 }) =>
  db
    .insertInto('contacts')
    .values(newContactRow(p))
    .onConflict((oc) => oc.columns(['workspace_id', 'phone']).doNothing())
    .returningAll(),
);

/** Where a contact found or made by its phone number came from: a call or text, an import, Textback itself (a staff alert's recipient). */
export type ContactSource = 'carrier' | 'import' | 'system';

/**
 * Finds the workspace's contact for `phone`, creating it if absent. Safe under concurrency: the
 * insert that loses the race on (workspace, phone) does nothing and the winner's row is returned.
 */
export async function upsertContactByPhone(
  db: Executor,
  workspaceId: string,
  phone: string,
  now: number,
  opts: {
    /**
     * The phone simulator's phone practising on a carrier number (services/sandbox-phone.ts, which
     * admits only fictional 555-01XX numbers): the contact is made, or becomes, a practice contact,
     * so everything written for it after is practice too.
     */
    practice?: boolean;
    /** Whether a workflow listens to contact.created, when the caller already read it (else checked on insert). */
    listened?: boolean;
    /** Who the contact came from, for its contact.created event (domain-events.ts): a caller or texter unless said. */
    source?: ContactSource;
  } = {},
): Promise<{ contact: ContactsTable; created: boolean }> {
  const result = await findOrCreateContactByPhone(db, workspaceId, phone, now, opts);
  if (!opts.practice || result.contact.practice === 1) return result;
  const marked = await db.updateTable('contacts').set({ practice: 1, updated_at: now }).where('id', '=', result.contact.id).returningAll().executeTakeFirstOrThrow();
  return { contact: marked, created: result.created };
}

async function findOrCreateContactByPhone(
  db: Executor,
  workspaceId: string,
  phone: string,
  now: number,
  opts: { practice?: boolean; listened?: boolean; source?: ContactSource },
): Promise<{ contact: ContactsTable; created: boolean }> {
  const existing = (await contactByPhone(db, { workspaceId, phone })).rows[0];
  if (existing) return { contact: existing, created: false };
  // The new row comes back with the insert; only a racing insert's row needs reading.
  const inserted = (await insertContactByPhone(db, { id: newId('ct', now), workspaceId, phone, now, practice: opts.practice ? 1 : 0 })).rows[0];
  const contact = inserted ?? (await contactByPhone(db, { workspaceId, phone })).rows[0]!;
  const created = inserted !== undefined;
  if (created) {
    // One of a merged contact's further numbers (contacts.phone holds main numbers only, so the
    // insert above went through): that contact, and the number's own opt-out, win over the row just
    // made. The person now reaches us from this number, so it becomes the one replies go to
    // (services/contact-phones.ts). Checked after the insert so that a merge committing meanwhile
    // is seen too, and so that the common path (a known main number) pays nothing extra.
    const claimed = await findOtherPhone(db, workspaceId, phone);
    if (claimed) {
      await db.deleteFrom('contacts').where('id', '=', contact.id).execute();
      return { contact: await makePhoneMain(db, workspaceId, claimed.contact_id, phone, now), created: false };
    }
    await emitEventIfListened(db, { workspaceId, type: 'contact.created', contactId: contact.id, data: { phone, source: opts.source ?? 'carrier' }, now }, opts.listened);
  }
  return { contact, created };
}

export async function getContactRow(db: Executor, workspaceId: string, id: string): Promise<ContactsTable> {
  const row = await db
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Contact');
  return row;
}

export async function getContact(ctx: AppContext, workspaceId: string, id: string): Promise<ContactWithPhones> {
  const row = await getContactRow(ctx.db, workspaceId, id);
  const [contact] = await withOtherPhones(ctx.db, [presentContact(row, (await tagsOf(ctx.db, [id])).get(id) ?? [])]);
  return contact!;
}

export interface ConsentEvent {
  id: string;
  kind: 'opt_out' | 'opt_in';
  source: string;
  detail: string;
  messageId: string | null;
  createdAt: string;
}

/** A contact with its consent history (newest first): every opt-out and opt-in, when and why. */
export async function getContactDetail(
  ctx: AppContext,
  workspaceId: string,
  id: string,
): Promise<ContactWithPhones & { consentHistory: ConsentEvent[] }> {
  const contact = await getContact(ctx, workspaceId, id);
  const events = await ctx.db
    .selectFrom('consent_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return {
    ...contact,
    consentHistory: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      source: e.source,
      detail: e.detail,
      messageId: e.message_id,
      createdAt: new Date(e.created_at).toISOString(),
    })),
  };
}

export async function listContacts(
  ctx: AppContext,
  workspaceId: string,
  filter: { phone?: string; tag?: string; q?: string },
  page: PageRequest,
): Promise<Page<ContactWithPhones>> {
  // The list and its search read on the store's reportDb (off the webhooks' thread): a name nobody
  // has is looked for in every contact of the business.
  const db = ctx.store.reportDb;
  let q = db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.phone !== undefined) {
    const phone = normalizePhone(filter.phone);
    if (!phone) return { data: [], nextCursor: null };
    // A merged contact answers to each of its numbers.
    q = q.where((eb) =>
      eb.or([
        eb('phone', '=', phone),
        eb('id', 'in', eb.selectFrom('contact_phones').select('contact_id').where('workspace_id', '=', workspaceId).where('phone', '=', phone)),
      ]),
    );
  }
  if (filter.tag) {
    const tag = filter.tag;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('contact_tags').select('contact_id').where('workspace_id', '=', workspaceId).where('tag', '=', tag),
    );
  }
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('phone', 'like', like)]));
  }
  const result = await paginate(q, 'created_at', 'id', page, (r) => r.created_at);
  const tags = await tagsOf(db, result.data.map((r) => r.id));
  return { data: await withOtherPhones(db, result.data.map((r) => presentContact(r, tags.get(r.id) ?? []))), nextCursor: result.nextCursor };
}

export async function createContact(
  ctx: AppContext,
  workspaceId: string,
  input: z.infer<typeof createContactSchema>,
): Promise<Contact> {
  const now = ctx.clock.now();
  const id = newId('ct', now);
  // A stage must be one of the pipeline's, once the workspace has a pipeline.
  if (input.stage) await assertStageInPipeline(ctx.db, workspaceId, input.stage);
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('contacts')
      .values({ ...newContactRow({ id, workspaceId, phone: input.phone, now, practice: 0 }), name: input.name ?? null })
      .onConflict((oc) => oc.columns(['workspace_id', 'phone']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict(`A contact with phone ${input.phone} exists`, 'phone');
    if (await findOtherPhone(trx, workspaceId, input.phone)) {
      throw conflict(`A contact with phone ${input.phone} exists (it is one of that contact's numbers)`, 'phone');
    }
    await emitEvent(trx, { workspaceId, type: 'contact.created', contactId: id, data: { phone: input.phone, source: 'api' }, now });
    const m = { workspaceId, contactId: id, now, source: 'api' };
    for (const tag of new Set(input.tags ?? [])) await addTag(trx, m, tag);
    // Creating a contact with a stage counts as moving it there (from null).
    if (input.stage) await setStage(trx, m, input.stage);
  });
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId, type: 'contact', id });
  return getContact(ctx, workspaceId, id);
}

export async function updateContact(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  input: z.infer<typeof updateContactSchema>,
): Promise<Contact> {
  await getContactRow(ctx.db, workspaceId, id);
  if (input.stage) await assertStageInPipeline(ctx.db, workspaceId, input.stage);
  const m = { workspaceId, contactId: id, now: ctx.clock.now(), source: 'api' };
  await ctx.db.transaction().execute(async (trx) => {
    if (input.name !== undefined) await setName(trx, m, input.name);
    if (input.stage !== undefined) await setStage(trx, m, input.stage);
  });
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId, type: 'contact', id });
  return getContact(ctx, workspaceId, id);
}

/** Adds a tag; adding one the contact has is a no-op. */
export async function addContactTag(ctx: AppContext, workspaceId: string, id: string, tag: string): Promise<Contact> {
  await getContactRow(ctx.db, workspaceId, id);
  await ctx.db.transaction().execute((trx) => addTag(trx, { workspaceId, contactId: id, now: ctx.clock.now(), source: 'api' }, tag));
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId, type: 'contact', id });
  return getContact(ctx, workspaceId, id);
}

export async function removeContactTag(ctx: AppContext, workspaceId: string, id: string, tag: string): Promise<Contact> {
  await getContactRow(ctx.db, workspaceId, id);
  await ctx.db.transaction().execute((trx) => removeTag(trx, { workspaceId, contactId: id, now: ctx.clock.now(), source: 'api' }, tag));
  ctx.wakeWorker();
  ctx.live.publish({ workspaceId, type: 'contact', id });
  return getContact(ctx, workspaceId, id);
}
