/**
 * /readyz: can this installation do its job right now? Three checks, each with a message a person
 * can act on: the database answers, every migration this build knows is applied, and some worker
 * has beaten its heartbeat recently (the worker sends what the webhooks queue; without one, calls
 * are recorded but nobody is texted back).
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { migrations } from '../store/migrations/index.js';
import { HEARTBEAT_STALE_MS } from './worker-heartbeat.js';

export interface ReadinessCheck {
  ok: boolean;
  message: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; migrations: ReadinessCheck; worker: ReadinessCheck };
}

/** A database that hangs (network partition) must not hang the probe. */
const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function checkReadiness(ctx: AppContext): Promise<Readiness> {
  const fail = (message: string): ReadinessCheck => ({ ok: false, message });
  const notChecked = fail('not checked: the database is unreachable');

  let database: ReadinessCheck;
  try {
    await withTimeout(sql`select 1`.execute(ctx.db), 'The database');
    database = { ok: true, message: `${ctx.store.dialect} answers` };
  } catch (err) {
    database = fail(`The database is unreachable: ${errorText(err)}`);
    return { ready: false, checks: { database, migrations: notChecked, worker: notChecked } };
  }

  let migrationsCheck: ReadinessCheck;
  try {
    const rows = await withTimeout(ctx.db.selectFrom('kysely_migration' as never).select('name' as never).execute(), 'The database');
    const applied = new Set(rows.map((r) => (r as { name: string }).name));
    const missing = Object.keys(migrations).filter((name) => !applied.has(name));
    migrationsCheck = missing.length
      ? fail(`Migrations not applied: ${missing.join(', ')} (they run when Textback starts)`)
      : { ok: true, message: `${applied.size} applied` };
  } catch (err) {
    migrationsCheck = fail(`Could not read the migration log: ${errorText(err)}`);
  }

  let worker: ReadinessCheck;
  try {
    const since = ctx.clock.now() - HEARTBEAT_STALE_MS;
    const row = await withTimeout(
      ctx.db
        .selectFrom('worker_heartbeats')
        .select((eb) => eb.fn.count<number>('worker_id').as('n'))
        .where('beat_at', '>=', since)
        .executeTakeFirst(),
      'The database',
    );
    const live = Number(row?.n ?? 0);
    worker = live
      ? { ok: true, message: `${live} worker${live === 1 ? '' : 's'} alive` }
      : fail(`No worker has reported in the last ${HEARTBEAT_STALE_MS / 1000} s: start one (ROLE=all or ROLE=worker)`);
  } catch (err) {
    worker = fail(`Could not read worker heartbeats: ${errorText(err)}`);
  }

  return {
    ready: database.ok && migrationsCheck.ok && worker.ok,
    checks: { database, migrations: migrationsCheck, worker },
  };
}
