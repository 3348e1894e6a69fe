/**
 * A platform's history before the measured calls: the bench otherwise plays its calls into a
 * database that is empty but for its warm-up, and a deployment's database is not. An agency's
 * holds years of other businesses' callers, calls, conversations and texts, a self-hosted
 * business's years of its own, so every index the hot path reads or writes is deeper and wider
 * than the cache, and the per-business indexes of a large business are long.
 *
 * The history is made of the rows the warm-up left (the bench's business's ~1,000 callers, their
 * calls, conversations and texts, as Textback wrote them): each is copied `copies` times, spread
 * over `businesses` businesses (copy n goes to business n mod businesses; business 0 is the bench's
 * own, the others are copies of it with a number of their own). Every key is made new by a suffix
 * (ids, carrier ids) or a number of its own (callers: +1 600 …, never a bench caller's area code;
 * numbers: +1 888 …), and every time is moved back n minutes, so the copies sit in the indexes as
 * older rows. INSERT … SELECT per table and batch of copies, then what autovacuum would do after a
 * bulk load (PostgreSQL: VACUUM ANALYZE, then a CHECKPOINT; SQLite: ANALYZE). The caller writes it
 * while Textback has nothing to write: on SQLite the batches follow each other with hardly a gap, and
 * a write of Textback's waiting behind them can wait out its busy timeout (bench/run.ts prepareRun).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CALL_COLUMNS, CONTACT_COLUMNS, CONVERSATION_COLUMNS, MESSAGE_COLUMNS, PHONE_NUMBER_COLUMNS, WORKSPACE_COLUMNS } from '../src/store/row-columns.js';
import type { TestDialect } from '../test/support/test-database.js';

export interface PrefillOptions {
  /** Copies of the warm-up's rows (at most 999). */
  copies: number;
  /** Businesses they are spread over, the bench's own included (at least 1). */
  businesses: number;
  /** The bench's business's number (E.164): finds its business and the template rows. */
  benchNumber: string;
  dialect: TestDialect;
}

export interface PrefillReport {
  rows: Record<(typeof HISTORY_TABLES)[number], number>;
  /** Tables and their indexes (PostgreSQL), the whole file (SQLite), MB. */
  totalMb: number;
  seconds: number;
}

const HISTORY_TABLES = ['contacts', 'calls', 'conversations', 'messages'] as const;
/** Every column of each table copied: the project's own lists, which the build checks against the schema. */
const COLUMNS = {
  workspaces: WORKSPACE_COLUMNS,
  phone_numbers: PHONE_NUMBER_COLUMNS,
  contacts: CONTACT_COLUMNS,
  calls: CALL_COLUMNS,
  conversations: CONVERSATION_COLUMNS,
  messages: MESSAGE_COLUMNS,
} as const;
type CopiedTable = keyof typeof COLUMNS;
const HELPER_TABLES = ['bench_prefill_callers', 'bench_prefill_templates', 'bench_prefill_n', 'bench_prefill_businesses', 'bench_prefill_copies'] as const;
const MINUTE_MS = 60_000;
/** Callers get +1 600 then 7 digits: copy × 10,000 + the template caller's rank. */
const MAX_TEMPLATE_CALLERS = 9_999;
const MAX_COPIES = 999;
/** Copies per INSERT: ~10,000 rows on SQLite, well under a second of holding its write lock. */
const COPIES_PER_STATEMENT = { sqlite: 10, postgres: 100 } as const;

export async function prefillHistory(pool: Kysely<any>, opts: PrefillOptions): Promise<PrefillReport> {
  // One connection for all of it, so on PostgreSQL one backend holds the load's statistics and
  // flushes them at the end (below).
  return pool.connection().execute((db) => prefillOn(db, opts));
}

