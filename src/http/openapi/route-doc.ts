/**
 * How a route describes itself for the OpenAPI document, next to its handler:
 *
 *   app.post('/api/v1/contacts', doc({ tag: 'Contacts', summary: 'Create a contact', auth: 'workspace',
 *     body: createContactSchema, response: { status: 201, description: 'The contact' } }), async (req, reply) => …);
 *
 * `body` and `query` are the very zod schemas the handler parses with, so the document cannot drift
 * from the validation; `response.schema` names the answer's schema in http/responses/ (checked
 * against the server's types at compile time, and against real answers by a test). The description travels in Fastify's route `config`; openapi-document.ts
 * collects it with an onRoute hook. A /api/v1 route without one fails test/operations/openapi.test.ts.
 */
import type { z } from 'zod';

/** Who may call the route (documentation of what http/auth.ts enforces). */
export type RouteAuth =
  /** A workspace API key (Bearer) or a member's dashboard session. */
  | 'workspace'
  /** Like workspace, and the member must be an owner (API keys act as owners). */
  | 'owner'
  /** The operator token (ADMIN_TOKEN). */
  | 'operator'
  /** A signed-in dashboard session (cookie). */
  | 'session'
  /** No credentials. */
  | 'none';

export interface RouteDoc {
  /** The section of the document (e.g. "Contacts"). */
  tag: string;
  /** One line, imperative: "Create a contact". */
  summary: string;
  /** More, when the summary is not enough: rules, side effects, what is shown once. */
  description?: string;
  auth: RouteAuth;
  /** The zod schema the handler parses the JSON body with. */
  body?: z.ZodType;
  /** The zod object the handler parses the query string with (all values arrive as strings). */
  query?: z.ZodObject;
  /**
   * The success answer; default 200 "OK". `schema` is its body, one of the named schemas in
   * http/responses/ (the document refers to it by name; the dashboard's types are generated from it).
   */
  response?: { status?: number; description: string; contentType?: string; schema?: z.ZodType };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    openapi?: RouteDoc;
  }
}

/** Route options carrying the description: pass as the second argument of app.get/post/…. */
export function doc(description: RouteDoc): { config: { openapi: RouteDoc } } {
  return { config: { openapi: description } };
}
