/**
 * Starts test/support/worker-process.ts as a separate OS process sharing a test app's database,
 * secret key and Twilio simulator: the production ROLE=worker wiring, killable for crash tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Config } from '../../src/config.js';

export function spawnWorker(config: Config, env: Record<string, string> = {}): { child: ChildProcess; ready: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/worker-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: config.databaseUrl,
      SECRET_KEY: config.secretKey.toString('base64'),
      ADMIN_TOKEN: config.adminToken,
      TWILIO_API_URL: config.twilioApiUrl,
      ...(config.signalwireApiUrl ? { SIGNALWIRE_API_URL: config.signalwireApiUrl } : {}),
      TELNYX_API_URL: config.telnyxApiUrl,
      PUBLIC_URL: config.publicUrl,
      DATA_DIR: config.dataDir,
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, ready, exited };
}
