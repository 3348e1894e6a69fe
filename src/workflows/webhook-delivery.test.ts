/** One signed POST against local servers: any status returned, the timeout, and the connect-time re-check (DNS rebinding). */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookUrlRefusedError } from './url-guard.js';
import { postSignedWebhook } from './webhook-delivery.js';

let server: Server | null = null;
let hits = 0;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  hits = 0;
  server = createServer((req, res) => {
    hits++;
    handler?.(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

const base = { body: '{}', secret: 'whsec_x', timestamp: 1760000000 };

describe('postSignedWebhook', () => {
  it('returns any status code with the start of the body', async () => {
    const port = await listen((_req, res) => res.writeHead(418).end('short and stout'));
    const res = await postSignedWebhook({ ...base, url: `http://127.0.0.1:${port}/`, allowPrivate: true });
    expect(res).toMatchObject({ statusCode: 418, bodySnippet: 'short and stout' });
  });

  it('gives up when the receiver does not answer in time', async () => {
    const port = await listen(() => undefined);
    await expect(postSignedWebhook({ ...base, url: `http://127.0.0.1:${port}/`, allowPrivate: true, timeoutMs: 100 })).rejects.toThrow(
      'did not answer within 0.1 s',
    );
  });

  it('re-checks the address at connect time, so a DNS answer that turns private (rebinding) is refused', async () => {
    const port = await listen((_req, res) => res.end('reached'));
    let calls = 0;
    // The first answer (the up-front check) is public; the one used to connect is loopback.
    const resolve = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const p = postSignedWebhook({ ...base, url: `http://rebind.test:${port}/`, allowPrivate: false, resolve });
    await expect(p).rejects.toBeInstanceOf(WebhookUrlRefusedError);
    expect(calls).toBe(2);
    expect(hits).toBe(0);
  });

  it('connects to the checked address for a hostname', async () => {
    const port = await listen((req, res) => res.end(req.headers.host));
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const res = await postSignedWebhook({ ...base, url: `http://receiver.test:${port}/`, allowPrivate: true, resolve });
    expect(res).toMatchObject({ statusCode: 200, bodySnippet: `receiver.test:${port}` });
  });
});
