/**
 * `textback rotate-secret-key`: re-encrypts every stored secret from the current key (SECRET_KEY,
 * or data/secret-key when it is not set) to NEW_SECRET_KEY, or to a new random key. The new key is
 * read from the environment, not a flag, so it stays out of shell history and `ps`.
 *
 * Where the key lives decides the last step: a key in data/secret-key is replaced by the command
 * (written beside it before the transaction, renamed over it after the commit, so a crash in between
 * leaves data/secret-key.new to finish by hand); a key in the environment is the operator's to
 * change, and a generated one is printed once.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../clock.js';
import { ConfigError, databaseSettings, loadConfig, parseSecretKey } from '../config.js';
import { HEARTBEAT_STALE_MS } from '../ops/worker-heartbeat.js';
import { rotateSecretKey, SecretKeyRotationError, type RotationReport } from '../ops/secret-key-rotation.js';
import { SecretBox } from '../security/secret-box.js';
import { migrateToLatest, openStore } from '../store/database.js';

interface CommandIo {
  out(line?: string): void;
  /** An error the operator fixes from its message alone (printed without a stack, exit `code`). */
  usageError(message: string, code?: number): Error;
}

export async function rotateSecretKeyCommand(io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const keyInEnvironment = Boolean(env.SECRET_KEY?.trim());
  const keyFile = join(config.dataDir, 'secret-key');
  const given = env.NEW_SECRET_KEY?.trim();
  let newKey: Buffer;
  try {
    newKey = given ? parseSecretKey(given) : randomBytes(32);
  } catch (err) {
    if (err instanceof ConfigError) throw io.usageError('NEW_SECRET_KEY: must be 32 bytes, as 64 hex digits or base64', 2);
    throw err;
  }
  if (newKey.equals(config.secretKey)) throw io.usageError('NEW_SECRET_KEY is the current key: nothing to rotate', 2);

  const store = openStore(config.databaseUrl, { poolSize: 1, ...databaseSettings(config) });
  let report: RotationReport;
  try {
    await migrateToLatest(store);
    // A running process would go on sealing with the old key after the commit (and could not read
    // what was sealed with the new one): the heartbeat of a worker is the sign one is running.
    const live = await store.db
      .selectFrom('worker_heartbeats')
      .select(['host', 'pid'])
      .where('beat_at', '>=', systemClock.now() - HEARTBEAT_STALE_MS)
      .execute();
    if (live.length) {
      const who = live.map((w) => `pid ${w.pid} on ${w.host}`).join(', ');
      throw io.usageError(`A worker is running (${who}): stop the server and worker processes first, then run this again.`);
    }

    const pendingFile = keyInEnvironment ? null : `${keyFile}.new`;
    if (pendingFile) writeFileSync(pendingFile, `${newKey.toString('base64')}\n`, { mode: 0o600 });
    try {
      report = await rotateSecretKey(store.db, new SecretBox(config.secretKey), new SecretBox(newKey));
    } catch (err) {
      if (pendingFile) rmSync(pendingFile, { force: true });
      if (err instanceof SecretKeyRotationError) throw io.usageError(err.message);
      throw err;
    }
    if (pendingFile) renameSync(pendingFile, keyFile);
  } finally {
    await store.close();
  }

  io.out(`Re-encrypted ${report.total} stored secret${report.total === 1 ? '' : 's'} with the new key:`);
  for (const { label, count } of report.counts) io.out(`  ${label}: ${count}`);
  if (!keyInEnvironment) {
    io.out(`${keyFile} now holds the new key. Start the server and worker again.`);
    return;
  }
  if (!given) io.out(`New SECRET_KEY (shown once): ${newKey.toString('base64')}`);
  io.out('Set SECRET_KEY to the new key wherever the server and worker read it (.env, compose, systemd), then start them again.');
}
