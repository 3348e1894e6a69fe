/**
 * `npm run bench`: missed calls end to end, on SQLite and on PostgreSQL.
 *
 * Each simulated call is a real Twilio-shaped sequence over HTTP (signed voice webhook, then the
 * signed dial result "no-answer") against a real Textback with its job worker running, and the
 * text goes out through the real `twilio` SDK to the simulator. Reported:
 * - missed calls per second, from the first webhook to the last text reaching the simulator;
 * - latency from a call's last webhook answered to its text's send request reaching the simulator
 *   (p50, p99, max).
 * Options (env): BENCH_CALLS (default 300), BENCH_CONCURRENCY (calls in flight, default "2,16": a
 * steady stream and a burst), BENCH_DATABASES (default "sqlite,postgres").
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { startRuntime } from '../src/runtime.js';
import { createTestDatabase, type TestDialect } from '../test/support/test-database.js';
import { freePort } from '../test/support/test-app.js';
import { placeCall } from '../test/support/twilio-call-driver.js';
import { startTwilioSimulator } from '../test/support/twilio-simulator.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
/** Calls in flight at once: 2 is a steady stream the worker keeps up with, 16 a burst it queues. */
const PROFILES = (process.env.BENCH_CONCURRENCY ?? '2,16').split(',').map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',') as TestDialect[];

interface Result {
  dialect: string;
  concurrency: number;
  calls: number;
  texts: number;
  seconds: number;
  callsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function benchOne(dialect: TestDialect, concurrency: number): Promise<Result> {
  const sim = await startTwilioSimulator();
  const database = await createTestDatabase(dialect);
  const port = await freePort();
  const adminToken = randomBytes(16).toString('hex');
  const config = loadConfig({
    PORT: String(port),
    DATABASE_URL: database.url,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_TOKEN: adminToken,
    SECRET_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: `/tmp/textback-bench-${process.pid}`,
    TWILIO_API_URL: sim.url,
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: '8',
  });
  const runtime = await startRuntime(config, { logger: pino({ level: 'silent' }), workerPollMs: 200 });
  const base = runtime.url!;
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as any;
  };

  const ws = await api('POST', '/api/v1/workspaces', adminToken, { name: 'Bench', businessName: 'Bench Plumbing', timezone: 'America/Chicago' });
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  sim.addAccount(accountSid, authToken);
  await api('PUT', '/api/v1/carriers/twilio', ws.apiKey, { accountSid, authToken });
  const number = await api('POST', '/api/v1/phone-numbers', ws.apiKey, {
    number: '+15550100001',
    forwardTo: ['+15550109999'],
    voicemail: { enabled: false },
    missedCallTextBack: { cooldownMinutes: 0 },
  });

  const lastWebhookAt = new Map<string, number>();
  const textAt = new Map<string, number>();
  sim.events.on('message', (m: { to: string; direction?: string }) => {
    if (!textAt.has(m.to)) textAt.set(m.to, performance.now());
  });

  const callers = Array.from({ length: CALLS }, (_, i) => `+1555020${String(i).padStart(4, '0')}`);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < callers.length) {
        const from = callers[next++]!;
        await placeCall({
          accountSid,
          authToken,
          from,
          to: number.number,
          voiceUrl: number.webhooks.voiceUrl,
          // No status callback: the dial result is then the call's last webhook, and the one that
          // decides it was missed, so the latency below is exactly "decision → text on the wire".
          scenario: 'no-answer',
        });
        lastWebhookAt.set(from, performance.now());
      }
    }),
  );
  await sim.waitForMessages(CALLS, { timeoutMs: 120_000 });
  const finished = Math.max(...textAt.values());
  const latencies = callers.map((c) => Math.max(0, textAt.get(c)! - lastWebhookAt.get(c)!)).sort((a, b) => a - b);

  await runtime.stop();
  await sim.close();
  await database.drop();
  const seconds = (finished - started) / 1000;
  return {
    dialect,
    concurrency,
    calls: CALLS,
    texts: sim.messages.length,
    seconds: Math.round(seconds * 100) / 100,
    callsPerSecond: Math.round((CALLS / seconds) * 10) / 10,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    max: Math.round(latencies[latencies.length - 1]!),
  };
}

async function main() {
  const results: Result[] = [];
  for (const dialect of DATABASES) {
    for (const concurrency of PROFILES) {
      process.stderr.write(`bench: ${dialect}, ${CALLS} missed calls, ${concurrency} at a time…\n`);
      results.push(await benchOne(dialect, concurrency));
    }
  }
  console.log('\n| database | calls in flight | missed calls | texts sent | seconds | missed calls/s | last webhook → send p50 (ms) | p99 (ms) | max (ms) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.dialect} | ${r.concurrency} | ${r.calls} | ${r.texts} | ${r.seconds} | ${r.callsPerSecond} | ${r.p50} | ${r.p99} | ${r.max} |`);
  }
  const wrong = results.filter((r) => r.texts !== r.calls);
  if (wrong.length) {
    console.error(`Each missed call must be texted exactly once: ${wrong.map((r) => `${r.dialect} sent ${r.texts}`).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
