/**
 * Serves the OpenAPI document at /api/v1/openapi.json, without credentials: it describes the API
 * and holds no data. Built once, on the first request, when every route is registered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { buildOpenApiDocument, type RegisteredRoute } from './openapi-document.js';
import { doc } from './route-doc.js';

/** Textback's version from its package.json (found upward: src/ under tsx, dist/src/ when built). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  }
  return '0.0.0';
}

export function registerOpenApiRoute(app: FastifyInstance, ctx: AppContext, routes: RegisteredRoute[]): void {
  let document: Record<string, unknown> | null = null;
  app.get(
    '/api/v1/openapi.json',
    doc({ tag: 'Meta', summary: 'This document (OpenAPI 3.1)', auth: 'none', response: { description: 'The OpenAPI document' } }),
    async () => {
      document ??= buildOpenApiDocument(routes, { version: packageVersion(), serverUrl: ctx.config.publicUrl });
      return document;
    },
  );
}
