/**
 * What autovacuum would do, for a PostgreSQL server that runs without it (this machine's test
 * server: `autovacuum = off`). Without it the tables a run fills never get planner statistics (with
 * none, PostgreSQL once scanned every contact of the workspace for each voice webhook instead of
 * using the unique (workspace_id, phone) index), and a churning queue table keeps every dead row.
 *
 * Autovacuum's own rule, with the server's own thresholds (their defaults: a table is analyzed
 * once 50 + 10% of its rows changed, vacuumed once 50 + 20% of them are dead or 1,000 + 20% were
 * inserted since its last vacuum), checked against the statistics collector when it starts and then
 * once per the server's `autovacuum_naptime` (1 min by default), as autovacuum visits a database.
 * Round 7's soak vacuumed and analyzed every hot table at every 10-second sample, whatever had
 * changed: rereading calls, contacts and conversations as they grew by 100,000 rows each, it
 * slowed the soak it measured (docs/performance.md, round 8). Rounds 8–25 checked every 2 s: the
 * small tables a run churns (jobs) were analyzed thirty times as often as autovacuum could, and each
 * ANALYZE makes every connection that runs a statement reading the table plan it again (the worker's
 * claim: ~6.5 ms a plan, in each of forty connections with two workers; round 26).
 *
 * On a server with autovacuum on it does nothing: the server's own autovacuum does the work.
 */
import { sql, type Kysely } from 'kysely';

/** The tables a missed call writes. */
const HOT_TABLES = ['calls', 'contacts', 'contact_phones', 'conversations', 'messages', 'jobs', 'textback_cooldowns'];

interface Due {
  table: string;
  vacuum: boolean;
  analyze: boolean;
}

export interface AutovacuumStandIn {
  /** VACUUM and ANALYZE runs so far, for the report. */
  readonly counts: { vacuums: number; analyzes: number };
  /** Stops checking, once the check under way finished. */
  stop(): Promise<void>;
}

/**
 * Starts the stand-in when the server's autovacuum is off; null (nothing started) when it is on.
 * Resolves once its first check has done what was due. `checkEveryMs` replaces the naptime.
 */
export async function startAutovacuumStandIn(db: Kysely<any>, checkEveryMs?: number): Promise<AutovacuumStandIn | null> {
  const setting = (await sql<{ autovacuum: string }>`show autovacuum`.execute(db)).rows[0]?.autovacuum;
  if (setting !== 'off') return null;
  const naptimeS = (await sql<{ setting: string }>`select setting from pg_settings where name = 'autovacuum_naptime'`.execute(db)).rows[0]?.setting;
  const everyMs = checkEveryMs ?? Number(naptimeS ?? 60) * 1000;
  const counts = { vacuums: 0, analyzes: 0 };
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const check = () => {
    if (busy) return; // a long vacuum: the next check waits for it, as one autovacuum worker would
    busy = true;
    running = (async () => {
      for (const due of await dueTables(db)) {
        if (due.vacuum) counts.vacuums++;
        if (due.analyze) counts.analyzes++;
        const what = due.vacuum && due.analyze ? 'vacuum (analyze)' : due.vacuum ? 'vacuum' : 'analyze';
        await sql`${sql.raw(what)} ${sql.table(due.table)}`.execute(db);
      }
    })().finally(() => (busy = false));
  };
  // At once: what the warm-up wrote gets its statistics, as a database that has been running would
  // have them (a new database's first plans, made on empty tables, are the worst: round 6).
  check();
  await running;
  const timer = setInterval(check, everyMs);
  return {
    counts,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** The hot tables autovacuum would vacuum or analyze now, by its thresholds on this server. */
async function dueTables(db: Kysely<any>): Promise<Due[]> {
  const { rows } = await sql<{ table: string; vacuum: boolean; analyze: boolean }>`
    select s.relname as table,
      s.n_dead_tup > current_setting('autovacuum_vacuum_threshold')::float8
          + current_setting('autovacuum_vacuum_scale_factor')::float8 * greatest(c.reltuples, 0)
        or s.n_ins_since_vacuum > current_setting('autovacuum_vacuum_insert_threshold')::float8
          + current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * greatest(c.reltuples, 0)
        as vacuum,
      s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
          + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)
        as analyze
    from pg_stat_user_tables s
    join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema() and s.relname in (${sql.join(HOT_TABLES)})
    order by s.relname`.execute(db);
  return rows.filter((r) => r.vacuum || r.analyze);
}
