/**
 * Issue 15, item 8: `npm start` prints the first-run setup link with the operator token only when
 * the product generated that token itself. An ADMIN_TOKEN the operator put in the environment
 * comes from their secret store and must not be copied into the output (and so the logs) on
 * every start while no account exists.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort } from '../support/test-app.js';

let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'textback-start-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `src/main.ts` until it has printed its start banner (a blank line ends it), then stops it. */
async function startBanner(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SECRET_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
      TWILIO_API_URL: 'http://127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Textback is running[\s\S]*\n\n$/.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`main exited ${code}: ${out}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return out;
}

it('never prints an ADMIN_TOKEN that came from the environment', async () => {
  const token = `operator-${randomBytes(12).toString('hex')}`;
  const out = await startBanner({ ADMIN_TOKEN: token });
  expect(out).not.toContain(token);
  expect(out).toContain('/setup and enter your operator token (ADMIN_TOKEN)');
});

it('prints the setup link with a token it generated itself', async () => {
  const out = await startBanner({});
  const generated = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  expect(out).toContain(`/setup?token=${encodeURIComponent(generated)}`);
});
