/**
 * `textback rotate-secret-key`, run as an operator runs it (a separate process on the server's
 * database): secrets sealed by the app with key A are re-encrypted to key B; the app started with B
 * reads every one of them through its own services, and A opens none of them any more. A value that
 * does not decrypt with the current key refuses the whole rotation with nothing changed, and a
 * running worker refuses it too. Both ways of holding the key: data/secret-key (replaced by the
 * command) and SECRET_KEY in the environment (a generated key printed once).
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { AppContext } from '../../src/context.js';
import { loadAgentSettings } from '../../src/agent/agent-settings.js';
import { WorkerHeartbeat } from '../../src/ops/worker-heartbeat.js';
import { SEALED_COLUMNS } from '../../src/ops/secret-key-rotation.js';
import { SecretBox } from '../../src/security/secret-box.js';
import { receiveCallEventReport } from '../../src/services/call-event-reports.js';
import { loadCarrierCredentials, saveCarrierCredentials } from '../../src/services/carrier-accounts.js';
import { queueEmail, sendQueuedEmail } from '../../src/services/mailer.js';
import { listPendingInvites } from '../../src/services/members.js';
import { openSigningSecret } from '../../src/workflows/workflow-store.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let database: TestDatabase;
let smtp: SmtpCapture;
const dataDir = mkdtempSync(join(tmpdir(), 'textback-rotate-'));
const keyFile = join(dataDir, 'secret-key');
const keyA = randomBytes(32);
// A clock at the real time: the CLI judges worker heartbeats by the system clock.
const clock = new ManualClock(Date.now());

function runCli(env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const { SECRET_KEY: _a, NEW_SECRET_KEY: _b, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'rotate-secret-key'], {
      env: { ...inherited, DATABASE_URL: database.url, DATA_DIR: dataDir, ADMIN_TOKEN: 'test-admin-rotate', LOG_LEVEL: 'silent', ...env },
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

/** The app on the shared database, with SECRET_KEY from data/secret-key (no SECRET_KEY env). */
function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ database, clock, env: { SECRET_KEY: '', SMTP_URL: smtp.url, SMTP_FROM: 'textback@example.com', DATA_DIR: dataDir, ...env } });
}

/** Every sealed column's values, as stored (to prove a refused rotation changed nothing). */
async function storedCiphertexts(t: TestApp): Promise<string[]> {
  return t.runtime.ctx.db.transaction().execute(async (trx) => {
    const all: string[] = [];
    for (const c of SEALED_COLUMNS) all.push(...(await c.list(trx)).map((v) => `${v.where}=${v.sealed}`));
    return all.sort();
  });
}

const saved = {
  carrierSecret: 'signalwire-api-token-secret',
  carrierExtra: { spaceUrl: 'example.signalwire.com', signingKey: 'PSK_signing_key' },
  modelKey: `sk-test-${randomBytes(8).toString('hex')}`,
  email: { to: 'owner@example.com', subject: 'Reset your password', text: 'https://textback.test/reset?token=secret-token' },
};
let workspaceId = '';
let apiKey = '';
let sandboxNumber = '';
let workflowId = '';
let workflowSecret = '';
let callEventSecret = '';
let inviteUrl = '';

/** Reads each kind of secret through the app's own services; throws if any does not decrypt. */
async function readEverything(ctx: AppContext) {
  const carrier = await loadCarrierCredentials(ctx, workspaceId, 'signalwire');
  const agent = await loadAgentSettings(ctx, workspaceId);
  const workflowRow = await ctx.db.selectFrom('workflows').selectAll().where('id', '=', workflowId).executeTakeFirstOrThrow();
  const invites = await listPendingInvites(ctx, workspaceId);
  const body = JSON.stringify({ id: `pbx-${randomBytes(4).toString('hex')}`, from: '+15550107001', to: sandboxNumber, status: 'answered', at: new Date(ctx.clock.now() - 1000).toISOString() });
  const ts = String(Math.floor(ctx.clock.now() / 1000));
  const callEvent = await receiveCallEventReport(ctx, {
    rawBody: body,
    timestamp: ts,
    signature: `sha256=${createHmac('sha256', callEventSecret).update(`${ts}.${body}`).digest('hex')}`,
  });
  return { carrier, modelKey: agent.apiKey, workflowSecret: openSigningSecret(ctx, workflowRow), inviteTokens: invites.map((i) => new URL(i.inviteUrl ?? '').searchParams.get('token')), callEvent: callEvent.kind };
}

