/**
 * `textback backup <file>`: a consistent copy of a live SQLite database, made with SQLite's online
 * backup API (better-sqlite3's `.backup()`), which copies page by page and restarts when the server
 * writes meanwhile, so the copy is one moment's state, WAL contents included, and the server never
 * stops. PostgreSQL is backed up with its own tools (pg_dump); pgDumpAdvice says how.
 */
import SQLite from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BackupResult {
  file: string;
  pages: number;
  bytes: number;
}

/** The SQLite file a sqlite: DATABASE_URL names. */
export function sqliteFile(databaseUrl: string): string {
  return resolve(databaseUrl.slice('sqlite:'.length));
}

/**
 * Copies the SQLite database at `source` to `target` (which must not exist) and checks the copy's
 * integrity before it takes its final name, so a file at `target` is always a whole, sound copy.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  const to = resolve(target);
  if (existsSync(to)) throw new Error(`${to} already exists: choose a new file name`);
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const progress = await db.backup(partial);
    const copy = new SQLite(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`);
      // A standalone file: no -wal beside it to lose when it is moved or copied elsewhere.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, to);
    const bytes = statSync(to).size;
    return { file: to, pages: progress.totalPages, bytes };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

/** What to run instead on PostgreSQL (Textback does not wrap pg_dump: use the server's own tools). */
export function pgDumpAdvice(databaseUrl: string): string {
  const safeUrl = databaseUrl.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1@');
  return [
    'DATABASE_URL is PostgreSQL: back it up with pg_dump, which takes a consistent snapshot while Textback runs:',
    '',
    `  pg_dump --format=custom --file=textback-$(date +%F).dump "${safeUrl}"`,
    '',
    'Restore into an empty database with:',
    '',
    '  createdb textback_restored',
    '  pg_restore --no-owner --dbname=textback_restored textback-YYYY-MM-DD.dump',
    '',
    'Keep SECRET_KEY with the backup (stored carrier and model credentials are encrypted with it). See docs/operations.md.',
  ].join('\n');
}
