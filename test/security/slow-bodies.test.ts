/**
 * Issue 15, item 5: a client that trickles its request body a byte at a time is answered 408 and
 * cut off once the request time-out passes, on the API and on carrier webhooks alike, while a live
 * event stream (its request received at once) stays open and keeps delivering; and past the
 * connection cap new connections are refused. Real sockets; the time-out is shortened for the test
 * (production: 30 s, see DEFAULT_HTTP_LIMITS).
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_LIMITS } from '../../src/http/app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Sends headers promising `length` bytes, then one byte every 100 ms; resolves with all the server said once it hangs up. */
async function trickle(url: string, path: string, contentType: string, length = 2000): Promise<string> {
  const socket = await openSocket(url);
  const { host } = new URL(url);
  socket.write(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${contentType}\r\nContent-Length: ${length}\r\n\r\n`);
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < length && !socket.destroyed) {
      socket.write('a');
      sent++;
    }
  }, 100);
  return new Promise((resolve) => {
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
  });
}

describe('request time-out', () => {
  let t: TestApp;
  let ws: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestApp({ httpLimits: { requestTimeoutMs: 500 } });
    ws = await t.createWorkspace();
  });
  afterAll(async () => t?.close());

  it('production limits are finite and leave a webhook room', () => {
    expect(DEFAULT_HTTP_LIMITS.requestTimeoutMs).toBeGreaterThanOrEqual(10_000);
    expect(DEFAULT_HTTP_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(60_000);
    expect(DEFAULT_HTTP_LIMITS.maxConnections).toBeGreaterThan(0);
    expect(t.runtime.app!.server.requestTimeout).toBe(500);
  });

  it('cuts off a trickled body with 408 (API and webhook), while an event stream opened before stays open', async () => {
    const stream = await fetch(`${t.url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${ws.apiKey}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toContain(': connected');

    const [api, webhook] = await Promise.all([
      trickle(t.url, '/api/v1/contacts', 'application/json'),
      trickle(t.url, '/webhooks/twilio/sms', 'application/x-www-form-urlencoded'),
    ]);
    expect(api).toMatch(/^HTTP\/1\.1 408/);
    expect(webhook).toMatch(/^HTTP\/1\.1 408/);

    // The stream outlived the time-out (it was open before the trickles began and they have been cut off).
    t.runtime.ctx.live.publish({ workspaceId: ws.id, type: 'contact', id: 'ct_after_timeout' });
    let got = '';
    while (!got.includes('ct_after_timeout')) got += decoder.decode((await reader.read()).value);
    expect(got).toContain('"id":"ct_after_timeout"');
    await reader.cancel();
  });
});

describe('connection cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ httpLimits: { maxConnections: 2 } });
  });
  afterAll(async () => t?.close());

  it('refuses connections past the cap and serves again once one closes', async () => {
    const held = [await openSocket(t.url), await openSocket(t.url)];
    // Make sure both are accepted (a full request answered on each, kept alive).
    for (const s of held) {
      const answered = new Promise<string>((resolve) => s.once('data', (d) => resolve(d.toString())));
      s.write(`GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    }
    const extra = await openSocket(t.url);
    const extraAnswer = await new Promise<string>((resolve) => {
      let answer = '';
      extra.on('data', (d) => (answer += d.toString()));
      extra.on('error', () => {});
      extra.on('close', () => resolve(answer));
      extra.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    expect(extraAnswer).toBe('');

    const closed = new Promise((resolve) => held[0]!.on('close', resolve));
    held[0]!.destroy();
    await closed;
    // The server counts the closed connection down once it sees the FIN; retry until it has.
    let status = 0;
    while (status !== 200) {
      status = await fetch(`${t.url}/healthz`, { headers: { connection: 'close' } }).then((r) => r.status, () => 0);
    }
    expect(status).toBe(200);
    held[1]!.destroy();
  });
});
