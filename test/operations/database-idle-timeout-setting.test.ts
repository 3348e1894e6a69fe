/**
 * DATABASE_IDLE_TIMEOUT_SECONDS: how long a PostgreSQL pool connection may idle before it is
 * closed (store/idle-connection-check.ts). Read from the environment like every setting, refused
 * with the setting's name when it is not a whole number of seconds from 1, and handed to the pool
 * the process runs on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { testDialect } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('DATABASE_IDLE_TIMEOUT_SECONDS', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'textback-data-'));
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const load = (value?: string) =>
    loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/textback',
      DATA_DIR: dataDir,
      ...(value === undefined ? {} : { DATABASE_IDLE_TIMEOUT_SECONDS: value }),
    });

  it('is 5 minutes unless set, and read in seconds', () => {
    expect(load().databaseIdleTimeoutMs).toBe(300_000);
    expect(load('45').databaseIdleTimeoutMs).toBe(45_000);
  });

  it('refuses zero, a fraction or a word, naming the setting', () => {
    for (const value of ['0', '2.5', 'five minutes']) {
      expect(() => load(value)).toThrow(ConfigError);
      expect(() => load(value)).toThrow(/DATABASE_IDLE_TIMEOUT_SECONDS/);
    }
  });

  it.skipIf(testDialect !== 'postgres')("is the running process's pool's idle timeout", async () => {
    app = await startTestApp({ env: { DATABASE_IDLE_TIMEOUT_SECONDS: '120' } });
    expect(app.runtime.ctx.store.pgPool!.options.idleTimeoutMillis).toBe(120_000);
  });
});
