/**
 * The `textback` CLI as an operator runs it: a separate process on the server's database and
 * environment. Creates a workspace with its owner (whose credentials then sign in over HTTP),
 * lists workspaces, resets a password (signing the account out), migrates, and refuses bad input
 * by flag name.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Browser } from './browser-session.js';

let t: TestApp;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: {
        ...process.env,
        DATABASE_URL: t.database.url,
        DATA_DIR: t.config.dataDir,
        ADMIN_TOKEN: t.adminToken,
        SECRET_KEY: t.config.secretKey.toString('base64'),
        LOG_LEVEL: 'silent',
      },
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

function field(output: string, label: string): string {
  const match = new RegExp(`^${label.replace(/[()]/g, '\\$&')}: (\\S+)$`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no "${label}" in:\n${output}`);
  return match[1];
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('textback CLI', () => {
  let workspaceId: string;
  let password: string;

  it('creates a workspace with an owner whose printed credentials sign in to the dashboard', async () => {
    const res = await runCli([
      'workspace', 'create',
      '--name', 'cli-shop',
      '--business-name', 'CLI Plumbing',
      '--timezone', 'America/Denver',
      '--owner-email', 'Boss@Example.com',
      '--owner-name', 'Bo Boss',
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    workspaceId = field(res.stdout, 'Workspace id');
    const apiKey = field(res.stdout, 'API key (shown once)');
    password = field(res.stdout, 'Owner password (shown once)');
    expect(password.length).toBeGreaterThanOrEqual(20);

    const browser = new Browser(t.url);
    const login = await browser.login('boss@example.com', password);
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'boss@example.com', name: 'Bo Boss' });
    expect(login.body.workspaces).toEqual([{ id: workspaceId, name: 'cli-shop', businessName: 'CLI Plumbing', role: 'owner' }]);

    const workspace = await t.api('GET', '/api/v1/workspace', { token: apiKey });
    expect(workspace.status).toBe(200);
    expect(workspace.body).toMatchObject({ id: workspaceId, timezone: 'America/Denver' });
    // An account exists now, so first-run setup is closed.
    expect((await browser.get('/api/v1/setup')).body).toEqual({ needsSetup: false });
  }, 60_000);

  it('makes an existing account the owner of a further workspace without touching its password', async () => {
    const res = await runCli([
      'workspace', 'create',
      '--name', 'second',
      '--business-name', 'Second Shop',
      '--timezone', 'UTC',
      '--owner-email', 'boss@example.com',
      '--owner-password', 'ignored for existing accounts',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/existing account, password unchanged/);
    expect(res.stdout).not.toMatch(/Owner password/);
    const secondId = field(res.stdout, 'Workspace id');
    const login = await new Browser(t.url).login('boss@example.com', password);
    expect(login.body.workspaces.map((w: { id: string }) => w.id)).toEqual([workspaceId, secondId]);

    const list = await runCli(['workspace', 'list']);
    expect(list.code).toBe(0);
    const rows = list.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^ID\s+NAME\s+BUSINESS\s+TIME ZONE\s+OWNERS$/);
    expect(rows.find((r) => r.startsWith(workspaceId))).toMatch(/cli-shop\s+CLI Plumbing\s+America\/Denver\s+boss@example\.com/);
    expect(rows.some((r) => r.startsWith(secondId))).toBe(true);
  }, 60_000);

  it('uses a given password for a new owner', async () => {
    const res = await runCli([
      'workspace', 'create',
      '--name', 'third', '--business-name', 'Third', '--timezone', 'UTC',
      '--owner-email', 'chosen@example.com', '--owner-password', 'my chosen password',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/Owner password/);
    expect((await new Browser(t.url).login('chosen@example.com', 'my chosen password')).status).toBe(200);
  }, 60_000);

  it('resets a password: prints a new one, the old one stops working, open sessions end', async () => {
    const browser = new Browser(t.url);
    expect((await browser.login('boss@example.com', password)).status).toBe(200);

    const res = await runCli(['user', 'reset-password', '--email', 'BOSS@example.com']);
    expect(res.code).toBe(0);
    const fresh = field(res.stdout, 'New password for boss@example.com (shown once)');

    expect((await browser.get('/api/v1/auth/session')).status).toBe(401);
    expect((await new Browser(t.url).login('boss@example.com', password)).status).toBe(401);
    expect((await new Browser(t.url).login('boss@example.com', fresh)).status).toBe(200);

    const unknown = await runCli(['user', 'reset-password', '--email', 'nobody@example.com']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No account has the email nobody@example\.com/);
  }, 60_000);

  it('refuses bad input by flag name without creating anything, and migrates on demand', async () => {
    const before = await t.api('GET', '/api/v1/workspaces', { token: t.adminToken });
    // Independent processes: run them side by side.
    const [badZone, shortPassword, missing] = await Promise.all([
      runCli(['workspace', 'create', '--name', 'x', '--business-name', 'X', '--timezone', 'Mars/Olympus', '--owner-email', 'x@example.com']),
      runCli([
        'workspace', 'create', '--name', 'x', '--business-name', 'X', '--timezone', 'UTC', '--owner-email', 'x@example.com', '--owner-password', 'short',
      ]),
      runCli(['workspace', 'create', '--name', 'x']),
    ]);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toMatch(/^--timezone: /);
    expect(shortPassword.code).toBe(2);
    expect(shortPassword.stderr).toMatch(/^--owner-password: /);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--business-name/);
    const after = await t.api('GET', '/api/v1/workspaces', { token: t.adminToken });
    expect(after.body.data).toHaveLength(before.body.data.length);

    const migrate = await runCli(['migrate']);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/up to date/);
  }, 60_000);
});
