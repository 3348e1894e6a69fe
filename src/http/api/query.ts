/**
 * Shared query-string parsing for list endpoints (contract: ?limit= default 50, at most 200; ?cursor=).
 */
import { z } from 'zod';
import type { PageRequest } from '../../store/pagination.js';

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

export function parsePage(query: unknown): PageRequest {
  const q = pageQuerySchema.parse(pick(query, ['limit', 'cursor']));
  return { limit: q.limit, cursor: q.cursor };
}

function pick(query: unknown, keys: string[]): Record<string, unknown> {
  const src = (query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => src[k] !== undefined).map((k) => [k, src[k]]));
}

/** Reads an optional string filter from the query string. */
export function queryString(query: unknown, key: string): string | undefined {
  const v = ((query ?? {}) as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * The query a list route documents (openapi): the page parameters and its optional string filters,
 * each with what it matches. The handler reads the filters with queryString().
 */
export function listQuery(filters: Record<string, string> = {}): z.ZodObject {
  const shape = Object.fromEntries(Object.entries(filters).map(([key, what]) => [key, z.string().optional().describe(what)]));
  return pageQuerySchema.extend(shape);
}
