/**
 * A worker process for the multi-process jobs test: runs a real JobWorker against DATABASE_URL with
 * one handler that records each run (and holds the job briefly so runs overlap between processes),
 * and exits once the table has no pending or running jobs left.
 */
import pino from 'pino';
import { sql } from 'kysely';
import { systemClock } from '../../src/clock.js';
import { JobWorker } from '../../src/jobs/job-worker.js';
import { openStore } from '../../src/store/database.js';

const url = process.env.DATABASE_URL as string;
const workerId = process.env.WORKER_ID as string;
const store = openStore(url, { poolSize: 4 });

const worker = new JobWorker({
  store,
  clock: systemClock,
  logger: pino({ level: 'silent' }),
  workerId,
  concurrency: 4,
  pollMs: 20,
  handlers: {
    'test.record': async (job) => {
      const startedAt = Date.now();
      // A little work so that claims from several processes really interleave.
      await new Promise((r) => setImmediate(r));
      await sql`insert into test_job_runs (job_id, worker, started_at, finished_at) values (${job.id}, ${workerId}, ${startedAt}, ${Date.now()})`.execute(store.db);
    },
  },
});

async function main() {
  worker.start();
  for (;;) {
    const left = await store.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await worker.stop();
  await store.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
