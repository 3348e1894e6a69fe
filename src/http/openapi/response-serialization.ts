/**
 * The server answers through its documented response schemas: before a route's JSON answer is
 * serialized, it is parsed with the schema its `doc({ response: { schema } })` names, and what is
 * sent is the parsed value. So a field the schema does not describe never leaves the server (a
 * column spread into a presenter by mistake, a secret), and the OpenAPI document and the dashboard's
 * generated types describe exactly what is sent.
 *
 * An answer that does not match its schema is a bug in the server. Under test (vitest sets
 * NODE_ENV=test) it fails the request with a 500, so every API test also checks the schemas; in
 * production it is logged with the mismatches and the answer is sent as the handler made it, rather
 * than failing a customer's request over a documentation bug.
 */
import type { FastifyInstance } from 'fastify';

export function serializeThroughResponseSchemas(app: FastifyInstance, opts: { strict: boolean } = { strict: process.env.NODE_ENV === 'test' }): void {
  app.addHook('preSerialization', async (req, reply, payload) => {
    const schema = req.routeOptions.config.openapi?.response?.schema;
    // Errors have their own shape (errors.ts); only the documented success answer is checked.
    if (!schema || reply.statusCode >= 300) return payload;
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`);
    req.log.error({ route: req.routeOptions.url, issues }, 'answer does not match its documented response schema');
    if (opts.strict) throw new Error(`${req.method} ${req.routeOptions.url} answered outside its response schema: ${issues.join('; ')}`);
    return payload;
  });
}
