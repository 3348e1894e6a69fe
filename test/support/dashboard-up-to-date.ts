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
  // Vitest sets NODE_ENV=test, which Vite would pass on to React: a development build (StrictMode
  // mounting everything twice, development warnings) unlike the one `npm run build` ships and
  // `pretest` builds. The browser tests test the production build, whoever built it.
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs', '--web'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
