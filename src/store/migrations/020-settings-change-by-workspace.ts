/**
 * On PostgreSQL a change to the tables the number cache holds says which workspace it touched, so a
 * process forgets that business's numbers only (services/number-context-cache.ts), not every
 * business's. Migration 017's statement-level triggers sent one empty `textback_settings`
 * notification per writing transaction: on a platform each number's daily readiness check (and each
 * owner's edit) emptied every process's cache of every number.
 *
 * - Inserts, updates and deletes: a row-level trigger sends the row's workspace id (its
 *   `workspace_id`, or `id` for workspaces), before and after for an update (a number moved to
 *   another workspace is forgotten by both). PostgreSQL folds the same payload sent twice in one
 *   transaction into one notification, so a statement over a business's hundred rows sends one.
 * - TRUNCATE has no rows: its statement-level trigger still sends the empty payload, which empties
 *   the whole cache, as does any process that predates this migration for every payload (a rolling
 *   upgrade mixes both safely: an older process ignores the payload).
 * - SQLite keeps one version counter for every change (017): one process, one business or a few.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { SETTINGS_TABLES } from './017-settings-change-signals.js';

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The column naming each table's workspace. */
const WORKSPACE_COLUMN: Record<(typeof SETTINGS_TABLES)[number], string> = {
  phone_numbers: 'workspace_id',
  workspaces: 'id',
  carrier_accounts: 'workspace_id',
  workflows: 'workspace_id',
};

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // The workspace column is the trigger's argument; to_jsonb reads a column named at run time.
  await sql`create or replace function textback_settings_row_changed() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then perform pg_notify('textback_settings', to_jsonb(old) ->> tg_argv[0]); end if;
        if tg_op <> 'DELETE' then perform pg_notify('textback_settings', to_jsonb(new) ->> tg_argv[0]); end if;
        return null;
      end
    $$`.execute(db);
  for (const table of SETTINGS_TABLES) {
    await sql`drop trigger if exists ${sql.id(`${table}_settings_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`create trigger ${sql.id(`${table}_settings_changed`)} after truncate on ${sql.table(table)}
      for each statement execute procedure textback_settings_changed()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_settings_row_changed`)} after insert or update or delete on ${sql.table(table)}
      for each row execute procedure textback_settings_row_changed(${sql.lit(WORKSPACE_COLUMN[table])})`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of SETTINGS_TABLES) {
    await sql`drop trigger if exists ${sql.id(`${table}_settings_row_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger if exists ${sql.id(`${table}_settings_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`create trigger ${sql.id(`${table}_settings_changed`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute procedure textback_settings_changed()`.execute(db);
  }
  await sql`drop function if exists textback_settings_row_changed()`.execute(db);
}
