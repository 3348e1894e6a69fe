/**
 * NUL characters (\u0000) in user input: PostgreSQL text cannot store them (SQLite can, so the two
 * databases would disagree), and a query that carries one fails with a 500. They never belong in a
 * name, a search, an id or a message, so every API request is checked once, here, after parsing
 * and before any handler runs: body, query string and path parameters, keys as well as values.
 * The answer is a 400 naming the field.
 *
 * Carrier webhooks are not checked here: they are checked after their signature, with the
 * customer's free text (an inbound text, a transcription) skipped and stored without the NUL
 * instead (http/webhooks/carrier-nul-check.ts).
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.js';

const NUL = '\u0000';

/**
 * The path of the first string (or key) holding a NUL, e.g. "messages.0.text", or null. `skip`
 * names entries not to look into (a carrier's free text).
 */
export function findNul(value: unknown, path: string[] = [], depth = 0, skip?: (key: string, value: unknown) => boolean): string[] | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  // Parsed JSON is bounded by the body limit; the depth cap only guards the recursion itself.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, key];
    if (key.includes(NUL)) return at;
    if (skip?.(key, v)) continue;
    const found = findNul(v, at, depth + 1, skip);
    if (found) return found;
  }
  return null;
}

export function registerNulCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (req.url.startsWith('/webhooks/')) return;
    for (const [where, value] of [
      ['path', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const path = findNul(value);
      if (!path) continue;
      const field = path.join('.').replaceAll(NUL, '\\u0000') || where;
      throw badRequest(`${field}: contains a NUL character (\\u0000), which is not allowed in text`, field);
    }
  });
}
