/**
 * A worker process killed in the middle of sending a text-back: the request had reached the carrier
 * (Twilio, SignalWire, Telnyx), the answer never came back. After its lease expires another worker takes the
 * job over, asks the carrier first, finds the text, and does not send a second one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker } from '../support/spawn-worker.js';
import { startCarrierFixture, type CarrierSimulatorApi, type SimulatedCarrier, type TwilioFixture } from '../support/twilio-fixture.js';

describe.each<SimulatedCarrier>(['twilio', 'signalwire', 'telnyx'])('%s', (carrier) => {
  let f: TwilioFixture<CarrierSimulatorApi>;

  beforeAll(async () => {
    f = await startCarrierFixture(carrier);
    // The child worker runs on the real clock; line the test's clock up with it.
    f.t.clock.set(Date.now());
  });
  afterAll(async () => f?.close());

  describe(`a worker killed mid-send (${carrier})`, () => {
    it('still sends exactly one text', async () => {
      const number = await f.addNumber(f.ws, '+15550100001', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
      const from = '+15550105555';
      await f.call(f.ws, number, { scenario: 'no-answer', from });

      // Twilio will take the create request, then keep the answer back long enough for the kill.
      f.sim.failNext(1, { delayMs: 1_500 });
      // Kill while the carrier holds the answer back: 'received' fires on arrival, before the delay.
      const sendReachedTwilio = new Promise<void>((resolve) => {
        f.sim.events.on('received', (r: { method: string; path: string }) => {
          if (r.method === 'POST' && (r.path.endsWith('/Messages.json') || r.path === '/v2/messages')) resolve();
        });
      });
      const { child, exited } = spawnWorker(f.t.config, { WORKER_LEASE_MS: '30000' });
      await sendReachedTwilio;
      child.kill('SIGKILL');
      await exited;

      // Twilio finishes creating the message the dead worker asked for.
      await f.sim.waitForMessages(1, { timeoutMs: 10_000 });
      const message = (await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('to_number', '=', from).execute())[0]!;
      expect(message.status).toBe('sending');

      // Nothing happens while the dead worker's lease holds; after it, this process takes over.
      expect(await f.t.drainJobs()).toBe(0);
      f.t.clock.set(Date.now() + 31_000);
      await f.t.drainJobs();

      expect(f.sim.messages).toHaveLength(1);
      const calls = await f.t.api('GET', '/api/v1/calls', { token: f.ws.apiKey });
      expect(calls.body.data[0].textBack.status).toBe('sent');
      const after = (await f.t.runtime.ctx.db.selectFrom('messages').selectAll().where('to_number', '=', from).execute())[0]!;
      expect(after.carrier_message_id).toBe(f.sim.messages[0]!.sid);
    }, 60_000);
  });
});
