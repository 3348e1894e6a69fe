/**
 * Live event streams may take at most LIVE_STREAMS_SHARE of the connections a process accepts
 * (maxConnections, app.ts); the next one gets 503. The rest stay for carriers' webhooks: a platform
 * whose staff keep many dashboards open must never make the server refuse the connection a missed
 * call's webhook comes on. Real sockets, a connection cap shortened for the test (production: 1,000).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVE_STREAMS_SHARE, MAX_STREAMS_PER_CALLER } from '../../src/http/api/live-stream.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

const MAX_CONNECTIONS = 12;

let f: TwilioFixture;
let number: any;
const streams: AbortController[] = [];

beforeAll(async () => {
  f = await startTwilioFixture({ manualJobs: false, httpLimits: { maxConnections: MAX_CONNECTIONS } });
  number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
});

afterAll(async () => {
  for (const s of streams) s.abort();
  await f?.close();
});

/** Opens a stream with `apiKey`; its status, once its first line came when it opened. */
async function openStream(apiKey: string): Promise<{ status: number; body: any }> {
  const controller = new AbortController();
  const res = await fetch(`${f.t.url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${apiKey}` }, signal: controller.signal });
  if (res.status !== 200) return { status: res.status, body: await res.json() };
  streams.push(controller);
  await res.body!.getReader().read();
  return { status: 200, body: null };
}

it('streams stop short of the connection cap with 503, and a missed call’s webhooks still get through', async () => {
  const room = Math.floor(MAX_CONNECTIONS * LIVE_STREAMS_SHARE);
  // Two keys (two people), so the per-caller cap alone could not stop them filling every connection.
  const second = await f.t.api('POST', '/api/v1/api-keys', { token: f.ws.apiKey, body: { name: 'second' } });
  expect(second.status).toBe(201);
  const keys = [f.ws.apiKey, second.body.apiKey as string];
  expect(2 * MAX_STREAMS_PER_CALLER).toBeGreaterThan(MAX_CONNECTIONS);
  const statuses: number[] = [];
  let refused: { status: number; body: any } | undefined;
  // As many as the server would take: without the share, every connection, and then a webhook's
  // connection would be refused at accept.
  for (let i = 0; i < MAX_CONNECTIONS && !refused; i++) {
    const s = await openStream(keys[i % 2]!);
    if (s.status === 200) statuses.push(200);
    else refused = s;
  }
  expect(statuses).toHaveLength(room);
  expect(refused?.status).toBe(503);
  expect(refused?.body.error).toMatchObject({ code: 'streams_full', message: expect.stringContaining('try again later') });

  const caller = '+15550133000';
  await f.call(f.ws, number, { scenario: 'no-answer', from: caller });
  const [text] = (await f.sim.waitForMessages(1)) as { to: string }[];
  expect(text!.to).toBe(caller);
});
