/**
 * `textback backup <file>` as an operator runs it, a separate process, while the server runs and
 * writes: the copy opens as a Textback database of its own (restore = point DATABASE_URL at it) and
 * answers the same rows. On PostgreSQL the command explains pg_dump instead and writes nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let t: TestApp;
let ws: { id: string; apiKey: string };
const dir = mkdtempSync(join(tmpdir(), 'textback-backup-'));

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const envOf = (app: TestApp) => ({
  DATABASE_URL: app.database.url,
  DATA_DIR: app.config.dataDir,
  ADMIN_TOKEN: app.adminToken,
  SECRET_KEY: app.config.secretKey.toString('base64'),
});

beforeAll(async () => {
  // The backup is SQLite's: this file runs it on SQLite whichever database the suite uses.
  t = await startTestApp({ database: await createTestDatabase('sqlite'), manualJobs: false });
  ws = await t.createWorkspace();
  for (let i = 0; i < 20; i++) {
    const res = await t.api('POST', '/api/v1/contacts', { token: ws.apiKey, body: { phone: `+1555010${String(1000 + i)}`, name: `Customer ${i}` } });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
  await t?.database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('textback backup', () => {
  it('copies a live SQLite database; the copy restores and reads back the same rows', async () => {
    const file = join(dir, 'copy.sqlite');
    // The server keeps writing while the backup runs.
    const writing = (async () => {
      for (let i = 0; i < 10; i++) {
        await t.api('POST', '/api/v1/contacts', { token: ws.apiKey, body: { phone: `+1555020${String(1000 + i)}`, name: `During ${i}` } });
      }
    })();
    const result = await runCli(['backup', file], envOf(t));
    await writing;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('integrity checked');
    expect(existsSync(`${file}.partial`)).toBe(false);

    // Read straight from the file: a whole database, every contact taken before the backup there.
    const copy = new SQLite(file, { readonly: true, fileMustExist: true });
    const names = copy.prepare('select name from contacts where workspace_id = ? order by name').all(ws.id) as Array<{ name: string }>;
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    const before = names.filter((n) => n.name.startsWith('Customer'));
    expect(before).toHaveLength(20);

    // Restore: a Textback started on the copy answers the same API key with the same contacts.
    const restoredDb: TestDatabase = { url: `sqlite:${file}`, dialect: 'sqlite', drop: async () => undefined };
    const restored = await startTestApp({ database: restoredDb });
    try {
      const list = await restored.api('GET', '/api/v1/contacts?limit=200', { token: ws.apiKey });
      expect(list.status).toBe(200);
      expect(list.body.data.map((c: any) => c.name).sort()).toEqual(names.map((n) => n.name).sort());
    } finally {
      await restored.close();
    }
  });

  it('refuses to overwrite an existing file', async () => {
    const file = join(dir, 'taken.sqlite');
    expect((await runCli(['backup', file], envOf(t))).code).toBe(0);
    const again = await runCli(['backup', file], envOf(t));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('on PostgreSQL, explains pg_dump and writes nothing', async () => {
    const file = join(dir, 'pg.dump');
    const result = await runCli(['backup', file], {
      ...envOf(t),
      DATABASE_URL: 'postgres://textback:s3cret@127.0.0.1:5432/textback',
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('pg_dump --format=custom');
    expect(result.stderr).not.toContain('s3cret');
    expect(existsSync(file)).toBe(false);
  });
});
