/** The guarded client against a local server that speaks broken HTTP. */
import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { guardedFetch, UnreachableError } from './guarded-fetch.js';

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

it('a status a Response cannot hold (999) is an UnreachableError, not an exception that ends the process', async () => {
  server = createServer((socket) => socket.on('data', () => socket.end('HTTP/1.1 999 Odd\r\nContent-Length: 2\r\n\r\nok')));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const get = guardedFetch({ allowPrivate: true, unreachableMessage: 'the page could not be reached' });
  const p = get(`http://127.0.0.1:${port}/`);
  await expect(p).rejects.toBeInstanceOf(UnreachableError);
  await expect(p).rejects.toThrow('the page could not be reached');
});
