/**
 * A running Textback keeps async_hooks' promise hooks off: on Node 20 an AsyncLocalStorage in use
 * (or any enabled hook) runs hook code for every promise the process makes, ~4% of a ROLE=all
 * process's CPU on the missed-call path (docs/performance.md). The production wiring answers
 * requests and runs a job in a process of its own (this one is the test runner's), which then
 * reports; the control run turns an AsyncLocalStorage on first, showing the probe would see it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'tb-hooks-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function probe(control: boolean): Promise<{ promiseHooks: boolean }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/promise-hooks-probe-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      ADMIN_TOKEN: 'tba_promise_hooks_probe',
      PROBE_CONTROL: control ? '1' : '0',
    },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { promiseHooks: boolean };
}

it('runs with promise hooks off after answering requests and running a job', async () => {
  expect(await probe(false)).toEqual({ promiseHooks: false });
});

it('sees promise hooks in the control run that starts an AsyncLocalStorage', async () => {
  // Node 24 carries AsyncLocalStorage without hooks (AsyncContextFrame): nothing to show there.
  const major = Number(process.versions.node.split('.')[0]);
  expect(await probe(true)).toEqual({ promiseHooks: major < 24 });
});
