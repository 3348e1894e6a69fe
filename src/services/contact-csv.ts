/**
 * Contacts in and out as CSV, and calls out. Import reads a header row (phone is required; name,
 * tags — separated by ; or | — and stage are optional; common header spellings accepted), checks
 * every row and reports each row's problem in words with its line number. A preview changes
 * nothing; an import applies the good rows in one transaction (rows with problems are left out
 * only when asked, otherwise nothing is stored). An existing phone is updated, not duplicated.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { csvCell, csvLine, parseCsv } from '../domain/csv.js';
import { normalizePhone } from '../domain/phone.js';
import { badRequest } from '../errors.js';
import { addTag, setName, setStage } from './contact-mutations.js';
import { tagSchema, upsertContactByPhone } from './contacts.js';
import { findOtherPhone } from './contact-phones.js';
import { DEFAULT_TYPED_COUNTRY } from './phone-schema.js';
import { pipelineStages } from './pipeline.js';

export const contactImportSchema = z
  .object({
    csv: z.string().min(1).max(2_000_000),
    dryRun: z.boolean().default(true),
    skipInvalid: z.boolean().default(false),
  })
  .strict();

export interface ImportRow {
  line: number;
  phone: string | null;
  name: string | null;
  tags: string[];
  stage: string | null;
  action: 'create' | 'update' | 'error';
  error: string | null;
}

export interface ImportResult {
  rows: ImportRow[];
  created: number;
  updated: number;
  errors: number;
  applied: boolean;
}

const HEADERS: Record<string, 'phone' | 'name' | 'tags' | 'stage'> = {
  phone: 'phone', 'phone number': 'phone', mobile: 'phone', 'mobile phone': 'phone', number: 'phone', cell: 'phone',
  name: 'name', 'full name': 'name', contact: 'name',
  tags: 'tags', tag: 'tags', labels: 'tags',
  stage: 'stage', 'pipeline stage': 'stage', status: 'stage',
};
const MAX_ROWS = 10_000;

export async function importContacts(ctx: AppContext, workspaceId: string, input: z.infer<typeof contactImportSchema>): Promise<ImportResult> {
  const parsed = parseCsv(input.csv);
  const header = parsed.shift();
  if (!header) throw badRequest('CSV: the file is empty. Put a header row first, e.g. phone,name,tags,stage.', 'csv');
  const columns = header.cells.map((h) => HEADERS[h.trim().toLowerCase()] ?? null);
  if (!columns.includes('phone')) {
    throw badRequest(`CSV: no "phone" column in the header row (found: ${header.cells.map((c) => `"${c.trim()}"`).join(', ')}). Name the phone column "phone".`, 'csv');
  }
  if (parsed.length > MAX_ROWS) throw badRequest(`CSV: ${parsed.length} rows is too many; import at most ${MAX_ROWS} at a time.`, 'csv');
  const stages = await pipelineStages(ctx.db, workspaceId);
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (const r of parsed) {
    const get = (col: string) => {
      const i = columns.indexOf(col as never);
      return i >= 0 ? (r.cells[i] ?? '').trim() : '';
    };
    const rawPhone = get('phone');
    const phone = normalizePhone(rawPhone, DEFAULT_TYPED_COUNTRY);
    const name = get('name') || null;
    const tags = get('tags').split(/[;|]/).map((t) => t.trim()).filter(Boolean);
    const stage = get('stage') || null;
    let error: string | null = null;
    if (!rawPhone) error = 'Phone is empty: every row needs a phone number.';
    else if (!phone) error = `Phone "${rawPhone}" is not a phone number we can use: include the area code, e.g. (512) 555-0199.`;
    else if (seen.has(phone)) error = `Phone ${phone} is already on line ${seen.get(phone)}: keep one row per phone.`;
    else if (name && name.length > 120) error = 'Name is too long: use at most 120 characters.';
    else if (stage && stages.length > 0 && !stages.includes(stage)) error = `Stage "${stage}" is not in your pipeline (${stages.join(', ')}): use one of those or leave it empty.`;
    else {
      const badTag = tags.find((t) => !tagSchema.safeParse(t).success);
      if (badTag) error = `Tag "${badTag}" can hold letters, digits, spaces and _ - : . only (at most 64 characters).`;
    }
    if (phone && !seen.has(phone)) seen.set(phone, r.line);
    rows.push({ line: r.line, phone, name, tags, stage, action: error ? 'error' : 'create', error });
  }
  const phones = rows.filter((r) => r.action !== 'error').map((r) => r.phone as string);
  const existing = new Set<string>();
  for (let i = 0; i < phones.length; i += 500) {
    const found = await ctx.db.selectFrom('contacts').select('phone').where('workspace_id', '=', workspaceId).where('phone', 'in', phones.slice(i, i + 500)).execute();
    for (const f of found) existing.add(f.phone);
    // A merged contact's further number updates that contact.
    const others = await ctx.db.selectFrom('contact_phones').select('phone').where('workspace_id', '=', workspaceId).where('phone', 'in', phones.slice(i, i + 500)).execute();
    for (const f of others) existing.add(f.phone);
  }
  for (const r of rows) if (r.action === 'create' && existing.has(r.phone as string)) r.action = 'update';
  const errors = rows.filter((r) => r.action === 'error').length;
  const result = (applied: boolean): ImportResult => ({
    rows,
    created: rows.filter((r) => r.action === 'create').length,
    updated: rows.filter((r) => r.action === 'update').length,
    errors,
    applied,
  });
  if (input.dryRun) return result(false);
  if (errors > 0 && !input.skipInvalid) {
    const first = rows.find((r) => r.error)!;
    throw badRequest(`CSV line ${first.line}: ${first.error} (${errors} row${errors === 1 ? ' has a' : 's have'} problems; fix them or import the others only.)`, 'csv');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      if (r.action === 'error') continue;
      // An import is not the person reaching us: a merged contact's further number stays a further
      // number (replies keep going where the person last wrote from).
      const other = await findOtherPhone(trx, workspaceId, r.phone as string);
      const contactId = other ? other.contact_id : (await upsertContactByPhone(trx, workspaceId, r.phone as string, now, { source: 'import' })).contact.id;
      const m = { workspaceId, contactId, now, source: 'import' };
      if (r.name) await setName(trx, m, r.name);
      for (const t of r.tags) await addTag(trx, m, t);
      if (r.stage) await setStage(trx, m, r.stage);
    }
  });
  ctx.wakeWorker();
  return result(true);
}

export async function exportContactsCsv(ctx: AppContext, workspaceId: string): Promise<string> {
  // Every contact of the business: read on the store's reportDb, off the webhooks' thread.
  const contacts = await ctx.store.reportDb.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
  const tags = await ctx.store.reportDb.selectFrom('contact_tags').select(['contact_id', 'tag']).where('workspace_id', '=', workspaceId).execute();
  const byContact = new Map<string, string[]>();
  for (const t of tags) byContact.set(t.contact_id, [...(byContact.get(t.contact_id) ?? []), t.tag]);
  let out = csvLine(['phone', 'name', 'tags', 'stage', 'opted_out', 'textable', 'created_at']);
  for (const c of contacts) {
    out += csvLine([
      csvCell(c.phone),
      csvCell(c.name, { text: true }),
      csvCell((byContact.get(c.id) ?? []).sort().join(';'), { text: true }),
      csvCell(c.stage, { text: true }),
      csvCell(c.opted_out === 1 ? 'yes' : 'no'),
      csvCell(c.textable === 1 ? 'yes' : 'no'),
      csvCell(new Date(Number(c.created_at)).toISOString()),
    ]);
  }
  return out;
}

/** Every call with its outcome and text-back status and reason, newest first. */
export async function exportCallsCsv(ctx: AppContext, workspaceId: string): Promise<string> {
  // Up to 100,000 calls: read on the store's reportDb, off the webhooks' thread.
  const calls = await ctx.store.reportDb
    .selectFrom('calls')
    .leftJoin('phone_numbers', 'phone_numbers.id', 'calls.phone_number_id')
    .select(['calls.started_at', 'calls.from_number', 'calls.to_number', 'phone_numbers.name as numberName', 'calls.outcome', 'calls.textback_status', 'calls.textback_reason', 'calls.carrier_call_id'])
    .where('calls.workspace_id', '=', workspaceId)
    .orderBy('calls.started_at', 'desc')
    .limit(100_000)
    .execute();
  let out = csvLine(['started_at', 'from', 'to', 'number_name', 'outcome', 'textback_status', 'textback_reason', 'carrier_call_id']);
  for (const c of calls) {
    out += csvLine([
      csvCell(new Date(Number(c.started_at)).toISOString()),
      csvCell(c.from_number, { text: true }),
      csvCell(c.to_number),
      csvCell(c.numberName, { text: true }),
      csvCell(c.outcome),
      csvCell(c.textback_status),
      csvCell(c.textback_reason, { text: true }),
      csvCell(c.carrier_call_id, { text: true }),
    ]);
  }
  return out;
}
