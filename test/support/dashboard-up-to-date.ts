/**
 * Vitest's global setup: rebuilds the dashboard once, before any test file runs, when a file under
 * web/ is newer than the build the browser tests serve (scripts/build-if-stale.mjs --web). `npm test`
 * builds it first anyway (`pretest`); this is for `npx vitest run <file>` after editing the
 * dashboard, which would otherwise test the previous build and pass or fail for the wrong reason.
 * Once, here, rather than in each browser test file: files run in parallel, and two builds into one
 * directory would each empty it under the other's server.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs', '--web'], { cwd: ROOT, stdio: 'inherit' });
}
