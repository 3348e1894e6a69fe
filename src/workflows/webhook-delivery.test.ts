/** One signed POST against local servers: any status returned, the timeout, and the connect-time re-check (DNS rebinding). */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookUrlRefusedError } from './url-guard.js';
import { postSignedWebhook } from './webhook-delivery.js';
import { signWebhookBody } from './webhook-signing.js';

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

describe('postSignedWebhook through the one guarded client', () => {
  it('gives up when the body trickles on past the deadline', async () => {
    const port = await listen((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    await expect(postSignedWebhook({ ...base, url: `http://127.0.0.1:${port}/`, allowPrivate: true, timeoutMs: 100 })).rejects.toThrow(
      'did not answer within 0.1 s',
    );
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const port = await listen((req, res) => {
      if (req.url === '/next') res.end('followed');
      else res.writeHead(302, { location: '/next' }).end();
    });
    const res = await postSignedWebhook({ ...base, url: `http://127.0.0.1:${port}/`, allowPrivate: true });
    expect(res.statusCode).toBe(302);
    expect(hits).toBe(1);
  });

  it('refuses a private address with the guard’s words, sending nothing', async () => {
    const port = await listen((_req, res) => res.end('reached'));
    const p = postSignedWebhook({ ...base, url: `http://127.0.0.1:${port}/`, allowPrivate: false });
    await expect(p).rejects.toBeInstanceOf(WebhookUrlRefusedError);
    await expect(p).rejects.toThrow('Refused to call the webhook: 127.0.0.1 is a loopback address. Set ALLOW_PRIVATE_WEBHOOK_URLS=true');
    expect(hits).toBe(0);
  });

  it('sends the signed body and headers the receiver verifies', async () => {
    let seen: { headers: Record<string, unknown>; body: string } | null = null;
    const port = await listen((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { headers: req.headers, body };
        res.end('ok');
      });
    });
    await postSignedWebhook({ ...base, body: '{"a":1}', url: `http://127.0.0.1:${port}/`, allowPrivate: true, headers: { 'X-Textback-Event': 'call.missed' } });
    expect(seen!.body).toBe('{"a":1}');
    expect(seen!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Textback-Webhooks/1',
      'x-textback-timestamp': '1760000000',
      'x-textback-event': 'call.missed',
      'content-length': '7',
    });
    expect(seen!.headers['x-textback-signature']).toBe(signWebhookBody(base.secret, base.timestamp, '{"a":1}'));
  });

  it('a connection refused reads as the network said it (worth a retry)', async () => {
    const port = await listen(() => undefined);
    server!.close();
    await expect(postSignedWebhook({ ...base, url: `http://127.0.0.1:${port}/`, allowPrivate: true })).rejects.toThrow(/ECONNREFUSED/);
  });
});
