/**
 * Vitest's global setup: rebuilds the dashboard once, before any test file runs, when a file under
 * web/ is newer than the build the browser tests would serve (dist/web). `npm test` builds it first
 * anyway (`pretest`); this is for `npx vitest run <file>` after editing the dashboard, which would
 * otherwise test the previous build and pass or fail for the wrong reason. Once, here, rather than
 * in each browser test file: files run in parallel, and two builds into one directory would each
 * empty it under the other's server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = join(ROOT, 'dist', 'web', 'index.html');

/** Newest modification time (ms) under `path`, skipping dependencies and build output. */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its directory's mtime
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() && (entry.name === 'node_modules' || entry.name === 'dist')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

export default function setup(): void {
  if (existsSync(BUILT) && newestMtime(join(ROOT, 'web')) <= statSync(BUILT).mtimeMs) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}
