/**
 * A platform's history before the measured calls (PostgreSQL): the bench otherwise plays its calls
 * into a database that is empty but for its warm-up, and an agency's database is not. Its tables
 * hold years of other businesses' callers, calls, conversations and texts, so every index the hot
 * path reads or writes is deeper and wider than the cache, and the per-business indexes of a large
 * business are long.
 *
 * The history is made of the rows the warm-up left (the bench's business's ~1,000 callers, their
 * calls, conversations and texts, as Textback wrote them): each is copied `copies` times, spread
 * over `businesses` businesses (copy n goes to business n mod businesses; business 0 is the bench's
 * own, the others are copies of it with a number of their own). Every key is made new by a suffix
 * (ids, carrier ids) or a number of its own (callers: +1 600 …, never a bench caller's area code;
 * numbers: +1 888 …), and every time is moved back n minutes, so the copies sit in the indexes as
 * older rows. One INSERT … SELECT per table, then VACUUM ANALYZE, as autovacuum would do after a
 * bulk load, and a CHECKPOINT. PostgreSQL only: SQLite is the one-business deployment.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';

export interface PrefillOptions {
  /** Copies of the warm-up's rows (at most 999). */
  copies: number;
  /** Businesses they are spread over, the bench's own included (at least 1). */
  businesses: number;
  /** The bench's business's number (E.164): finds its business and the template rows. */
  benchNumber: string;
}

export interface PrefillReport {
  rows: Record<(typeof HISTORY_TABLES)[number], number>;
  /** Tables and their indexes, MB. */
  totalMb: number;
  seconds: number;
}

const HISTORY_TABLES = ['contacts', 'calls', 'conversations', 'messages'] as const;
const MINUTE_MS = 60_000;
/** Callers get +1 600 then 7 digits: copy × 10,000 + the template caller's rank. */
const MAX_TEMPLATE_CALLERS = 9_999;
const MAX_COPIES = 999;

