/**
 * A real Textback worker process (ROLE=worker, the production wiring) for crash tests: it reads
 * the same environment as `npm start` and runs until it is killed.
 */
import { loadConfig } from '../../src/config.js';
import { startRuntime } from '../../src/runtime.js';

const config = loadConfig({ ...process.env, ROLE: 'worker' });
await startRuntime(config, { workerPollMs: 50, workerLeaseMs: Number(process.env.WORKER_LEASE_MS ?? 30_000) });
process.stdout.write('worker ready\n');
