/**
 * ROLE=web and ROLE=worker in separate processes on one database: the web process takes the
 * webhooks, a worker process sends the text. On PostgreSQL the worker starts at once (NOTIFY) and
 * the web process's live stream hears about the worker's send.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker } from '../support/spawn-worker.js';
import { testDialect } from '../support/test-database.js';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let worker: ChildProcess;

beforeAll(async () => {
  f = await startTwilioFixture({ env: { ROLE: 'web' } });
  f.t.clock.set(Date.now());
  const spawned = spawnWorker(f.t.config);
  worker = spawned.child;
  await spawned.ready;
});
afterAll(async () => {
  worker?.kill('SIGTERM');
  await f?.close();
});

describe('separate web and worker processes', () => {
  it('the web process has no worker; the worker process sends the text-back once', async () => {
    expect(f.t.runtime.worker).toBeNull();
    const number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });

    const controller = new AbortController();
    const stream = await fetch(`${f.t.url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${f.ws.apiKey}` }, signal: controller.signal });
    const reader = stream.body!.getReader();

    await f.call(f.ws, number, { scenario: 'no-answer', from: '+15550106001' });
    const [sms] = await f.sim.waitForMessages(1, { timeoutMs: 15_000 });
    expect(sms!.to).toBe('+15550106001');

    if (testDialect === 'postgres') {
      // The message row the worker wrote reaches this web process's live stream through NOTIFY.
      const messageId = (await f.t.runtime.ctx.db.selectFrom('messages').select('id').where('to_number', '=', '+15550106001').executeTakeFirstOrThrow()).id;
      let seen = '';
      const decoder = new TextDecoder();
      while (!seen.includes(messageId)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value);
      }
      expect(seen).toContain(messageId);
    }
    controller.abort();
    expect(f.sim.messages).toHaveLength(1);
  }, 30_000);
});
