/**
 * Issue 15, item 7: one caller (an API key, or a signed-in member) may hold at most
 * MAX_STREAMS_PER_CALLER live event streams at once; the next gets 429 until one closes. Another
 * key of the same workspace, or another member, has its own allowance.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_STREAMS_PER_CALLER } from '../../src/http/api/live-stream.js';
import { Browser, setUpOwner } from '../accounts/browser-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: Browser;
let workspaceId: string;
let ws: { id: string; apiKey: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ browser: owner, workspaceId } = await setUpOwner(t));
  ws = await t.createWorkspace({ name: 'bravo' });
});
afterAll(async () => t?.close());

async function openStream(headers: Record<string, string>, query = '') {
  const controller = new AbortController();
  const res = await fetch(`${t.url}/api/v1/events/stream${query}`, { headers, signal: controller.signal });
  if (res.status === 200) {
    // Wait for the first line, so the stream is counted before the next one is asked for.
    await res.body!.getReader().read();
  }
  return { status: res.status, body: (res.status === 200 ? null : await res.json()) as any, close: () => controller.abort() };
}

it('an API key gets 429 past the cap, and a slot again once a stream closes', async () => {
  const key = { authorization: `Bearer ${ws.apiKey}` };
  const streams = [];
  for (let i = 0; i < MAX_STREAMS_PER_CALLER; i++) streams.push(await openStream(key));
  expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_CALLER).fill(200));

  const extra = await openStream(key);
  expect(extra.status).toBe(429);
  expect(extra.body.error.code).toBe('too_many_streams');

  // A second key of the same workspace has its own allowance.
  const second = await t.api('POST', '/api/v1/api-keys', { token: ws.apiKey, body: { name: 'second' } });
  expect(second.status).toBe(201);
  const other = await openStream({ authorization: `Bearer ${second.body.apiKey}` });
  expect(other.status).toBe(200);
  other.close();

  streams[0]!.close();
  let again = await openStream(key);
  // The server learns of the close when the socket ends: ask until it has.
  while (again.status === 429) again = await openStream(key);
  expect(again.status).toBe(200);
  again.close();
  for (const s of streams) s.close();
});

it('a signed-in member is capped the same way', async () => {
  const cookie = { cookie: `tb_session=${owner.cookie}` };
  const query = `?workspaceId=${workspaceId}`;
  const streams = [];
  for (let i = 0; i < MAX_STREAMS_PER_CALLER; i++) streams.push(await openStream(cookie, query));
  expect(streams.every((s) => s.status === 200)).toBe(true);
  expect((await openStream(cookie, query)).status).toBe(429);
  for (const s of streams) s.close();
});
