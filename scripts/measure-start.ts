/**
 * Measures how long Textback takes to come back after a restart: from spawning the start command to
 * the first 200 from /healthz, on a SQLite database that already exists (migrations applied), the
 * way a crashed or upgraded process restarts. Not a test: it prints figures, it judges nothing.
 *
 *   npx tsx scripts/measure-start.ts [--runs 5] [--rebuild]
 *
 * Rows: `npm start` with a fresh build (the usual restart), `node dist/src/main.js` (what a
 * container runs), and with --rebuild `npm start` after a source file changed (one run each, slow).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const withRebuild = args.includes('--rebuild');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Starts `command`, waits for /healthz to answer 200, stops it; returns the milliseconds to ready. */
async function timeToReady(command: string[], dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'textback.sqlite')}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`${command.join(' ')} exited before it was ready`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    // npm starts node as a child: signal the whole process group.
    if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise<void>((r) => (exited ? r() : child.once('exit', () => r())));
  }
}

function summary(label: string, ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const f = (v: number) => `${(v / 1000).toFixed(2)} s`;
  return `${label.padEnd(44)} median ${f(median)}  min ${f(sorted[0] as number)}  max ${f(sorted.at(-1) as number)}  (${ms.length} runs)`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'textback-start-'));
  try {
    // Builds if needed and creates the database, so every measured run is a restart.
    await timeToReady(['npm', 'start', '--silent'], dataDir);
    const rows: Array<[string, string[], number]> = [
      ['npm start (build fresh, existing database)', ['npm', 'start', '--silent'], runs],
      ['node dist/src/main.js (as in the container)', ['node', 'dist/src/main.js'], runs],
    ];
    for (const [label, command, n] of rows) {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) ms.push(await timeToReady(command, dataDir));
      console.log(summary(label, ms));
    }
    if (withRebuild) {
      // A pulled change: one source file newer than the build.
      const now = new Date();
      utimesSync(join(root, 'src', 'main.ts'), now, now);
      console.log(summary('npm start after a source changed (rebuild)', [await timeToReady(['npm', 'start', '--silent'], dataDir)]));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
