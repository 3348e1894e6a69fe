/**
 * A ROLE=all Textback (the production wiring, on DATABASE_URL) that answers HTTP requests and runs
 * a job through its worker, then prints whether async_hooks' promise hooks are on in the process.
 * With PROBE_CONTROL=1 it first runs an AsyncLocalStorage, as the code once did, so the test can
 * show the probe sees them.
 */
import { AsyncLocalStorage, executionAsyncId } from 'node:async_hooks';
import { loadConfig } from '../../src/config.js';
import { startRuntime } from '../../src/runtime.js';
import { sendTextBackJob } from '../../src/jobs/definitions/send-text-back.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';

/**
 * With promise hooks on, every promise gets an async id of its own, so two awaits in a row resume
 * under different ids; with them off, both resume under the same one.
 */
async function promiseHooksOn(): Promise<boolean> {
  await null;
  const first = executionAsyncId();
  await null;
  return executionAsyncId() !== first;
}

if (process.env.PROBE_CONTROL === '1') new AsyncLocalStorage<number>().run(1, () => undefined);
const config = loadConfig({ ...process.env, ROLE: 'all', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const runtime = await startRuntime(config, { workerPollMs: 20 });
await fetch(`${runtime.url}/healthz`);
// A request with a JSON body (Fastify's body parsing) that reads the database.
await fetch(`${runtime.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }),
});
// A job through the worker and a real kind's handler: a payload its schema refuses goes dead.
const { id } = await enqueueJob(runtime.ctx.db, runtime.ctx.clock.now(), { kind: sendTextBackJob.name, payload: {} });
runtime.ctx.wakeWorker();
for (;;) {
  const job = await runtime.ctx.db.selectFrom('jobs').select('status').where('id', '=', id!).executeTakeFirstOrThrow();
  if (job.status === 'dead') break;
  await new Promise((r) => setTimeout(r, 10));
}
const result = { promiseHooks: await promiseHooksOn() };
await runtime.stop();
process.stdout.write(`${JSON.stringify(result)}\n`);
