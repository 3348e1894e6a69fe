/**
 * One Textback process for the bench (the production wiring, `startRuntime`, with ROLE from the
 * environment), driven over the IPC channel of `child_process.fork`: it reports its database round
 * trips (counted at the driver) and its memory, so the bench can print them per missed call.
 */
import { loadConfig } from '../src/config.js';
import { startRuntime } from '../src/runtime.js';

const config = loadConfig(process.env);
const runtime = await startRuntime(config);
const stats = runtime.ctx.store.stats;
// BENCH_TRACE_SQL=1: every statement's SQL goes to stderr, to read one call's round trips.
if (process.env.BENCH_TRACE_SQL) stats.onStatement = (text) => process.stderr.write(`SQL ${process.env.ROLE} ${text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
let peakRss = process.memoryUsage().rss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250).unref();

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'reset') {
    stats.queries = 0;
    stats.transactions = 0;
    stats.commits = 0;
    peakRss = process.memoryUsage().rss;
    process.send!({ type: 'reset' });
  } else if (msg.type === 'stats') {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    process.send!({ type: 'stats', queries: stats.queries, transactions: stats.transactions, commits: stats.commits, rss, peakRss });
  } else if (msg.type === 'stop') {
    void runtime.stop().then(() => process.exit(0));
  }
});
process.send!({ type: 'ready', url: runtime.url });
