/**
 * Writes web/src/api-types.ts from the server's OpenAPI document, so the dashboard's API types come
 * from the same zod schemas as the server's answers.
 *
 *   npm run generate:api-types            write the file
 *   npm run generate:api-types -- --check exit 1 if the committed file differs (run by `npm run typecheck`)
 *
 * The document is built the way the server builds it (every route registered on a real app, on a
 * throwaway in-memory SQLite database), not served: nothing listens.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { AppContext } from '../src/context.js';
import { buildApp } from '../src/http/app.js';
import { JobHandoff } from '../src/jobs/job-handoff.js';
import { buildOpenApiDocument, registeredRoutes } from '../src/http/openapi/openapi-document.js';
import { SecretBox } from '../src/security/secret-box.js';
import { LiveEvents } from '../src/services/live-events.js';
import { openStore } from '../src/store/database.js';
import { renderApiTypes } from './api-types/render-api-types.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const API_TYPES_FILE = join(root, 'web/src/api-types.ts');

/** The OpenAPI document of a fully registered app (no database work, nothing listening). */
export async function buildDocumentOffline(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'textback-api-types-'));
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    DATA_DIR: dataDir,
    ADMIN_TOKEN: 'generate-api-types',
    SECRET_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
  });
  const store = openStore(config.databaseUrl, { poolSize: 1 });
  const ctx: AppContext = {
    config,
    store,
    db: store.db,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    secrets: new SecretBox(config.secretKey),
    wakeWorker: () => undefined,
    handoffToWorker: () => new JobHandoff(null),
    live: new LiveEvents(),
    // Describing the routes runs no inbound text: no handler is needed.
    inboundTextHandlers: [],
  };
  const app = await buildApp(ctx);
  try {
    await app.ready();
    return buildOpenApiDocument(registeredRoutes(app), { version: '0.0.0', serverUrl: config.publicUrl });
  } finally {
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const text = renderApiTypes(await buildDocumentOffline());
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      // missing: stale by definition
    }
    if (committed !== text) {
      process.stderr.write('web/src/api-types.ts is stale: the server\'s response schemas changed. Run `npm run generate:api-types`.\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(API_TYPES_FILE, text);
  process.stdout.write(`Wrote ${API_TYPES_FILE}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`generate-api-types failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
