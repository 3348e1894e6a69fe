import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, PageFetchError } from './fetch-page.js';

// A local page server (loopback, so the guard is told private addresses are allowed here).
let server: Server;
let base: string;
const held: Array<() => void> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/page') return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Hello</p>');
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('x'.repeat(600));
      res.end('y'.repeat(600));
      return;
    }
    if (req.url?.startsWith('/loop')) return res.writeHead(302, { location: `/loop${(req.url.length % 7) + 1}` }).end();
    if (req.url === '/hop') return res.writeHead(301, { location: '/page' }).end();
    if (req.url === '/never') {
      held.push(() => res.destroy());
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const release of held) release();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const opts = { allowPrivate: true, maxBytes: 1000, timeoutMs: 300 };

describe('fetchPage', () => {
  it('follows a redirect and reads the page', async () => {
    const page = await fetchPage(`${base}/hop`, opts);
    expect(page).toMatchObject({ url: `${base}/page`, status: 200, contentType: 'text/html' });
    expect(page.body.toString()).toBe('<p>Hello</p>');
  });

  it('stops reading a page past the size limit', async () => {
    await expect(fetchPage(`${base}/big`, opts)).rejects.toThrow(PageFetchError);
  });

  it('gives up after three redirects', async () => {
    await expect(fetchPage(`${base}/loop`, opts)).rejects.toThrow(/redirected more than 3 times/);
  });

  it('gives up on a server that never answers', async () => {
    await expect(fetchPage(`${base}/never`, opts)).rejects.toThrow(/did not answer within 0.3 s/);
  });

  it('refuses a loopback page unless private addresses are allowed', async () => {
    await expect(fetchPage(`${base}/page`, { ...opts, allowPrivate: false })).rejects.toThrow(/Refused/);
  });

  it('answers a bad status in words', async () => {
    await expect(fetchPage(`${base}/missing`, opts)).rejects.toThrow(`${base}/missing answered HTTP 404`);
  });
});
