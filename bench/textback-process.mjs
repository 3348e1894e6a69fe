/**
 * One Textback process for the bench: the production wiring (`startRuntime`, with ROLE from the
 * environment), driven over the IPC channel of `child_process.fork`. It reports its database round
 * trips (counted at the driver) and its memory, so the bench can print them per missed call.
 *
 * It runs the checkout named by BENCH_CODE_DIR as users run it: its compiled build (`dist/`, what
 * `npm start` runs), not its TypeScript sources through a loader. Under tsx (BENCH_RUNTIME=tsx, as
 * rounds 1–6 ran) the sources cost 6–8% more CPU per call and ~100 MB more memory (round 7).
 * Plain JavaScript so that it needs no loader itself, and so that it can drive an older checkout's
 * build: it only uses startRuntime(config), runtime.url, runtime.stop() and the store's counters.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const code = process.env.BENCH_CODE_DIR ?? process.cwd();
const root = process.env.BENCH_RUNTIME === 'tsx' ? join(code, 'src') : join(code, 'dist', 'src');
const { loadConfig } = await import(pathToFileURL(join(root, 'config.js')).href);
const { startRuntime } = await import(pathToFileURL(join(root, 'runtime.js')).href);

const runtime = await startRuntime(loadConfig(process.env));
const stats = runtime.ctx.store.stats;
// BENCH_TRACE_SQL=1: every statement's SQL goes to stderr, to read one call's round trips.
if (process.env.BENCH_TRACE_SQL) stats.onStatement = (text) => process.stderr.write(`SQL ${process.env.ROLE} ${text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
let peakRss = process.memoryUsage().rss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250).unref();

process.on('message', (msg) => {
  if (msg.type === 'reset') {
    stats.queries = 0;
    stats.transactions = 0;
    stats.commits = 0;
    peakRss = process.memoryUsage().rss;
    process.send({ type: 'reset' });
  } else if (msg.type === 'stats') {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    process.send({ type: 'stats', queries: stats.queries, transactions: stats.transactions, commits: stats.commits, rss, peakRss });
  } else if (msg.type === 'stop') {
    void printPlans().then(() => runtime.stop()).then(() => process.exit(0));
  }
});
process.send({ type: 'ready', url: runtime.url });
// A bench that died (an uncaught error, kill -9) closes the IPC channel without a 'stop': go with
// it, or this process keeps serving and holding its database for as long as the machine runs.
process.on('disconnect', () => void runtime.stop().finally(() => process.exit(1)));

/**
 * BENCH_PLANS=1 (PostgreSQL): at the end, per prepared statement, how often PostgreSQL ran its generic
 * plan and how often it planned a custom one, summed over this process's connections
 * (pg_prepared_statements is per connection, so each pooled connection is checked out and asked).
 */
async function printPlans() {
  const pool = runtime.ctx.store.pgPool;
  if (!process.env.BENCH_PLANS || !pool) return;
  const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
  const totals = new Map();
  try {
    for (const client of clients) {
      const { rows } = await client.query('select statement, generic_plans, custom_plans from pg_prepared_statements');
      for (const row of rows) {
        const key = row.statement.replace(/\s+/g, ' ').trim().slice(0, 110);
        const t = totals.get(key) ?? { generic: 0, custom: 0 };
        t.generic += Number(row.generic_plans);
        t.custom += Number(row.custom_plans);
        totals.set(key, t);
      }
    }
  } finally {
    for (const client of clients) client.release();
  }
  const sorted = [...totals].sort(([, a], [, b]) => b.generic + b.custom - a.generic - a.custom);
  for (const [text, t] of sorted) process.stderr.write(`plans ${process.env.ROLE}: generic ${t.generic}, custom ${t.custom}: ${text}\n`);
}