export async function prefillHistory(pool: Kysely<any>, opts: PrefillOptions): Promise<PrefillReport> {
  // One connection for all of it, so one backend holds the load's statistics and flushes them at
  // the end (below).
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

  await sql`drop table if exists bench_prefill_callers, bench_prefill_copies`.execute(db);
  // Each template caller's rank, from which its copies' numbers are made.
  await sql`create table bench_prefill_callers as select phone, row_number() over (order by phone) as r from contacts where workspace_id = ${ws}`.execute(db);
  const callers = Number((await sql<{ n: string }>`select count(*) as n from bench_prefill_callers`.execute(db)).rows[0]!.n);
  if (callers === 0 || callers > MAX_TEMPLATE_CALLERS) throw new Error(`prefill: the warm-up must leave 1–${MAX_TEMPLATE_CALLERS} callers (it left ${callers})`);
  // Where copy n goes: its business, number and the number's E.164.
  await sql`
    create table bench_prefill_copies as
    select n,
      case when n % ${opts.businesses} = 0 then ${ws}::text else ${ws} || '_w' || (n % ${opts.businesses}) end as ws,
      case when n % ${opts.businesses} = 0 then ${bench.id}::text else ${bench.id} || '_w' || (n % ${opts.businesses}) end as num,
      case when n % ${opts.businesses} = 0 then ${opts.benchNumber}::text else '+1888' || lpad((n % ${opts.businesses})::text, 7, '0') end as e164
    from generate_series(1, ${opts.copies}) n`.execute(db);

  const newCaller = sql`'+1600' || lpad((x.n * 10000 + p.r)::text, 7, '0')`;
  const back = (column: string) => sql`${sql.ref(column)} - x.n * ${MINUTE_MS}`;
  const suffixed = (column: string) => sql`${sql.ref(column)} || '_' || x.n`;

  await copyRows(db, 'workspaces', 'w', sql`workspaces w, generate_series(1, ${opts.businesses - 1}) k`, sql`w.id = ${ws}`, {
    id: sql`w.id || '_w' || k`,
    name: sql`w.name || ' ' || k`,
  });
  await copyRows(db, 'phone_numbers', 'pn', sql`phone_numbers pn, generate_series(1, ${opts.businesses - 1}) k`, sql`pn.id = ${bench.id}`, {
    id: sql`pn.id || '_w' || k`,
    workspace_id: sql`${ws} || '_w' || k`,
    number: sql`'+1888' || lpad(k::text, 7, '0')`,
  });
  await copyRows(db, 'contacts', 'c', sql`contacts c join bench_prefill_callers p on p.phone = c.phone cross join bench_prefill_copies x`, sql`c.workspace_id = ${ws}`, {
    id: suffixed('c.id'),
    workspace_id: sql`x.ws`,
    phone: newCaller,
    created_at: back('c.created_at'),
    updated_at: back('c.updated_at'),
  });
  await copyRows(db, 'calls', 'ca', sql`calls ca join bench_prefill_callers p on p.phone = ca.from_number cross join bench_prefill_copies x`, sql`ca.workspace_id = ${ws}`, {
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
  await copyRows(db, 'conversations', 'cv', sql`conversations cv cross join bench_prefill_copies x`, sql`cv.workspace_id = ${ws}`, {
    id: suffixed('cv.id'),
    workspace_id: sql`x.ws`,
    contact_id: suffixed('cv.contact_id'),
    phone_number_id: sql`x.num`,
    last_message_at: back('cv.last_message_at'),
    created_at: back('cv.created_at'),
    updated_at: back('cv.updated_at'),
  });
  await copyRows(
    db,
    'messages',
    'm',
    sql`messages m join bench_prefill_callers p on p.phone = case when m.direction = 'outbound' then m.to_number else m.from_number end cross join bench_prefill_copies x`,
    sql`m.workspace_id = ${ws}`,
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
  await sql`drop table bench_prefill_callers, bench_prefill_copies`.execute(db);
  for (const table of ['workspaces', 'phone_numbers', ...HISTORY_TABLES]) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  // The load wrote gigabytes: flush them now, so the run does not share the machine with the
  // checkpoint that would otherwise write them back during it. The run then starts where every
  // checkpoint cycle starts: the first change to each page writes the whole page to the WAL.
  await sql`checkpoint`.execute(db);
  // A backend reports its WAL and row counts to the server's statistics at most once a second; the
  // run reads pg_stat_wal right after this, and must not count the load's gigabytes as its own.
  await sql`select pg_stat_force_next_flush()`.execute(db);

  const rows = {} as PrefillReport['rows'];
  let bytes = 0;
  for (const table of HISTORY_TABLES) {
    const r = (await sql<{ n: string; bytes: string }>`select count(*) as n, pg_total_relation_size(${table}::regclass) as bytes from ${sql.table(table)}`.execute(db)).rows[0]!;
    rows[table] = Number(r.n);
    bytes += Number(r.bytes);
  }
  return { rows, totalMb: Math.round(bytes / 2 ** 20), seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/**
 * INSERT INTO table SELECT each row of `from` … `where` (the table's rows aliased `alias`) with `overrides` (column → SQL)
 * replacing its columns: whatever other columns the table has are copied as they are, so a
 * migration that adds one needs no change here.
 */
async function copyRows(
  db: Kysely<any>,
  table: string,
  alias: string,
  from: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  overrides: Record<string, RawBuilder<unknown>>,
): Promise<void> {
  const pairs = Object.entries(overrides).flatMap(([column, value]) => [sql.lit(column), value]);
  // Lateral, not (f(…)).*: that form calls f once per column of the table.
  await sql`
    insert into ${sql.table(table)}
    select copy.* from ${from}
    cross join lateral jsonb_populate_record(null::${sql.table(table)}, to_jsonb(${sql.ref(alias)}) || jsonb_build_object(${sql.join(pairs)})) copy
    where ${where}`.execute(db);
}