async function prefillOn(db: Kysely<any>, opts: PrefillOptions): Promise<PrefillReport> {
  if (!(opts.copies >= 1 && opts.copies <= MAX_COPIES)) throw new Error(`BENCH_PREFILL must be 1–${MAX_COPIES} copies of the warm-up's rows`);
  if (!(opts.businesses >= 1)) throw new Error('BENCH_PREFILL_BUSINESSES must be at least 1');
  const started = performance.now();
  const bench = (
    await sql<{ id: string; workspace_id: string }>`select id, workspace_id from phone_numbers where number = ${opts.benchNumber}`.execute(db)
  ).rows[0];
  if (!bench) throw new Error(`prefill: no number ${opts.benchNumber}`);
  const ws = bench.workspace_id;

  const pg = opts.dialect === 'postgres';
  /** n as 7 digits with leading zeros. */
  const sevenDigits = (n: RawBuilder<unknown>) => (pg ? sql`lpad((${n})::text, 7, '0')` : sql`printf('%07d', ${n})`);
  const text = (value: string) => sql`cast(${value} as text)`;
  /** A table of the integers 1..count (generate_series is PostgreSQL's; SQLite has no such function built in). */
  const integers = (name: string, count: number) =>
    sql`create table ${sql.table(name)} as with recursive s(i) as (select 1 where ${count} >= 1 union all select i + 1 from s where i < ${count}) select i from s`;

  for (const helper of HELPER_TABLES) await sql`drop table if exists ${sql.table(helper)}`.execute(db);
  // Each template caller's rank, from which its copies' numbers are made.
  await sql`create table bench_prefill_callers as select phone, row_number() over (order by phone) as r from contacts where workspace_id = ${ws}`.execute(db);
  await sql`create unique index bench_prefill_callers_phone on bench_prefill_callers (phone)`.execute(db);
  const callers = Number((await sql<{ n: string }>`select count(*) as n from bench_prefill_callers`.execute(db)).rows[0]!.n);
  if (callers === 0 || callers > MAX_TEMPLATE_CALLERS) throw new Error(`prefill: the warm-up must leave 1–${MAX_TEMPLATE_CALLERS} callers (it left ${callers})`);
  // The rows to copy: the warm-up's, fixed before the first copy (a batch's copies may land in the
  // bench's own business, where the next batch must not copy them again).
  await sql`create table bench_prefill_templates (id text primary key)`.execute(db);
  for (const table of HISTORY_TABLES) await sql`insert into bench_prefill_templates (id) select id from ${sql.table(table)} where workspace_id = ${ws}`.execute(db);
  // Where copy n goes: its business, number and the number's E.164.
  await integers('bench_prefill_n', opts.copies).execute(db);
  await integers('bench_prefill_businesses', opts.businesses - 1).execute(db);
  // As an integer: SQLite binds a JavaScript number as a real, and 3 % 7.0 would name business "3.0".
  const b = sql`cast(i % ${opts.businesses} as integer)`;
  await sql`
    create table bench_prefill_copies as
    select i as n,
      case when ${b} = 0 then ${text(ws)} else ${text(ws)} || '_w' || ${b} end as ws,
      case when ${b} = 0 then ${text(bench.id)} else ${text(bench.id)} || '_w' || ${b} end as num,
      case when ${b} = 0 then ${text(opts.benchNumber)} else '+1888' || ${sevenDigits(b)} end as e164
    from bench_prefill_n`.execute(db);
  // Each batch of copies is looked up by n (SQLite would otherwise scan every copy for each row).
  await sql`create unique index bench_prefill_copies_n on bench_prefill_copies (n)`.execute(db);

  const newCaller = sql`'+1600' || ${sevenDigits(sql`x.n * 10000 + p.r`)}`;
  const back = (column: string) => sql`${sql.ref(column)} - x.n * ${MINUTE_MS}`;
  const suffixed = (column: string) => sql`${sql.ref(column)} || '_' || x.n`;

  /** The warm-up's rows of `table` (aliased `alias` in `from`), copied in batches of copies. */
  const copy = (table: (typeof HISTORY_TABLES)[number], alias: string, from: RawBuilder<unknown>, overrides: Overrides) =>
    copyRows(db, {
      table,
      alias,
      from,
      where: sql`${sql.ref(`${alias}.id`)} in (select id from bench_prefill_templates)`,
      overrides,
      batches: { copies: opts.copies, perStatement: COPIES_PER_STATEMENT[opts.dialect] },
    });
  await copyRows(db, {
    table: 'workspaces',
    alias: 'w',
    from: sql`workspaces w cross join bench_prefill_businesses k`,
    where: sql`w.id = ${ws}`,
    overrides: { id: sql`w.id || '_w' || k.i`, name: sql`w.name || ' ' || k.i` },
  });
  await copyRows(db, {
    table: 'phone_numbers',
    alias: 'pn',
    from: sql`phone_numbers pn cross join bench_prefill_businesses k`,
    where: sql`pn.id = ${bench.id}`,
    overrides: { id: sql`pn.id || '_w' || k.i`, workspace_id: sql`${text(ws)} || '_w' || k.i`, number: sql`'+1888' || ${sevenDigits(sql`k.i`)}` },
  });
  await copy('contacts', 'c', sql`contacts c join bench_prefill_callers p on p.phone = c.phone cross join bench_prefill_copies x`, {
    id: suffixed('c.id'),
    workspace_id: sql`x.ws`,
    phone: newCaller,
    created_at: back('c.created_at'),
    updated_at: back('c.updated_at'),
  });
  await copy('calls', 'ca', sql`calls ca join bench_prefill_callers p on p.phone = ca.from_number cross join bench_prefill_copies x`, {
    id: suffixed('ca.id'),
    workspace_id: sql`x.ws`,
    phone_number_id: sql`x.num`,
    contact_id: suffixed('ca.contact_id'),
    carrier_call_id: suffixed('ca.carrier_call_id'),
    from_number: newCaller,
    to_number: sql`x.e164`,
    textback_message_id: suffixed('ca.textback_message_id'),
    started_at: back('ca.started_at'),
    created_at: back('ca.created_at'),
    updated_at: back('ca.updated_at'),
  });
  await copy('conversations', 'cv', sql`conversations cv cross join bench_prefill_copies x`, {
    id: suffixed('cv.id'),
    workspace_id: sql`x.ws`,
    contact_id: suffixed('cv.contact_id'),
    phone_number_id: sql`x.num`,
    last_message_at: back('cv.last_message_at'),
    created_at: back('cv.created_at'),
    updated_at: back('cv.updated_at'),
  });
  await copy(
    'messages',
    'm',
    sql`messages m join bench_prefill_callers p on p.phone = case when m.direction = 'outbound' then m.to_number else m.from_number end cross join bench_prefill_copies x`,
    {
      id: suffixed('m.id'),
      workspace_id: sql`x.ws`,
      conversation_id: suffixed('m.conversation_id'),
      contact_id: suffixed('m.contact_id'),
      phone_number_id: sql`x.num`,
      carrier_message_id: suffixed('m.carrier_message_id'),
      call_id: suffixed('m.call_id'),
      from_number: sql`case when m.direction = 'outbound' then x.e164 else ${newCaller} end`,
      to_number: sql`case when m.direction = 'outbound' then ${newCaller} else x.e164 end`,
      created_at: back('m.created_at'),
      updated_at: back('m.updated_at'),
      sent_at: back('m.sent_at'),
    },
  );
  for (const helper of HELPER_TABLES) await sql`drop table ${sql.table(helper)}`.execute(db);
  if (pg) {
    for (const table of ['workspaces', 'phone_numbers', ...HISTORY_TABLES]) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
    // The load wrote gigabytes: flush them now, so the run does not share the machine with the
    // checkpoint that would otherwise write them back during it. The run then starts where every
    // checkpoint cycle starts: the first change to each page writes the whole page to the WAL.
    await sql`checkpoint`.execute(db);
    // A backend reports its WAL and row counts to the server's statistics at most once a second; the
    // run reads pg_stat_wal right after this, and must not count the load's gigabytes as its own.
    await sql`select pg_stat_force_next_flush()`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }

  const rows = {} as PrefillReport['rows'];
  let bytes = 0;
  for (const table of HISTORY_TABLES) {
    rows[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
    if (pg) bytes += Number((await sql<{ bytes: string }>`select pg_total_relation_size(${table}::regclass) as bytes`.execute(db)).rows[0]!.bytes);
  }
  if (!pg) bytes = Number((await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(db)).rows[0]!.bytes);
  return { rows, totalMb: Math.round(bytes / 2 ** 20), seconds: Math.round((performance.now() - started) / 100) / 10 };
}

type Overrides = Record<string, RawBuilder<unknown>>;

interface CopyRows {
  table: CopiedTable;
  /** The table's rows in `from`. */
  alias: string;
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  /** Column → what it becomes; every other column is copied as it is. */
  overrides: Overrides;
  /** With bench_prefill_copies as `x` in `from`: its copies, written `perStatement` at a time. */
  batches?: { copies: number; perStatement: number };
}

/** INSERT INTO table SELECT each row of `from` … `where` with `overrides` replacing its columns. */
async function copyRows(db: Kysely<any>, c: CopyRows): Promise<void> {
  const columns = COLUMNS[c.table];
  const values = columns.map((column) => c.overrides[column] ?? sql.ref(`${c.alias}.${column}`));
  const insert = (batch: RawBuilder<unknown>) =>
    sql`insert into ${sql.table(c.table)} (${sql.join(columns.map((column) => sql.ref(column)))}) select ${sql.join(values)} from ${c.from} where ${c.where} and ${batch}`.execute(db);
  if (!c.batches) return void (await insert(sql`1 = 1`));
  const { copies, perStatement } = c.batches;
  for (let first = 1; first <= copies; first += perStatement) await insert(sql`x.n between ${first} and ${first + perStatement - 1}`);
}
