import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { embed } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSettings } from '../agent-settings.js';
import { createEmbeddingModel } from './embeddings.js';

// A stand-in model server on loopback that counts what reaches it.
let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], model: 'e', usage: { prompt_tokens: 1, total_tokens: 1 } }),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = (): AgentSettings =>
  ({ model: { provider: 'openai-compatible', name: 'm', baseUrl: base, embeddingModel: 'e' } }) as unknown as AgentSettings;

describe('embedding requests go through the model SSRF guard', () => {
  it('never reaches a loopback model server unless the operator allows private model URLs', async () => {
    const model = createEmbeddingModel(settings(), 'key', { allowPrivate: false })!;
    await expect(embed({ model, value: 'hello', maxRetries: 0 })).rejects.toThrow();
    expect(requests).toBe(0);
  });

  it('reaches it when ALLOW_PRIVATE_MODEL_URLS is set', async () => {
    const model = createEmbeddingModel(settings(), 'key', { allowPrivate: true })!;
    const { embedding } = await embed({ model, value: 'hello', maxRetries: 0 });
    expect(embedding).toEqual([0.1, 0.2]);
    expect(requests).toBe(1);
  });
});
