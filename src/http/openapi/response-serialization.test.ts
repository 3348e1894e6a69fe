/**
 * A route's JSON answer leaves through its documented schema: fields the schema does not describe
 * are not sent; an answer that does not match fails the request under test (500) and is sent as
 * made, with an error logged, otherwise. Real Fastify, real HTTP injection.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { doc } from './route-doc.js';
import { serializeThroughResponseSchemas } from './response-serialization.js';

const gadget = z.object({ id: z.string(), name: z.string() });

function appWith(strict: boolean, answer: unknown) {
  const logged: string[] = [];
  const app: FastifyInstance = Fastify({ loggerInstance: pino({ level: 'error' }, { write: (line: string) => void logged.push(line) }) as FastifyBaseLogger });
  serializeThroughResponseSchemas(app, { strict });
  app.get('/api/v1/gadget', doc({ tag: 'Test', summary: 'A gadget', auth: 'none', response: { description: 'The gadget', schema: gadget } }), async () => answer);
  app.get('/api/v1/undescribed', async () => ({ anything: 'goes' }));
  return { app, logged };
}

describe('answers through their response schema', () => {
  it('sends only the fields the schema describes', async () => {
    const { app } = appWith(true, { id: 'g1', name: 'Widget', secretCiphertext: 'v1.abc' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/gadget' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'g1', name: 'Widget' });
    // A route without a schema is left alone.
    expect((await app.inject({ method: 'GET', url: '/api/v1/undescribed' })).json()).toEqual({ anything: 'goes' });
  });

  it('fails the request under test when the answer does not match', async () => {
    const { app, logged } = appWith(true, { id: 'g1' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/gadget' });
    expect(res.statusCode).toBe(500);
    expect(logged.join('')).toContain('name: Invalid input');
  });

  it('in production, logs the mismatch and sends the answer as made', async () => {
    const { app, logged } = appWith(false, { id: 'g1' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/gadget' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'g1' });
    expect(logged.join('')).toContain('answer does not match its documented response schema');
  });
});
