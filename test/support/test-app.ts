/**
 * Starts a real Textback (same wiring as `npm start`) on a random port with a fresh database and a
 * manual clock, plus small helpers to call its API over real HTTP.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { freePort } from '../../scripts/free-port.mjs';

export interface TestApp {
  runtime: Runtime;
  config: Config;
  clock: ManualClock;
  database: TestDatabase;
  /** The server's base URL (also PUBLIC_URL, so webhook URLs point back at it). */
  url: string;
  adminToken: string;
  api<T = any>(method: string, path: string, opts?: { body?: unknown; token?: string | null }): Promise<{ status: number; body: T }>;
  /** Creates a workspace and returns its id and API key. */
  createWorkspace(input?: Partial<{ name: string; businessName: string; timezone: string }>): Promise<{ id: string; apiKey: string }>;
  /** Runs every due job now (with the manual clock). */
  drainJobs(): Promise<number>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Keep the worker's background loop off; tests then run jobs with drainJobs(). Default true. */
  manualJobs?: boolean;
  database?: TestDatabase;
  clock?: ManualClock;
  workerLeaseMs?: number;
  /** The worker loop's idle poll (default 50 ms); a test that counts claims makes it long. */
  workerPollMs?: number;
  httpLimits?: RuntimeOptions['httpLimits'];
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'textback-data-'));
  const adminToken = `test-admin-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_TOKEN: adminToken,
    SECRET_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Nothing in tests may reach the real Twilio: a closed local port fails fast.
    TWILIO_API_URL: 'http://127.0.0.1:9',
    ...opts.env,
  });
  const clock = opts.clock ?? new ManualClock();
  const runtime = await startRuntime(config, {
    clock,
    logger: pino({ level: config.logLevel }),
    startWorkerLoop: opts.manualJobs === false,
    workerPollMs: opts.workerPollMs ?? 50,
    workerLeaseMs: opts.workerLeaseMs,
    httpLimits: opts.httpLimits,
  });
  const url = runtime.url as string;

  const api: TestApp['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    if (o.token !== null && o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  return {
    runtime,
    config,
    clock,
    database,
    url,
    adminToken,
    api,
    async createWorkspace(input = {}) {
      const res = await api('POST', '/api/v1/workspaces', {
        token: adminToken,
        body: { name: 'Acme', businessName: 'Acme Plumbing', timezone: 'America/Chicago', ...input },
      });
      if (res.status !== 201) throw new Error(`createWorkspace: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, apiKey: res.body.apiKey };
    },
    drainJobs: () => runtime.worker!.drain(),
    async close() {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (!opts.database) await database.drop();
    },
  };
}

/** An unused local port, so PUBLIC_URL can be known before the server listens (below the ephemeral range). */
export { freePort };
