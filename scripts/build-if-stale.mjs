#!/usr/bin/env node
/**
 * Builds the server and the dashboard only when a source is newer than the last build, so
 * `npm start` after a restart serves at once while a developer who pulled still gets a fresh build.
 *
 * Runs as `prepare` (after `npm install` / `npm ci`) and as `prestart`. Plain JavaScript on purpose:
 * it must run before anything is compiled, and in a production install without dev dependencies
 * (no TypeScript, no Vite) it keeps the build it finds instead of failing.
 *
 * `--force` builds regardless (that is `npm run build`). The stamp file dist/.build-stamp is written only after a build
 * succeeds, so an interrupted build is redone on the next start.
 *
 * `--web` checks and builds the dashboard alone, against its own output (dist/web/index.html): the
 * test runs' global setup (test/support/dashboard-up-to-date.ts), so browser tests serve what web/
 * holds without a server build on every test run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const stamp = join(root, 'dist', '.build-stamp');
/** What the build reads: a change to any of them makes the build stale. */
const sources = ['src', 'web', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const skipDirs = new Set(['node_modules', 'dist', '.vite']);

/** Newest modification time (ms) under `path`; directories are walked, skipping build output. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its directory's mtime
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() && skipDirs.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function buildIsFresh() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'src', 'main.js')) || !existsSync(join(root, 'dist', 'web', 'index.html'))) {
    return false;
  }
  const built = statSync(stamp).mtimeMs;
  return sources.every((s) => newestMtime(join(root, s)) <= built);
}

const force = process.argv.includes('--force');

if (process.argv.includes('--web')) {
  const built = join(root, 'dist', 'web', 'index.html');
  if (!force && existsSync(built) && newestMtime(join(root, 'web')) <= statSync(built).mtimeMs) process.exit(0);
  const result = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

if (!force && buildIsFresh()) process.exit(0);

const hasToolchain = existsSync(join(root, 'node_modules', 'typescript')) && existsSync(join(root, 'node_modules', 'vite'));
if (!hasToolchain) {
  if (existsSync(join(root, 'dist', 'src', 'main.js'))) {
    // A production install (--omit=dev) keeps the build that was shipped with it.
    process.exit(0);
  }
  process.stderr.write('Textback is not built and the build tools are missing: run `npm install` (with dev dependencies).\n');
  process.exit(1);
}

process.stdout.write(force ? 'Building Textback…\n' : 'Sources changed since the last build: building Textback…\n');
const started = Date.now();
for (const step of ['build:server', 'build:web']) {
  const result = spawnSync('npm', ['run', step, '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
// Dated when the build began: a file saved while it ran is newer, and the next start rebuilds.
utimesSync(stamp, started / 1000, started / 1000);
process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