async function sendQueuedEmails(ctx: AppContext): Promise<void> {
  const jobs = await ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'email.send').execute();
  for (const job of jobs) {
    await sendQueuedEmail(ctx, { id: job.id, workspaceId: job.workspace_id, payload: JSON.parse(job.payload), attempts: job.attempts } as never);
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpCapture();
  writeFileSync(keyFile, `${keyA.toString('base64')}\n`, { mode: 0o600 });

  const t = await startApp();
  try {
    const ctx = t.runtime.ctx;
    ({ id: workspaceId, apiKey } = await t.createWorkspace());
    const number = await t.api('POST', '/api/v1/phone-numbers', { token: apiKey, body: { number: '+15550100001', carrier: 'sandbox', name: 'Main', forwardTo: ['+15550109999'] } });
    expect(number.status).toBe(201);
    sandboxNumber = number.body.number;
    await saveCarrierCredentials(ctx, workspaceId, 'signalwire', { accountId: 'sw-project-1', secret: saved.carrierSecret, extra: saved.carrierExtra });
    const agent = await t.api('PUT', '/api/v1/agent', { token: apiKey, body: { model: { provider: 'openai', name: 'gpt-4o-mini', apiKey: saved.modelKey } } });
    expect(agent.status).toBe(200);
    const workflow = await t.api('POST', '/api/v1/workflows', {
      token: apiKey,
      body: { name: 'Tag missed callers', enabled: true, trigger: { type: 'call.missed' }, actions: [{ type: 'add_tag', tag: 'missed' }] },
    });
    expect(workflow.status).toBe(201);
    ({ id: workflowId, signingSecret: workflowSecret } = workflow.body);
    const secret = await t.api('POST', '/api/v1/call-events/secret', { token: apiKey });
    callEventSecret = secret.body.secret;
    const invite = await t.api('POST', '/api/v1/invites', { token: apiKey, body: { email: 'new.member@example.com' } });
    expect(invite.status).toBe(201);
    inviteUrl = invite.body.inviteUrl;
    await queueEmail(ctx, ctx.db, { ...saved.email, workspaceId, uniqueKey: 'rotation-test-email', now: ctx.clock.now() });

    // Sanity: key A reads it all (the same reads that must work with B afterwards).
    expect((await readEverything(ctx)).modelKey).toBe(saved.modelKey);

    // The catalogue covers every sealed column the schema has (a new one must be added there).
    const tables = await ctx.db.introspection.getTables();
    const sealedColumns = tables.flatMap((tb) => tb.columns.filter((c) => /_(ciphertext|sealed)$/.test(c.name)).map((c) => `${tb.name}.${c.name}`));
    const listed = SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`);
    expect(sealedColumns.length).toBeGreaterThanOrEqual(6);
    for (const column of sealedColumns) expect(listed, `${column} is sealed but not rotated`).toContain(column);

    // While a worker runs (its heartbeat is fresh), the command refuses: it would keep sealing with A.
    const heartbeat = new WorkerHeartbeat(t.runtime.ctx.store, clock, 'worker-still-running', pino({ level: 'silent' }));
    await heartbeat.beat();
    const running = await runCli({});
    await heartbeat.stop();
    expect(running.stderr).toMatch(/A worker is running \(pid \d+ on .*\): stop the server and worker processes first/);
    expect(running.code).toBe(1);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(keyA.toString('base64'));
  } finally {
    await t.close();
  }
}, 60_000);

afterAll(async () => {
  await smtp?.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('textback rotate-secret-key', () => {
  it('refuses the whole rotation when one value does not decrypt with the current key, changing nothing', async () => {
    const t = await startApp();
    let before: string[];
    try {
      // One invite link sealed with some other key (a restore mixed with another installation's rows).
      const foreign = new SecretBox(randomBytes(32));
      const invite = await t.runtime.ctx.db.selectFrom('invites').select('id').executeTakeFirstOrThrow();
      const good = (await t.runtime.ctx.db.selectFrom('invites').select('token_sealed').where('id', '=', invite.id).executeTakeFirstOrThrow()).token_sealed;
      await t.runtime.ctx.db.updateTable('invites').set({ token_sealed: foreign.seal('x', `invite:${invite.id}`) }).where('id', '=', invite.id).execute();
      before = await storedCiphertexts(t);
      await t.close();

      const res = await runCli({ NEW_SECRET_KEY: randomBytes(32).toString('hex') });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Nothing was changed: 1 stored secret did not decrypt with the current key');
      expect(res.stderr).toContain(`invites ${invite.id}: does not decrypt`);
      expect(res.stdout).toBe('');
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(keyA.toString('base64'));

      const again = await startApp();
      try {
        expect(await storedCiphertexts(again)).toEqual(before);
        await again.runtime.ctx.db.updateTable('invites').set({ token_sealed: good }).where('id', '=', invite.id).execute();
      } finally {
        await again.close();
      }
    } finally {
      await t.close().catch(() => undefined);
    }
  }, 60_000);

  it('re-encrypts every secret to a new key in data/secret-key: the app reads them all with it, the old key opens none', async () => {
    const res = await runCli({});
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Re-encrypted 7 stored secrets with the new key:');
    for (const label of ['carrier credentials: 1', 'carrier settings and signing keys: 1', 'phone system signing secrets: 1', 'model API keys: 1', 'workflow signing secrets: 1', 'invite links: 1', 'queued emails: 1']) {
      expect(res.stdout).toContain(label);
    }
    expect(res.stdout).toContain(`${keyFile} now holds the new key`);
    const keyB = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    expect(keyB.length).toBe(32);
    expect(keyB.equals(keyA)).toBe(false);

    const t = await startApp();
    try {
      const ctx = t.runtime.ctx;
      expect(ctx.config.secretKey.equals(keyB)).toBe(true);
      const read = await readEverything(ctx);
      expect(read).toEqual({
        carrier: { accountId: 'sw-project-1', secret: saved.carrierSecret, extra: saved.carrierExtra },
        modelKey: saved.modelKey,
        workflowSecret,
        inviteTokens: [new URL(inviteUrl).searchParams.get('token')],
        callEvent: 'accepted',
      });
      smtp.mails.length = 0;
      await sendQueuedEmails(ctx);
      expect(smtp.mails.map((m) => ({ to: m.to, subject: m.subject, text: m.text.trim() }))).toEqual([
        { to: [saved.email.to], subject: saved.email.subject, text: saved.email.text },
      ]);

      // The old key opens nothing: each service refuses what it reads.
      const withA: AppContext = { ...ctx, secrets: new SecretBox(keyA) };
      await expect(loadCarrierCredentials(withA, workspaceId, 'signalwire')).rejects.toThrow();
      await expect(loadAgentSettings(withA, workspaceId)).rejects.toThrow();
      await expect(listPendingInvites(withA, workspaceId)).rejects.toThrow();
      await expect(sendQueuedEmails(withA)).rejects.toThrow();
      const row = await ctx.db.selectFrom('workflows').selectAll().where('id', '=', workflowId).executeTakeFirstOrThrow();
      expect(() => openSigningSecret(withA, row)).toThrow();
      await expect(readEverything(withA)).rejects.toThrow();
    } finally {
      await t.close();
    }
  }, 60_000);

  it('with SECRET_KEY in the environment: prints a generated key once, and running it again with the old key refuses', async () => {
    const keyB = readFileSync(keyFile, 'utf8').trim();
    const res = await runCli({ SECRET_KEY: keyB });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const keyC = /^New SECRET_KEY \(shown once\): (\S+)$/m.exec(res.stdout)?.[1] ?? '';
    expect(Buffer.from(keyC, 'base64').length).toBe(32);
    expect(res.stdout).toContain('Set SECRET_KEY to the new key');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(keyB); // the operator's key, not the file, changed

    const same = await runCli({ SECRET_KEY: keyC, NEW_SECRET_KEY: keyC });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('NEW_SECRET_KEY is the current key');
    // Run again from the old key (a second, stale terminal): refused, row by row, nothing changed.
    const twice = await runCli({ SECRET_KEY: keyB, NEW_SECRET_KEY: keyC });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Nothing was changed: 7 stored secrets did not decrypt with the current key');
    expect(twice.stderr).toContain(`workflows ${workflowId}: already encrypted with the new key`);

    const t = await startApp({ SECRET_KEY: keyC });
    try {
      expect((await readEverything(t.runtime.ctx)).modelKey).toBe(saved.modelKey);
    } finally {
      await t.close();
    }
  }, 60_000);
});
