/**
 * The answers of /api/v1 as zod schemas: what the handlers send, named so the OpenAPI document
 * can list them under components.schemas and the dashboard's types (web/src/api-types.ts) can be
 * generated from it. A route names its answer with `doc({ …, response: { schema } })`.
 *
 * Each schema file checks at compile time that the schema and the server's own type (the
 * presenter's return type) are assignable both ways (`sameShape`), so a field added to, removed
 * from or retyped in either fails `npm run typecheck` here; test/operations/api-responses.test.ts
 * validates real answers against these schemas on both databases.
 */
import { z } from 'zod';

/** Every named response schema; the document's components.schemas. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const byId = new Map<string, z.ZodType>();

/** Registers `schema` under `id` (the name the dashboard's generated type gets). */
export function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  if (byId.has(id)) throw new Error(`Two response schemas are named ${id}`);
  (schema as z.ZodType).register(apiSchemas, description ? { id, description } : { id });
  // JSON Schema output reads descriptions from zod's global registry (where .describe() puts them).
  if (description) z.globalRegistry.add(schema as z.ZodType, { ...z.globalRegistry.get(schema as z.ZodType), description });
  byId.set(id, schema);
  return schema;
}

/** The response schema named `id` in the document (tests validate real answers with it). */
export function responseSchemaNamed(id: string): z.ZodType | undefined {
  return byId.get(id);
}

/** A list answer: `{ data, nextCursor }` (nextCursor null on the last page). */
export function pageOf<S extends z.ZodType>(id: string, item: S) {
  return named(id, z.object({ data: z.array(item), nextCursor: z.string().nullable() }));
}

/** An ISO 8601 instant, as the API writes every time (`new Date(ms).toISOString()`). */
export const isoTime = z.iso.datetime();

/**
 * Compile-time only: type-checks when A and B are assignable both ways, else names the field that
 * differs. Call as `sameShape<z.output<typeof schema>, ServerType>()`.
 */
export function sameShape<A extends B, B extends C, C = A>(): void {}
