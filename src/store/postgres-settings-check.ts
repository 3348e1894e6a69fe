/**
 * Server settings of PostgreSQL that Textback's speed depends on, checked once at start-up and
 * logged as warnings: nothing else would say why a deployment slows down as it grows.
 *
 * autovacuum: without it no table ever gets planner statistics, so the plans PostgreSQL caches for
 * Textback's named statements (store/database.ts) are the ones it chose while the tables were
 * nearly empty, and nothing replans them. Measured in the bench on such a server: after 1,000 missed
 * calls, the caller and conversation lookups had read ~100,000 and ~180,000 index entries (every
 * contact and conversation of the workspace, per call) instead of one each. Dead rows of the jobs
 * table are never cleaned up either.
 */
import { sql } from 'kysely';
import type { Store } from './database.js';

/** What to tell the operator about the server's settings; empty on SQLite or when all is well. */
export async function postgresSettingWarnings(store: Store): Promise<string[]> {
  if (store.dialect !== 'postgres') return [];
  const { rows } = await sql<{ autovacuum: string }>`show autovacuum`.execute(store.db);
  const warnings: string[] = [];
  if (rows[0]?.autovacuum === 'off') {
    warnings.push(
      'PostgreSQL runs with autovacuum off: tables never get planner statistics or cleanup, so lookups by caller and conversation slow down as they grow. Turn autovacuum on (it is on by default), or run ANALYZE and VACUUM on a schedule.',
    );
  }
  return warnings;
}
