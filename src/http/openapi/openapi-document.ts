/**
 * The OpenAPI 3.1 document of /api/v1, built from the routes as Fastify registers them: an onRoute
 * hook collects every route and the RouteDoc it carries (route-doc.ts), and the request schemas are
 * the handlers' own zod schemas, converted with zod's JSON Schema output (draft 2020-12, which is
 * what OpenAPI 3.1 uses). Answers refer by name to components.schemas, the named response schemas
 * of http/responses/ (the server answers through them; the dashboard's types are generated from them).
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { apiSchemas } from '../responses/registry.js';
import type { RouteAuth, RouteDoc } from './route-doc.js';

export const API_PREFIX = '/api/v1';

export interface RegisteredRoute {
  method: string;
  /** Fastify's pattern, e.g. /api/v1/contacts/:id */
  url: string;
  doc: RouteDoc | undefined;
}

const routesByApp = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route the app registered (HEAD aside), with its description if it has one. */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return routesByApp.get(app) ?? [];
}

/** Collects routes as they are registered; call before any route is added. */
export function collectRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  routesByApp.set(app, routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Fastify adds a HEAD for every GET on its own: not an operation to describe.
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, doc: route.config?.openapi });
    }
  });
  return routes;
}

/** The /api/v1 routes that carry no description (the test lists them). */
export function undocumentedRoutes(routes: RegisteredRoute[]): RegisteredRoute[] {
  return routes.filter((r) => r.url.startsWith(API_PREFIX) && !r.doc);
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  // Request side: defaults make a field optional, transforms are described by their input.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * The named response schemas (http/responses/) as components.schemas, in name order. Output side:
 * what the server sends. A schema inside another is a $ref to it by name.
 */
export function responseComponents(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, { io: 'output', unrepresentable: 'any', uri: (id) => `${COMPONENT_PREFIX}${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  return Object.fromEntries(
    Object.entries(schemas)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

/** The $ref of a route's response schema, which must be one of the named ones. */
function responseRef(schema: z.ZodType, where: string): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error(`${where}: response.schema must be a named schema from http/responses/ (named(…))`);
  return { $ref: `${COMPONENT_PREFIX}${id}` };
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const securityFor: Record<RouteAuth, Array<Record<string, string[]>>> = {
  workspace: [{ apiKey: [] }, { session: [] }],
  owner: [{ apiKey: [] }, { session: [] }],
  operator: [{ operatorToken: [] }],
  session: [{ session: [] }],
  none: [],
};

const errorResponse = { $ref: '#/components/responses/Error' };

function operation(method: string, url: string, d: RouteDoc): JsonSchema {
  const parameters: JsonSchema[] = [];
  for (const [, name] of url.matchAll(/:([A-Za-z0-9_]+)/g)) {
    parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  if (d.query) {
    const q = jsonSchema(d.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (d.auth === 'workspace' || d.auth === 'owner') {
    parameters.push({
      name: 'X-Workspace-Id',
      in: 'header',
      required: false,
      description: 'With a dashboard session: the workspace to act on (an API key names its own)',
      schema: { type: 'string' },
    });
  }
  const status = String(d.response?.status ?? 200);
  const success: JsonSchema = { description: d.response?.description ?? 'OK' };
  if (status !== '204') {
    const schema = d.response?.schema ? responseRef(d.response.schema, `${method} ${url}`) : {};
    success.content = { [d.response?.contentType ?? 'application/json']: { schema } };
  }
  const description =
    d.auth === 'owner' ? `${d.description ? `${d.description}\n\n` : ''}Owners only (an API key acts as an owner).` : d.description;
  return {
    operationId: `${method.toLowerCase()}${openApiPath(url)
      .slice(API_PREFIX.length)
      .replace(/[{}]/g, '')
      .split(/[/.-]/)
      .filter(Boolean)
      .map((p) => p[0]!.toUpperCase() + p.slice(1))
      .join('')}`,
    tags: [d.tag],
    summary: d.summary,
    ...(description ? { description } : {}),
    security: securityFor[d.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(d.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(d.body) } } } } : {}),
    responses: { [status]: success, '4XX': errorResponse, '5XX': errorResponse },
  };
}

/** The document for every described /api/v1 route. */
export function buildOpenApiDocument(routes: RegisteredRoute[], info: { version: string; serverUrl: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const tags = new Set<string>();
  for (const r of routes) {
    if (!r.doc || !r.url.startsWith(API_PREFIX)) continue;
    const path = openApiPath(r.url);
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = operation(r.method, r.url, r.doc);
    tags.add(r.doc.tag);
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Textback API',
      version: info.version,
      description:
        'Missed call text back with an AI SMS agent. Errors are always `{ "error": { "code", "message", "field" } }`. ' +
        'Lists answer `{ "data": [...], "nextCursor" }`; pass `?cursor=` for the next page.',
    },
    servers: [{ url: info.serverUrl }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: sortedPaths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key' },
        operatorToken: { type: 'http', scheme: 'bearer', description: 'The operator token (ADMIN_TOKEN)' },
        session: { type: 'apiKey', in: 'cookie', name: 'tb_session', description: 'Dashboard session; state-changing requests also send X-CSRF-Token' },
      },
      schemas: {
        ...responseComponents(),
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
            },
          },
        },
      },
      responses: {
        Error: { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  };
}
