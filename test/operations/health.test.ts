/**
 * /healthz and /readyz against a real database: ready with a live worker; not ready without one,
 * with a migration missing, or with the database gone (PostgreSQL: the database is dropped under
 * the running server; SQLite: its connection is closed under the running server).
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function get(app: TestApp, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}${path}`);
  return { status: res.status, body: await res.json() };
}

describe('health', () => {
  it('is ready with a worker running: database, migrations and worker all pass', async () => {
    t = await startTestApp({ manualJobs: false });
    expect((await get(t, '/healthz')).status).toBe(200);
    const ready = await get(t, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.checks.database.ok).toBe(true);
    expect(ready.body.checks.migrations).toMatchObject({ ok: true });
    expect(ready.body.checks.worker).toEqual({ ok: true, message: '1 worker alive' });
  });

  it('is alive but not ready when no worker has beaten recently', async () => {
    t = await startTestApp({ manualJobs: false });
    t.clock.advance(2 * 60_000);
    expect((await get(t, '/healthz')).status).toBe(200);
    const ready = await get(t, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.worker.ok).toBe(false);
    expect(ready.body.checks.worker.message).toContain('No worker has reported');
    // The next beat brings it back.
    await t.runtime.ctx.db.updateTable('worker_heartbeats').set({ beat_at: t.clock.now() }).execute();
    expect((await get(t, '/readyz')).status).toBe(200);
  });

  it('is not ready when a migration this build knows is not applied', async () => {
    t = await startTestApp({ manualJobs: false });
    await t.runtime.ctx.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '012-worker-heartbeats' as never).execute();
    const ready = await get(t, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.migrations).toEqual({
      ok: false,
      message: 'Migrations not applied: 012-worker-heartbeats (they run when Textback starts)',
    });
  });

  it('answers 503 on both when the database goes away under the running server', async () => {
    const database = await createTestDatabase();
    t = await startTestApp({ manualJobs: false, database });
    expect((await get(t, '/readyz')).status).toBe(200);

    if (database.dialect === 'postgres') {
      // Terminates the server's connections and removes the database: reconnecting fails.
      const name = new URL(database.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    } else {
      await t.runtime.ctx.store.close();
    }

    const health = await get(t, '/healthz');
    expect(health).toEqual({ status: 503, body: { status: 'database unreachable' } });
    const ready = await get(t, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database.ok).toBe(false);
    expect(ready.body.checks.database.message).toMatch(/^The database is unreachable: /);
    await t.close();
    t = null;
    await database.drop();
  });
});
