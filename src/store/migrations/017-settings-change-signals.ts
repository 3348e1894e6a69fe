/**
 * Signals that a number's settings context changed, for the per-process cache of it
 * (services/number-context-cache.ts). Every insert, update and delete on the tables the cache
 * holds (phone_numbers, workspaces, carrier_accounts, workflows) fires a trigger, so a write from
 * anywhere is seen: this process, another web or worker process, the CLI, raw SQL.
 * - PostgreSQL: one statement-level trigger per table (and TRUNCATE) sends
 *   `pg_notify('textback_settings', '')`. NOTIFY is delivered when the writing transaction commits
 *   and once per transaction (same channel and payload fold into one).
 * - SQLite has no NOTIFY: row-level triggers bump the one row of `settings_version`, which a
 *   process compares with the value its cache was filled at (one tiny statement per cached read).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export const SETTINGS_TABLES = ['phone_numbers', 'workspaces', 'carrier_accounts', 'workflows'] as const;

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create or replace function textback_settings_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('textback_settings', '');
        return null;
      end
    $$`.execute(db);
    for (const table of SETTINGS_TABLES) {
      await sql`create trigger ${sql.id(`${table}_settings_changed`)} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute procedure textback_settings_changed()`.execute(db);
    }
    return;
  }
  await db.schema
    .createTable('settings_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('settings_version').values({ id: 1, version: 0 }).execute();
  for (const table of SETTINGS_TABLES) {
    for (const event of ['insert', 'update', 'delete'] as const) {
      await sql`create trigger ${sql.id(`${table}_settings_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        begin update settings_version set version = version + 1 where id = 1; end`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of SETTINGS_TABLES) await sql`drop trigger if exists ${sql.id(`${table}_settings_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function if exists textback_settings_changed()`.execute(db);
    return;
  }
  for (const table of SETTINGS_TABLES) {
    for (const event of ['insert', 'update', 'delete'] as const) await sql`drop trigger if exists ${sql.id(`${table}_settings_${event}`)}`.execute(db);
  }
  await db.schema.dropTable('settings_version').ifExists().execute();
}
