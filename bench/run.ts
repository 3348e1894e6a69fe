/**
 * `npm run bench`: missed calls end to end, on SQLite and on PostgreSQL.
 *
 * Textback runs as real processes (bench/textback-process.mjs: the production `startRuntime`
 * wiring, from the compiled build `npm start` runs, rebuilt first if stale), either one `ROLE=all`
 * or one `ROLE=web` plus N `ROLE=worker`. This process is the load:
 * each simulated call is the real Twilio-shaped sequence over HTTP (signed voice webhook, then the
 * signed dial result "no-answer"), and the text goes out through the real `twilio` SDK to the
 * Twilio simulator, which runs here too. Printed per row:
 * - missed calls/s, from the first webhook to the last text reaching the simulator;
 * - webhook req/s (webhooks answered / time until the last one was answered), and the same load
 *   against bench/ceiling-server.ts (bare node:http doing the same parsing, signature check and
 *   TwiML) measured just before, and the ratio of the two;
 * - latency from the deciding webhook's answer (the dial result) to the send request reaching the
 *   simulator: p50, p95, p99, max;
 * - per missed call: statements, transactions and commits (counted at the database driver in every
 *   Textback process; a write outside a transaction is a commit of its own), and jobs (rows in the
 *   jobs table, by kind);
 * - CPU of the Textback processes per missed call (user + system, from /proc, summed): what a call
 *   costs the process, which moves less with the machine's load than calls/s does;
 * - PostgreSQL: the backends' CPU per missed call, and the WAL the server wrote per missed call
 *   (records, full-page images, bytes; pg_stat_wal);
 * - RSS of the Textback processes (peak, summed).
 *
 * Options (env): BENCH_CALLS (default 1000), BENCH_CONCURRENCY (calls in flight, default "32"),
 * BENCH_DATABASES (default "sqlite,postgres"), BENCH_TOPOLOGY (default "all" on SQLite and
 * "all,web+1,web+2" on PostgreSQL: `web+N` is one ROLE=web and N ROLE=worker processes),
 * BENCH_WORKER_CONCURRENCY (passed as WORKER_CONCURRENCY; unset = Textback's default),
 * BENCH_CARRIER_REQUESTS (passed as CARRIER_REQUESTS_PER_ACCOUNT: with BENCH_SEND_MS, each Twilio
 * account's requests open at once bound its texts a second), BENCH_BUSINESSES (default 1: the
 * warm-up's and the measured calls go round-robin to this many businesses, each with its own
 * Twilio account and number, as on an agency's platform; one loop and one pool of connections for
 * all of them, so the calls in flight or the rate are the same for one business or thousands),
 * BENCH_CPU_PROF=dir (Textback processes write V8 CPU profiles there), BENCH_STATUS_CALLBACKS=1 (the
 * simulator also posts each text's signed status callbacks, `sent` then `delivered`, as Twilio
 * does; counted in the statements per call, not in webhook req/s), BENCH_CODE=dir (run Textback from
 * another checkout, e.g. a `git worktree` of the commit before a change, with this bench as the load:
 * before and after then differ only in the code under test), BENCH_RUNTIME=tsx (Textback from its
 * TypeScript sources through tsx, as rounds 1–6 ran it, instead of its build), BENCH_PG_OPTIONS
 * (PostgreSQL settings for Textback's connections, e.g. `-c plan_cache_mode=force_generic_plan`),
 * BENCH_KEEP_DATABASE=1 (leave each run's database in place and print its URL, to inspect rows and plans),
 * BENCH_WARM_UP (calls played against Textback before the measured ones; default 1000, as the ceiling),
 * BENCH_PREFILL=N (the warm-up's rows copied N times as history before the measured calls,
 * bench/prefill-history.ts) and BENCH_PREFILL_BUSINESSES (default 100), BENCH_SEND_MS (the simulator
 * answers each send after this long, as a carrier's API does; the latency is still read when the send
 * arrives), BENCH_SERIES=file (each call's answer time and latency to send, and the jobs due and
 * running every 100 ms in file.jobs, to see how a backlog forms), BENCH_LOG_LEVEL (Textback's
 * LOG_LEVEL; default `silent`, as every round before 21; `info` is production's default, two lines per
 * webhook on the bench's stdout), BENCH_SETTINGS_WRITES (writes a second, during the measured calls,
 * to a business nobody calls: its number's readiness, as a platform's daily readiness checks and
 * owners' edits write settings all day; since round 22), BENCH_READS=n (after the calls, each of the
 * dashboard's reads of the bench's business n times, one at a time: bench/dashboard-reads.ts; since round 23),
 * BENCH_DASHBOARDS=n and BENCH_DASHBOARD_REFRESH (n inboxes open during the calls, refetching on live
 * events: on `each`, or at most once per that many ms, default 1000: bench/dashboard-clients.ts; since round 23),
 * BENCH_DASHBOARD_PAGE=inbox|overview (the page those dashboards show; since round 24),
 * BENCH_LULL_SECONDS (no calls for this long between the warm-up and the measured calls, as between
 * a business's bursts: what a pool does with the connections that idled meanwhile; since round 27).
 * Soak: `npm run bench -- --soak 100000` (see soak() below). A noisy neighbour:
 * `npm run bench -- --neighbour 3000` (see noisyNeighbour() below).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/store/database.js';
import { prefillHistory } from './prefill-history.js';
import { timeDashboardReads, type DashboardReadTiming } from './dashboard-reads.js';
import { openDashboards, type DashboardPage } from './dashboard-clients.js';
import { jobBacklog, sampleJobBacklog, type BacklogSample } from './job-backlog.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from '../test/support/test-database.js';
import { freePort } from '../test/support/test-app.js';
import { placeCall } from '../test/support/twilio-call-driver.js';
import { keepAliveWebhookSender, type PostWebhook } from './load-client.js';
import { startAutovacuumStandIn } from './autovacuum-stand-in.js';
import { startTwilioSimulator } from '../test/support/twilio-simulator.js';
import { sharedReadAnswers } from '../test/support/prometheus-text.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const PROFILES = (process.env.BENCH_CONCURRENCY ?? '32').split(',').map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',') as TestDialect[];
const STATUS_CALLBACKS = process.env.BENCH_STATUS_CALLBACKS === '1';
/** `fetch`: the load generator of rounds 1–5 (undici), to compare runs with theirs; default node:http keep-alive. */
const CLIENT = process.env.BENCH_CLIENT === 'fetch' ? 'fetch' : 'http';
/** BENCH_ANALYZE=0: no stand-in for autovacuum on a PostgreSQL without it (as rounds 1–5 ran; the soak keeps it). */
const ANALYZE = process.env.BENCH_ANALYZE !== '0';
/** Open loop: calls start at this fixed rate (calls/s) whatever the answers, instead of `concurrency` in flight. */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
/** The simulator answers each send after this many ms, as a carrier's API takes time (0: at once). */
const SEND_MS = Number(process.env.BENCH_SEND_MS ?? 0);
/** BENCH_SERIES=file: each call's answer time and latency to send there, the job backlog in file.jobs. */
const SERIES = process.env.BENCH_SERIES;
/** BENCH_KEEP_DATABASE=1: leave each run's database in place (printed) to inspect its rows and plans. */
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
/** BENCH_AUTOVACUUM_CHECK_MS: how often the stand-in checks during measured runs (default: the server's autovacuum_naptime; 2000 as rounds 8–25). */
const AUTOVACUUM_CHECK_MS = process.env.BENCH_AUTOVACUUM_CHECK_MS ? Number(process.env.BENCH_AUTOVACUUM_CHECK_MS) : undefined;
/** How often the soak's autovacuum stand-in checks its thresholds (the bench's measured runs: the server's naptime). */
const SOAK_AUTOVACUUM_CHECK_MS = 2_000;
/** Copies of the warm-up's rows written as history before the measured calls (bench/prefill-history.ts). */
const PREFILL_COPIES = Number(process.env.BENCH_PREFILL ?? 0);
const PREFILL_BUSINESSES = Number(process.env.BENCH_PREFILL_BUSINESSES ?? 100);
/** Seconds of quiet between the warm-up and the measured calls, as between a business's bursts (round 27). */
const LULL_SECONDS = Number(process.env.BENCH_LULL_SECONDS ?? 0);
const neighbourArg = process.argv.indexOf('--neighbour');
const NEIGHBOUR_CONTACTS = neighbourArg >= 0 ? Number(process.argv[neighbourArg + 1] ?? 5_000) : 0;
/** Contacts the neighbour imports (and welcomes) while the process warms up, before the measured import. */
const NEIGHBOUR_WARM_UP = Number(process.env.NEIGHBOUR_WARM_UP ?? 300);
const soakArg = process.argv.indexOf('--soak');
const SOAK_CALLS = soakArg >= 0 ? Number(process.argv[soakArg + 1] ?? 100_000) : 0;
/** The checkout whose Textback processes run (its own src and node_modules). */
const CODE = resolve(process.env.BENCH_CODE ?? '.');
/** BENCH_RUNTIME=tsx: Textback from its TypeScript sources through tsx, as rounds 1–6 measured it. */
const FROM_SOURCES = process.env.BENCH_RUNTIME === 'tsx';

/** CPU time a process has used so far (user + system, ms), from /proc; NaN where there is none. */
function cpuMsOf(pid: number | undefined): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: Linux reports process times in hundredths of a second on every common architecture. */
const CLOCK_TICKS = 100;

function topologiesFor(dialect: TestDialect): string[] {
  if (process.env.BENCH_TOPOLOGY) return process.env.BENCH_TOPOLOGY.split(',');
  // SQLite has one writer: several processes on one file only queue on its lock.
  return dialect === 'sqlite' ? ['all'] : ['all', 'web+1', 'web+2'];
}

// ——— child processes ———

interface ProcStats {
  queries: number;
  transactions: number;
  commits: number;
  rss: number;
  peakRss: number;
  cpuMs: number;
}

class Child {
  private waiting: ((m: any) => void)[] = [];
  /** CPU used (ms) when the counters were last reset. */
  cpuAtReset = NaN;
  constructor(readonly child: ChildProcess) {
    child.on('message', (m) => this.waiting.shift()?.(m));
  }
  static start(script: string, env: Record<string, string>): Promise<{ proc: Child; url?: string }> {
    const textback = script.includes('textback');
    // Textback runs CODE's build without a loader (as `npm start` does), unless BENCH_RUNTIME=tsx;
    // the bench's own processes (the ceiling server) are this checkout's TypeScript.
    const execArgv = textback && !FROM_SOURCES ? [] : ['--import', 'tsx'];
    if (process.env.BENCH_CPU_PROF && textback) {
      mkdirSync(process.env.BENCH_CPU_PROF, { recursive: true });
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`);
    }
    const cwd = textback ? CODE : process.cwd();
    const child = fork(resolve(script), [], {
      cwd,
      execArgv,
      env: { ...process.env, ...env, BENCH_CODE_DIR: CODE },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const proc = new Child(child);
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
      proc.waiting.push((m) => resolve({ proc, url: m.url }));
    });
  }
  ask<T>(type: string): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send({ type });
    });
  }
  /** Resets the process's counters (statements, RSS peak, CPU). */
  async reset(): Promise<void> {
    await this.ask('reset');
    this.cpuAtReset = cpuMsOf(this.child.pid);
  }
  /** Its counters since the last reset, CPU included. */
  async stats(): Promise<ProcStats> {
    const stats = await this.ask<Omit<ProcStats, 'cpuMs'>>('stats');
    return { ...stats, cpuMs: cpuMsOf(this.child.pid) - this.cpuAtReset };
  }
  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' });
    });
  }
}

// ——— one measured run ———

interface Row {
  dialect: string;
  topology: string;
  concurrency: number;
  /** How the calls were offered: "32 in flight" (closed loop) or "100/s, max 9 in flight" (open loop). */
  offered: string;
  calls: number;
  texts: number;
  seconds: number;
  callsPerSecond: number;
  webhookRps: number;
  ceilingRps: number;
  /** The ceiling measured before and after the run; ceilingRps is the faster. */
  ceilingReadings: [number, number];
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Webhooks' answer times, "p50 / p95 / p99 / max" ms (node:http client only). */
  webhookAnswerMs: string;
  queriesPerCall: number;
  transactionsPerCall: number;
  commitsPerCall: number;
  jobsPerCall: number;
  jobsByKind: string;
  cpuMsPerCall: number;
  /** The same per process, in the topology's order: the `all` or `web` process first, then each worker. */
  cpuMsPerCallByProcess: number[];
  /** CPU of the PostgreSQL backends serving Textback, per call (NaN on SQLite: its work is in Textback's CPU). */
  databaseCpuMsPerCall: number;
  /** CPU of this process (load generator and carrier simulator) per call: what the measurement itself takes from the machine. */
  generatorCpuMsPerCall: number;
  /** WAL the PostgreSQL server wrote per call (null on SQLite). */
  wal: WalPerCall | null;
  peakRssMb: number;
  /** BENCH_SETTINGS_WRITES made during the calls (0 without it). */
  settingsWrites: number;
  /** BENCH_READS: the dashboard's reads of the bench's business after the calls (empty without it). */
  dashboardReads: DashboardReadTiming[];
  /**
   * BENCH_DASHBOARDS: live events the open dashboards heard and the reads they asked (null without
   * it); `overviews`: how the web process answered the overviews (textback_dashboard_reads_total),
   * computed by the request or shared with one already computing (null from code without that metric).
   */
  dashboards: { events: number; reads: number; failedReads: number; overviews: { computed: number; shared: number } | null } | null;
}

/** WAL written per call: records, full-page images among them, and bytes. */
interface WalPerCall {
  records: number;
  fullPages: number;
  bytes: number;
}

/**
 * The server's WAL counters so far (pg_stat_wal, PostgreSQL 14+), or null on SQLite. They count the
 * whole server, so a run's difference holds the bench's own vacuums and analyzes too (a few records
 * per call at most) and whatever else the server did meanwhile: run the bench on a quiet server.
 * Each backend adds its share at most once a second, so the run's first and last second are
 * approximate (a few records per call over 5,000 calls; more over a few hundred). The per-call
 * weight of what the statements write; unlike calls/s it hardly moves with the machine's speed.
 */
async function walCounters(d: Deployment): Promise<WalPerCall | null> {
  if (d.database.dialect !== 'postgres') return null;
  const r = await sql<{ records: string; full_pages: string; bytes: string }>`select wal_records as records, wal_fpi as full_pages, wal_bytes as bytes from pg_stat_wal`.execute(d.store.db);
  const row = r.rows[0]!;
  return { records: Number(row.records), fullPages: Number(row.full_pages), bytes: Number(row.bytes) };
}

function walPerCall(before: WalPerCall | null, after: WalPerCall | null, calls: number): WalPerCall | null {
  if (!before || !after) return null;
  return {
    records: round((after.records - before.records) / calls, 1),
    fullPages: round((after.fullPages - before.fullPages) / calls, 2),
    bytes: round((after.bytes - before.bytes) / calls),
  };
}

type Simulator = Awaited<ReturnType<typeof startTwilioSimulator>>;

/**
 * Calls `arrived` with the recipient of each text as its send reaches the simulator: before any
 * answer delay (answerSendsAfter), so it is when the text left Textback.
 */
function onTextArrival(sim: Simulator, arrived: (to: string) => void): void {
  sim.events.on('received', (entry: { method: string; path: string; params: Record<string, string[]> }) => {
    if (entry.method === 'POST' && entry.path.endsWith('/Messages.json')) arrived(entry.params.To?.[0] ?? '');
  });
}

/** From now on the simulator answers every send `ms` after it arrives, as a carrier's API takes its time. */
function answerSendsAfter(sim: Simulator, ms: number): void {
  sim.failNext(Number.MAX_SAFE_INTEGER, { delayMs: ms }, { method: 'POST', path: /\/Messages\.json$/ });
}

/** Each caller's time from the deciding webhook's answer to its text reaching the carrier, sorted (ms). */
function sendLatencies(callers: string[], answeredAt: Map<string, number>, textAt: Map<string, number>): number[] {
  return callers.map((c) => Math.max(0, textAt.get(c)! - answeredAt.get(c)!)).sort((a, b) => a - b);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * BENCH_SERIES: one line per call (ms from the run's start to the deciding webhook's answer, ms from
 * there to the send), and in file.jobs one per sample (ms, jobs pending, jobs running).
 */
function writeSeries(file: string, calls: Array<[answeredMs: number, toSendMs: number]>, backlog: BacklogSample[]): void {
  writeFileSync(file, calls.map(([at, ms]) => `${Math.round(at)} ${Math.round(ms)}\n`).join(''));
  writeFileSync(`${file}.jobs`, backlog.map((b) => `${b.atMs} ${b.pending} ${b.running}\n`).join(''));
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

/** "p50 / p95 / p99 / max" of sorted latencies, rounded to the millisecond. */
const spread = (sorted: number[]) => [50, 95, 99].map((p) => round(percentile(sorted, p))).concat(round(sorted[sorted.length - 1]!)).join(' / ');

/**
 * Plays `calls` missed calls; returns when every webhook was answered. Closed loop by default:
 * `concurrency` callers, each placing its next call as soon as the last one's webhooks were
 * answered, so the offered load is whatever the server sustains. With BENCH_RATE, open loop: a
 * call starts every 1/rate s whatever the answers (as real callers do), so latency is read at a
 * known offered load (at most 1,000 calls in flight, a safety net for a server that falls behind).
 * The k-th caller calls `lines[k % lines.length]`: one loop for all the lines, so the calls in
 * flight (or the rate) are the same whether they go to one business or to thousands.
 */
async function playCalls(opts: {
  callers: string[];
  concurrency: number;
  lines: readonly BusinessLine[];
  /** Calls/s for an open loop; undefined for the closed loop. */
  rate?: number;
  onAnswered?: (from: string, at: number) => void;
}): Promise<{ webhooks: number; seconds: number; maxInFlight: number; answerMs: number[] }> {
  // One pool of keep-alive sockets for every line, each request signed with its line's token.
  const sender = CLIENT === 'http' ? keepAliveWebhookSender(Math.max(opts.concurrency, 64)) : undefined;
  /** How long each webhook waited for its answer: what the caller hears as silence on a voice webhook. */
  const answerMs: number[] = [];
  const timed =
    (post: PostWebhook): PostWebhook =>
    async (...args) => {
      const sent = performance.now();
      const answer = await post(...args);
      answerMs.push(performance.now() - sent);
      return answer;
    };
  const started = performance.now();
  let webhooks = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const play = async (k: number) => {
    const from = opts.callers[k]!;
    const line = opts.lines[k % opts.lines.length]!;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const trace = await placeCall({
      accountSid: line.accountSid,
      authToken: line.authToken,
      from,
      to: line.number.number,
      voiceUrl: line.number.webhooks.voiceUrl,
      // No status callback: the dial result is then the call's last webhook, and the one that
      // decides it was missed, so the latency is exactly "decision answered → text on the wire".
      scenario: 'no-answer',
      ...(sender ? { postWebhook: timed(sender.as(line.authToken)) } : {}),
    });
    inFlight--;
    webhooks += trace.requests.length;
    opts.onAnswered?.(from, performance.now());
  };
  try {
    const rate = opts.rate;
    if (rate === undefined) {
      let next = 0;
      await Promise.all(
        Array.from({ length: opts.concurrency }, async () => {
          while (next < opts.callers.length) await play(next++);
        }),
      );
    } else {
      const calls: Promise<void>[] = [];
      for (let i = 0; i < opts.callers.length; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        while (inFlight >= OPEN_LOOP_MAX_IN_FLIGHT) await new Promise((r) => setTimeout(r, 1));
        calls.push(play(i));
      }
      await Promise.all(calls);
    }
  } finally {
    sender?.close();
  }
  return { webhooks, seconds: (performance.now() - started) / 1000, maxInFlight, answerMs: answerMs.sort((a, b) => a - b) };
}

const OPEN_LOOP_MAX_IN_FLIGHT = 1000;

/** How the web process answered the overviews so far (its /metrics), or null from code without that metric. */
async function overviewAnswers(d: { base: string; adminToken: string }): Promise<{ computed: number; shared: number } | null> {
  const res = await fetch(`${d.base}/metrics`, { headers: { authorization: `Bearer ${d.adminToken}` } });
  return sharedReadAnswers(await res.text(), 'overview');
}
/** BENCH_BUSINESSES: the businesses the calls go to, each with its own Twilio account. */
const BUSINESSES = Number(process.env.BENCH_BUSINESSES ?? 1);
/** BENCH_SETTINGS_WRITES: settings writes a second to a business nobody calls, during the measured calls. */
const SETTINGS_WRITES = Number(process.env.BENCH_SETTINGS_WRITES ?? 0);
/** BENCH_READS=n: after the calls, each of the dashboard's reads n times (bench/dashboard-reads.ts). */
const READS = Number(process.env.BENCH_READS ?? 0);
/** BENCH_DASHBOARDS=n: inboxes left open during the calls, refetching on live events (bench/dashboard-clients.ts). */
const DASHBOARDS = Number(process.env.BENCH_DASHBOARDS ?? 0);
/** BENCH_DASHBOARD_REFRESH: `each` event, or at most once per this many ms (the dashboard's default, 1000). */
const DASHBOARD_REFRESH: 'each' | number = process.env.BENCH_DASHBOARD_REFRESH === 'each' ? 'each' : Number(process.env.BENCH_DASHBOARD_REFRESH ?? 1000);
/** BENCH_DASHBOARD_PAGE: the page those dashboards show, `inbox` or `overview` (bench/dashboard-clients.ts). */
const DASHBOARD_PAGE: DashboardPage = process.env.BENCH_DASHBOARD_PAGE === 'overview' ? 'overview' : 'inbox';
const CEILING_WARM_UP_CALLS = 1000;
/**
 * Calls played against Textback before the measured ones (BENCH_WARM_UP; 0 = none, as rounds 1–5;
 * 200 in rounds 6–11). As many as the ceiling gets since round 12: with 200, Textback's hot path was
 * still being compiled during the 1,000 measured calls (CPU per call 2.7–3.1 ms against 1.6–2.2 after
 * 1,000 on SQLite), so the ratio set a warm ceiling against a half-warm Textback.
 */
const WARM_UP_CALLS = Number(process.env.BENCH_WARM_UP ?? CEILING_WARM_UP_CALLS);
/** Warm-up callers' numbers: far from the measured ones (callerNumber(i) for i < 900,000). */
const WARM_UP_CALLER_BASE = 900_000;

/** The same calls against the bare node:http ceiling server (always closed loop: it measures the most it can answer). */
async function measureCeiling(calls: number, concurrency: number): Promise<number> {
  const port = await freePort();
  const authToken = randomBytes(16).toString('hex');
  const publicUrl = `http://127.0.0.1:${port}`;
  const { proc } = await Child.start('bench/ceiling-server.ts', {
    CEILING_PORT: String(port),
    CEILING_AUTH_TOKEN: authToken,
    CEILING_PUBLIC_URL: publicUrl,
  });
  const callers = Array.from({ length: calls }, (_, i) => callerNumber(i));
  // Warm up the server and this process's own load generator (JIT, sockets). With 50 calls the
  // first ceiling of a bench run measured half the second (1,700-2,100 against 2,500-4,200 req/s,
  // whichever database came first): the generator itself was still cold.
  const lines = [{ accountSid: `AC${'0'.repeat(32)}`, authToken, number: { number: '+15550100001', webhooks: { voiceUrl: `${publicUrl}/webhooks/twilio/voice` } } }];
  await playCalls({ callers: callers.slice(0, CEILING_WARM_UP_CALLS), concurrency, lines });
  const r = await playCalls({ callers, concurrency, lines });
  await proc.stop();
  return r.webhooks / r.seconds;
}

/**
 * Real US area codes. Until round 7 the callers came from area codes 201–900 taken in order, most of
 * them unassigned: libphonenumber then tries every NANP country's patterns before giving up on a
 * country, 44 µs per parse against 9–17 µs for a number in a real area code (~1% of a call's CPU
 * that real callers do not cost).
 */
const CALLER_AREA_CODES = (
  '201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 224 225 228 229 231 234 239 240 248 251 252 ' +
  '253 254 256 260 262 267 269 270 272 276 281 301 302 303 304 305 307 308 309 310 312 313 314 315 316 317 318 319 ' +
  '320 321 323 325 330 334 336 337 339 346 347 351 352 360 361 385 386 401 402 404 405 406 407 408 409 410 412 413 ' +
  '414 415 417 419 423 424 425 430 432 434 435 440 443 469 470 475 478 479 480 484'
).split(' ');

function callerNumber(i: number): string {
  // The 555 exchange (fictional numbers), 10,000 lines per area code: over a million distinct callers.
  const areaCode = CALLER_AREA_CODES[i % CALLER_AREA_CODES.length]!;
  const line = Math.floor(i / CALLER_AREA_CODES.length);
  if (line > 9999) throw new Error(`caller ${i}: more callers than the bench's numbers`);
  return `+1${areaCode}555${String(line).padStart(4, '0')}`;
}

/** A business's line as callers reach it: its Twilio account (what signs its webhooks) and its number. */
interface BusinessLine {
  accountSid: string;
  authToken: string;
  number: { number: string; webhooks: { voiceUrl: string } };
}

interface Deployment extends BusinessLine {
  base: string;
  procs: Child[];
  database: TestDatabase;
  sim: Simulator;
  /** The businesses the warm-up's and the measured calls go to (BENCH_BUSINESSES): the bench's own first. */
  lines: BusinessLine[];
  store: Store;
  /** Textback's HTTP API as a client would call it (throws on a non-2xx answer). */
  api: (method: string, path: string, token: string, body?: unknown) => Promise<any>;
  adminToken: string;
  /** The bench's business's API key (its staff's replies, in the noisy-neighbour run). */
  apiKey: string;
  /** The number of a business nobody calls, whose settings BENCH_SETTINGS_WRITES writes (null without it). */
  quietNumberId: string | null;
  stop(): Promise<void>;
}

/** The bench's own connections carry this application_name, so their CPU is not counted as Textback's. */
const BENCH_APPLICATION_NAME = 'textback-bench';

function benchOwnConnection(database: TestDatabase): string {
  return withConnectionParameter(database, 'application_name', BENCH_APPLICATION_NAME);
}

/** The PostgreSQL URL with one connection parameter set; SQLite's URL as it is. */
function withConnectionParameter(database: TestDatabase, name: string, value: string): string {
  if (database.dialect !== 'postgres') return database.url;
  const url = new URL(database.url);
  url.searchParams.set(name, value);
  return url.toString();
}

/**
 * BENCH_PG_OPTIONS: PostgreSQL settings for Textback's own connections only (libpq `options`, e.g.
 * `-c plan_cache_mode=force_generic_plan`), to try a server setting without touching the server.
 */
function withServerOptions(database: TestDatabase): string {
  const options = process.env.BENCH_PG_OPTIONS;
  return options ? withConnectionParameter(database, 'options', options) : database.url;
}

/**
 * A business on the deployment as an owner sets one up: a workspace, its own Twilio account on the
 * simulator, and a number (on that account, as the number-squatting guard requires) whose missed
 * calls are texted back every time (no cooldown) and go to no voicemail.
 */
async function addBusiness(
  api: Deployment['api'],
  adminToken: string,
  sim: Deployment['sim'],
  opts: { name: string; businessName: string; number: string },
): Promise<{ apiKey: string; accountSid: string; authToken: string; number: Deployment['number'] & { id: string } }> {
  const ws = await api('POST', '/api/v1/workspaces', adminToken, { name: opts.name, businessName: opts.businessName, timezone: 'America/Chicago' });
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  sim.addAccount(accountSid, authToken);
  await api('PUT', '/api/v1/carriers/twilio', ws.apiKey, { accountSid, authToken });
  sim.addIncomingNumber(accountSid, opts.number);
  const number = await api('POST', '/api/v1/phone-numbers', ws.apiKey, {
    number: opts.number,
    forwardTo: ['+15550109999'],
    voicemail: { enabled: false },
    missedCallTextBack: { cooldownMinutes: 0 },
  });
  return { apiKey: ws.apiKey, accountSid, authToken, number };
}

async function deploy(dialect: TestDialect, topology: string, extraEnv: Record<string, string> = {}): Promise<Deployment> {
  const sim = await startTwilioSimulator();
  const database = await createTestDatabase(dialect);
  const port = await freePort();
  const adminToken = randomBytes(16).toString('hex');
  const env: Record<string, string> = {
    PORT: String(port),
    DATABASE_URL: withServerOptions(database),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_TOKEN: adminToken,
    SECRET_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: `/tmp/textback-bench-${process.pid}`,
    TWILIO_API_URL: sim.url,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    ...(process.env.BENCH_WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY } : {}),
    ...(process.env.BENCH_CARRIER_REQUESTS ? { CARRIER_REQUESTS_PER_ACCOUNT: process.env.BENCH_CARRIER_REQUESTS } : {}),
    ...extraEnv,
  };
  const workers = topology === 'all' ? 0 : Number(topology.split('+')[1]);
  const first = await Child.start('bench/textback-process.mjs', { ...env, ROLE: topology === 'all' ? 'all' : 'web' });
  const procs = [first.proc];
  for (let i = 0; i < workers; i++) procs.push((await Child.start('bench/textback-process.mjs', { ...env, ROLE: 'worker' })).proc);
  const base = first.url!;
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const { accountSid, authToken, number, apiKey } = await addBusiness(api, adminToken, sim, { name: 'Bench', businessName: 'Bench Plumbing', number: '+15550100001' });
  const lines: BusinessLine[] = [{ accountSid, authToken, number }];
  // Numbers from +15550110001 up: clear of the bench's own and the noisy neighbour's.
  for (let i = 1; i < BUSINESSES; i++) {
    lines.push(await addBusiness(api, adminToken, sim, { name: `Bench ${i + 1}`, businessName: `Bench Plumbing ${i + 1}`, number: `+1555011${String(i).padStart(4, '0')}` }));
    if ((i + 1) % 250 === 0) process.stderr.write(`bench: ${i + 1} of ${BUSINESSES} businesses set up\n`);
  }
  const quiet = SETTINGS_WRITES > 0 ? await addBusiness(api, adminToken, sim, { name: 'Quiet', businessName: 'Quiet Dental', number: '+15550129999' }) : null;
  // The bench's own view of the database (job counts, table sizes): not counted, not in the hot path.
  const store = openStore(benchOwnConnection(database), { poolSize: 2 });
  return {
    base,
    procs,
    database,
    sim,
    accountSid,
    authToken,
    number,
    lines,
    store,
    api,
    adminToken,
    apiKey,
    quietNumberId: quiet?.number.id ?? null,
    async stop() {
      for (const p of procs.slice(1)) await p.stop();
      await procs[0]!.stop();
      await store.close();
      await sim.close();
      if (KEEP_DATABASE) console.log(`kept the database: ${database.url}`);
      else await database.drop();
    },
  };
}

async function sumStats(procs: Child[]): Promise<ProcStats & { cpuMsByProcess: number[]; rssByProcess: number[] }> {
  const all = await Promise.all(procs.map((p) => p.stats()));
  const sum = all.reduce((a, b) => ({
    queries: a.queries + b.queries,
    transactions: a.transactions + b.transactions,
    commits: a.commits + b.commits,
    rss: a.rss + b.rss,
    peakRss: a.peakRss + b.peakRss,
    cpuMs: a.cpuMs + b.cpuMs,
  }));
  return { ...sum, cpuMsByProcess: all.map((s) => s.cpuMs), rssByProcess: all.map((s) => s.rss) };
}

/**
 * CPU (ms) used so far by the PostgreSQL backends serving the bench's database, by pid (from
 * pg_stat_activity and /proc), the bench's own connections (its counts, ANALYZE) left out. The server's shared processes (WAL writer, checkpointer) are not in
 * it, so it is a floor. Empty on SQLite, whose work runs inside Textback's own processes.
 */
async function databaseBackendCpu(d: Deployment): Promise<Map<number, number>> {
  if (d.database.dialect !== 'postgres') return new Map();
  const rows = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name <> ${BENCH_APPLICATION_NAME}`.execute(d.store.db);
  return new Map(rows.rows.map((r) => [r.pid, cpuMsOf(r.pid)]));
}

function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) if (Number.isFinite(cpu)) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}

/**
 * On a PostgreSQL without autovacuum, what autovacuum would do (bench/autovacuum-stand-in.ts), and
 * says so; the stop function returns what it ran.
 */
async function standInForAutovacuum(d: Deployment, who: string, checkEveryMs?: number): Promise<() => Promise<string>> {
  const standIn = d.database.dialect === 'postgres' ? await startAutovacuumStandIn(d.store.db, checkEveryMs) : null;
  if (!standIn) return async () => '';
  process.stderr.write(`${who}: this PostgreSQL runs without autovacuum; the ${who} vacuums and analyzes a hot table when autovacuum would\n`);
  return async () => {
    await standIn.stop();
    return `vacuumed ${standIn.counts.vacuums} and analyzed ${standIn.counts.analyzes} times by the ${who}, as autovacuum would (it is off on this server)`;
  };
}

/** BENCH_PREFILL's history, written from the warm-up's rows (bench/prefill-history.ts), and said. */
async function writeHistory(d: Deployment, who: string): Promise<void> {
  const history = await prefillHistory(d.store.db, { copies: PREFILL_COPIES, businesses: PREFILL_BUSINESSES, benchNumber: d.number.number, dialect: d.database.dialect });
  const rows = Object.entries(history.rows).map(([table, n]) => `${n} ${table}`).join(', ');
  process.stderr.write(`${who}: history written before the run in ${history.seconds} s: ${rows} over ${PREFILL_BUSINESSES} businesses; ${history.totalMb} MB (${d.database.dialect === 'postgres' ? 'those tables with their indexes' : 'the whole file'})\n`);
}

async function jobsByKind(store: Store): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('jobs').select(['kind', sql<number>`count(*)`.as('n')]).groupBy('kind').execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/**
 * Before a measured run: the warm-up, its texts all sent, then BENCH_PREFILL's history (made of the
 * warm-up's rows, so after it) and a second warm-up. With `analyze`, the autovacuum stand-in starts
 * (its first check done) before the last warm-up, so the plans its ANALYZE makes every connection
 * redo are redone before the measured calls. Nothing of it is counted. Returns the texts sent so
 * far, and the stand-in's stop (its report; '' when none ran).
 *
 * Why a second warm-up after the history (round 26): writing it took longer than a PostgreSQL pool
 * kept an idle connection until round 27 (10 s), so the measured calls started on new connections,
 * each loading the catalog and planning every statement afresh (the worker's claim: ~6.5 ms a plan,
 * six times per connection), a cost of the bench's pause, not of the calls. It stays, so runs of
 * earlier code (BENCH_CODE) and of a history longer to write than today's idle timeout compare.
 *
 * BENCH_LULL_SECONDS then adds a quiet spell on purpose, to measure what a lull costs the next burst.
 */
async function prepareRun(d: Deployment, concurrency: number, who: string, analyze: boolean): Promise<{ warmUpTexts: number; stopAnalyzing: () => Promise<string> }> {
  const startStandIn = () => (analyze ? standInForAutovacuum(d, who, AUTOVACUUM_CHECK_MS) : Promise.resolve(async () => ''));
  await warmUp(d, concurrency, 0);
  await d.sim.waitForMessages(WARM_UP_CALLS, { timeoutMs: 120_000 });
  if (PREFILL_COPIES === 0) {
    const stopAnalyzing = await startStandIn();
    await lull(who);
    return { warmUpTexts: WARM_UP_CALLS, stopAnalyzing };
  }
  // A text arrives before its job records it: write the history only once every job has, so no
  // write of Textback's waits behind the history's (on SQLite one waited past its 5-s busy timeout).
  for (let waited = 0; Object.values(await jobBacklog(d.store)).some((n) => n > 0); waited += 50) {
    if (waited > 60_000) throw new Error(`${who}: the warm-up's jobs did not finish within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await writeHistory(d, who);
  const stopAnalyzing = await startStandIn();
  await warmUp(d, concurrency, WARM_UP_CALLS);
  await d.sim.waitForMessages(2 * WARM_UP_CALLS, { timeoutMs: 120_000 });
  await lull(who);
  return { warmUpTexts: 2 * WARM_UP_CALLS, stopAnalyzing };
}

/** BENCH_LULL_SECONDS of no calls at all, said. */
async function lull(who: string): Promise<void> {
  if (LULL_SECONDS <= 0) return;
  process.stderr.write(`${who}: ${LULL_SECONDS} s without calls before the measured ones (BENCH_LULL_SECONDS)\n`);
  await new Promise((r) => setTimeout(r, LULL_SECONDS * 1000));
}

/**
 * Warms Textback up (JIT, connections, sockets to the carrier) with WARM_UP_CALLS missed calls of
 * callers of their own (numbered from `first`), before anything is timed; not counted anywhere.
 * Returns once every webhook was answered (the caller waits for the texts with whatever else it
 * warms up).
 */
async function warmUp(d: Deployment, concurrency: number, first: number): Promise<void> {
  const callers = Array.from({ length: WARM_UP_CALLS }, (_, i) => callerNumber(WARM_UP_CALLER_BASE + first + i));
  await playCalls({ callers, concurrency, lines: d.lines });
}

async function benchOne(dialect: TestDialect, topology: string, concurrency: number): Promise<Row> {
  const ceilingBefore = await measureCeiling(CALLS, concurrency);
  const d = await deploy(dialect, topology);
  // The ceiling is measured warm, so the ratio compares warm with warm.
  const { warmUpTexts, stopAnalyzing } = await prepareRun(d, concurrency, 'bench', ANALYZE);
  const lastWebhookAt = new Map<string, number>();
  const textAt = new Map<string, number>();
  const callbacks: Promise<unknown>[] = [];
  onTextArrival(d.sim, (to) => {
    if (!textAt.has(to)) textAt.set(to, performance.now());
  });
  if (SEND_MS > 0) answerSendsAfter(d.sim, SEND_MS);
  d.sim.events.on('message', (m: { to: string; sid: string }) => {
    if (STATUS_CALLBACKS) {
      // After the send's own answer (the SDK call returns first), as Twilio's callbacks come.
      callbacks.push(
        new Promise((r) => setTimeout(r, 20)).then(async () => {
          for (const status of ['sent', 'delivered'] as const) {
            const res = await d.sim.deliverStatus(m.sid, status);
            if (res.statusCode >= 300) throw new Error(`status callback answered ${res.statusCode}`);
          }
        }),
      );
    }
  });
  const callers = Array.from({ length: CALLS }, (_, i) => callerNumber(i));
  const jobsBefore = await jobsByKind(d.store);
  const dashboards = DASHBOARDS > 0 ? await openDashboards({ base: d.base, apiKey: d.apiKey, count: DASHBOARDS, refresh: DASHBOARD_REFRESH, page: DASHBOARD_PAGE }) : null;
  await Promise.all(d.procs.map((p) => p.reset()));
  const backendCpuBefore = await databaseBackendCpu(d);
  const walBefore = await walCounters(d);
  const started = performance.now();
  const backlog = SERIES ? sampleJobBacklog(d.store, 100) : undefined;
  const settingsWriter = writeSettingsMeanwhile(d);
  const generatorCpuAtStart = process.cpuUsage();
  const played = await playCalls({
    lines: d.lines,
    callers,
    concurrency,
    rate: RATE,
    onAnswered: (from, at) => lastWebhookAt.set(from, at),
  });
  await d.sim.waitForMessages(warmUpTexts + CALLS, { timeoutMs: 300_000 });
  const finished = Math.max(...textAt.values());
  const dashboardLoad = dashboards ? { ...(await dashboards.stop()), overviews: await overviewAnswers(d) } : null;
  backlog?.stop();
  const settingsWrites = await settingsWriter.stop();
  const generatorCpu = process.cpuUsage(generatorCpuAtStart);
  const standInReport = await stopAnalyzing();
  if (standInReport) process.stderr.write(`bench: ${dialect} ${topology}: ${standInReport}\n`);
  await Promise.all(callbacks);
  // Let trailing jobs (event dispatch) finish before counting.
  await new Promise((r) => setTimeout(r, 1_000));
  const stats = await sumStats(d.procs);
  // After the counters are read: the reads are not the calls' cost.
  const dashboardReads = READS > 0 ? await timeDashboardReads(d.api, d.apiKey, READS) : [];
  const backendCpuMs = cpuSince(backendCpuBefore, await databaseBackendCpu(d));
  const wal = walPerCall(walBefore, await walCounters(d), CALLS);
  const jobsAfter = await jobsByKind(d.store);
  const texts = d.sim.messages.length - warmUpTexts;
  await d.stop();
  // Measured again after the run, and the ratio taken against the faster reading: this machine's
  // speed drifts within minutes, and one reading before the run was 3,993–7,540 req/s in one hour
  // (round 17), which moved the ratio by as much. The faster reading is what the machine could do
  // around the run, so a slow moment of the ceiling's never flatters Textback.
  const ceilingAfter = await measureCeiling(CALLS, concurrency);
  const latencies = sendLatencies(callers, lastWebhookAt, textAt);
  if (SERIES) writeSeries(SERIES, callers.map((c) => [lastWebhookAt.get(c)! - started, textAt.get(c)! - lastWebhookAt.get(c)!]), backlog!.samples);
  const seconds = (finished - started) / 1000;
  const jobDelta = Object.entries(jobsAfter)
    .map(([k, n]) => [k, n - (jobsBefore[k] ?? 0)] as const)
    .filter(([, n]) => n > 0);
  const jobs = jobDelta.reduce((a, [, n]) => a + n, 0);
  const webhookRps = played.webhooks / played.seconds;
  return {
    dialect,
    topology,
    concurrency,
    offered: RATE === undefined ? `${concurrency} in flight` : `${RATE}/s, max ${played.maxInFlight} in flight`,
    calls: CALLS,
    texts,
    seconds: round(seconds, 2),
    callsPerSecond: round(CALLS / seconds, 1),
    webhookRps: round(webhookRps),
    ceilingRps: round(Math.max(ceilingBefore, ceilingAfter)),
    ceilingReadings: [round(ceilingBefore), round(ceilingAfter)],
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1]!),
    webhookAnswerMs: played.answerMs.length ? spread(played.answerMs) : '–',
    queriesPerCall: round(stats.queries / CALLS, 1),
    transactionsPerCall: round(stats.transactions / CALLS, 1),
    commitsPerCall: round(stats.commits / CALLS, 1),
    jobsPerCall: round(jobs / CALLS, 2),
    jobsByKind: jobDelta.map(([k, n]) => `${k} ${round(n / CALLS, 2)}`).join(', '),
    cpuMsPerCall: round(stats.cpuMs / CALLS, 2),
    cpuMsPerCallByProcess: stats.cpuMsByProcess.map((ms) => round(ms / CALLS, 2)),
    databaseCpuMsPerCall: dialect === 'postgres' ? round(backendCpuMs / CALLS, 2) : NaN,
    generatorCpuMsPerCall: round((generatorCpu.user + generatorCpu.system) / 1000 / CALLS, 2),
    wal,
    peakRssMb: round(stats.peakRss / 2 ** 20),
    settingsWrites,
    dashboardReads,
    dashboards: dashboardLoad,
  };
}

/**
 * BENCH_SETTINGS_WRITES: while the calls play, the quiet business's number gets its readiness
 * written that many times a second, through the bench's own connection as a worker's readiness
 * check would write it. Each write's trigger tells every process (round 22). Returns the writes made.
 */
function writeSettingsMeanwhile(d: Deployment): { stop(): Promise<number> } {
  if (SETTINGS_WRITES <= 0 || !d.quietNumberId) return { stop: async () => 0 };
  let writes = 0;
  let failed = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    const readiness = JSON.stringify({ status: 'ready', checks: [], checkedAt: new Date().toISOString() });
    // A write that fails (a busy file, a lost connection) is counted and said, not left to end the run.
    writing = d.store.db
      .updateTable('phone_numbers')
      .set({ readiness })
      .where('id', '=', d.quietNumberId!)
      .execute()
      .then(
        () => writes++,
        (err: Error) => {
          if (failed++ === 0) process.stderr.write(`bench: a settings write failed: ${err.message}\n`);
        },
      );
  }, 1000 / SETTINGS_WRITES);
  return {
    async stop() {
      clearInterval(timer);
      await writing;
      if (failed > 0) process.stderr.write(`bench: ${failed} settings writes failed of ${writes + failed}\n`);
      return writes;
    },
  };
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), Node ${process.version}, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`;
}

/** Textback runs from CODE's build: build it first when a source is newer (its own script decides). */
function buildTextbackIfStale(): void {
  if (FROM_SOURCES) return;
  const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: CODE, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`building ${CODE} failed (exit ${built.status}); BENCH_RUNTIME=tsx runs its sources instead`);
}

function runtimeLabel(): string {
  return `Textback ${FROM_SOURCES ? 'from its sources (tsx)' : 'from its build'}${CODE === process.cwd() ? '' : ` in ${CODE}`}`;
}

async function main() {
  buildTextbackIfStale();
  if (SOAK_CALLS > 0) return soak(SOAK_CALLS);
  if (NEIGHBOUR_CONTACTS > 0) return noisyNeighbour(NEIGHBOUR_CONTACTS);
  process.stderr.write(`bench: ${machine()}, load generator ${CLIENT === 'http' ? 'node:http keep-alive' : 'fetch'}, ${runtimeLabel()}\n`);
  const rows: Row[] = [];
  for (const dialect of DATABASES) {
    for (const topology of topologiesFor(dialect)) {
      for (const concurrency of PROFILES) {
        process.stderr.write(
          `bench: ${dialect}, ${topology}, ${CALLS} missed calls, ${RATE === undefined ? `${concurrency} in flight` : `${RATE}/s`}${BUSINESSES > 1 ? `, to ${BUSINESSES} businesses` : ''}…\n`,
        );
        const row = await benchOne(dialect, topology, concurrency);
        process.stderr.write(`  ${JSON.stringify(row)}\n`);
        rows.push(row);
      }
    }
  }
  console.log(`\nMachine: ${machine()}; load generator: ${CLIENT === 'http' ? 'node:http keep-alive' : 'fetch (rounds 1–5)'}; ${runtimeLabel()}`);
  console.log('\n| database | processes | load | missed calls | texts | missed calls/s | webhook req/s | ceiling req/s (before / after) | ratio | to send p50 / p95 / p99 / max (ms) | statements / call | transactions / call | commits / call | jobs / call | CPU ms / call | PostgreSQL backends CPU ms / call | load generator CPU ms / call | WAL records / full pages / bytes per call | RSS peak (MB) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.dialect} | ${r.topology} | ${r.offered} | ${r.calls} | ${r.texts} | ${r.callsPerSecond} | ${r.webhookRps} | ${r.ceilingRps} (${r.ceilingReadings.join(' / ')}) | ${round((100 * r.webhookRps) / r.ceilingRps)}% | ${r.p50} / ${r.p95} / ${r.p99} / ${r.max} | ${r.queriesPerCall} | ${r.transactionsPerCall} | ${r.commitsPerCall} | ${r.jobsPerCall} | ${r.cpuMsPerCall} | ${Number.isNaN(r.databaseCpuMsPerCall) ? '–' : r.databaseCpuMsPerCall} | ${r.generatorCpuMsPerCall} | ${r.wal ? `${r.wal.records} / ${r.wal.fullPages} / ${r.wal.bytes}` : '–'} | ${r.peakRssMb} |`,
    );
  }
  console.log('\nWebhooks, from sent to answered, p50 / p95 / p99 / max (ms): what a caller hears as silence on a voice webhook:');
  for (const r of rows) console.log(`- ${r.dialect} ${r.topology}: ${r.webhookAnswerMs}`);
  console.log('\nJobs per call by kind:');
  for (const r of rows) console.log(`- ${r.dialect} ${r.topology} ×${r.concurrency}: ${r.jobsByKind}`);
  const split = rows.filter((r) => r.cpuMsPerCallByProcess.length > 1);
  if (split.length) {
    console.log('\nTextback CPU ms / call by process (web, then each worker):');
    for (const r of split) console.log(`- ${r.dialect} ${r.topology}: ${r.cpuMsPerCallByProcess.join(' + ')}`);
  }
  if (SETTINGS_WRITES > 0) {
    console.log(`\nSettings writes to a business nobody calls (BENCH_SETTINGS_WRITES=${SETTINGS_WRITES}) during the calls:`);
    for (const r of rows) console.log(`- ${r.dialect} ${r.topology}: ${r.settingsWrites}`);
  }
  if (DASHBOARDS > 0) {
    console.log(`\nDashboards open on the ${DASHBOARD_PAGE} during the calls (BENCH_DASHBOARDS=${DASHBOARDS}, refetching ${DASHBOARD_REFRESH === 'each' ? 'on each live event' : `at most once per ${DASHBOARD_REFRESH} ms`}): events heard, reads asked (per missed call), reads failed:`);
    for (const r of rows) {
      const o = r.dashboards!.overviews;
      const answered = o && o.computed + o.shared > 0 ? `; overviews answered: ${o.computed} computed, ${o.shared} shared` : '';
      console.log(`- ${r.dialect} ${r.topology}: ${r.dashboards!.events} events, ${r.dashboards!.reads} reads (${round(r.dashboards!.reads / r.calls, 2)} per call), ${r.dashboards!.failedReads} failed${answered}`);
    }
  }
  if (READS > 0) printDashboardReads(rows);
  const wrong = rows.filter((r) => r.texts !== r.calls);
  if (wrong.length) {
    console.error(`Each missed call must be texted exactly once: ${wrong.map((r) => `${r.dialect} sent ${r.texts}`).join(', ')}`);
    process.exit(1);
  }
}

/** BENCH_READS: one column per run, one line per read, median / slowest in ms. */
function printDashboardReads(rows: Row[]): void {
  console.log(`\nThe dashboard's reads of the bench's business after the calls, ${READS} times each, one at a time (median / slowest, ms):`);
  console.log(`\n| read | ${rows.map((r) => `${r.dialect} ${r.topology}`).join(' | ')} |`);
  console.log(`|---|${rows.map(() => '---|').join('')}`);
  for (const [i, read] of rows[0]!.dashboardReads.entries()) {
    console.log(`| ${read.name} | ${rows.map((r) => `${r.dashboardReads[i]!.medianMs} / ${r.dashboardReads[i]!.maxMs}`).join(' | ')} |`);
  }
}

/**
 * Soak: `calls` missed calls on each database (one ROLE=all process unless BENCH_TOPOLOGY names
 * another, e.g. `web+2`; 32 in flight), with job and event retention short enough that pruning runs
 * during the soak. Reports the throughput of the first and last 10% of calls, RSS over time (and
 * each process's, with web and worker processes), and the size of the jobs and events tables.
 */
async function soak(calls: number): Promise<void> {
  process.stderr.write(`soak: ${machine()}\n`);
  const concurrency = PROFILES[0] ?? 32;
  for (const dialect of DATABASES) {
    // The ceiling with a tenth's worth of calls, before and after the soak: on a machine whose pace
    // drifts within minutes, the first and last tenths are compared as shares of what the machine
    // could do then (round 17), besides as they are.
    const tenth = Math.max(1, Math.floor(calls / 10));
    const ceilingBefore = await measureCeiling(tenth, concurrency);
    // One topology per soak: the first BENCH_TOPOLOGY names, else one ROLE=all process.
    const topology = process.env.BENCH_TOPOLOGY?.split(',')[0] ?? 'all';
    const d = await deploy(dialect, topology, {
      JOB_RETENTION_MINUTES: process.env.SOAK_RETENTION_MINUTES ?? '1',
      EVENT_RETENTION_MINUTES: process.env.SOAK_RETENTION_MINUTES ?? '1',
    });
    // The soak measures from a cold start unless it needs the warm-up's rows for a history.
    // Its own stand-in starts below, checking every 2 s.
    if (PREFILL_COPIES > 0) await prepareRun(d, concurrency, 'soak', false);
    const textsBefore = d.sim.messages.length;
    let texts = 0;
    d.sim.events.on('message', () => texts++);
    // Every 2 s, as rounds 8–25, not at autovacuum's naptime: a soak starts on an empty database,
    // and a first minute on plans made for empty tables would slow its first tenth, flattering the
    // last tenth against it.
    const stopVacuuming = await standInForAutovacuum(d, 'soak', SOAK_AUTOVACUUM_CHECK_MS);
    const samples: { t: number; calls: number; texts: number; rssMb: number; rssMbByProcess: number[]; jobs: number; events: number; load: number; wal: WalPerCall | null }[] = [];
    let answered = 0;
    const walAtStart = await walCounters(d);
    const started = performance.now();
    const decileAt: number[] = [];
    // The sample under way, awaited before the processes stop.
    let sampling: Promise<void> = Promise.resolve();
    const sampler = setInterval(() => {
      sampling = (async () => {
        const stats = await sumStats(d.procs);
        const [jobs, events] = await Promise.all([
          d.store.db.selectFrom('jobs').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
          d.store.db.selectFrom('events').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
        ]);
        samples.push({
          t: round((performance.now() - started) / 1000),
          calls: answered,
          texts,
          rssMb: round(stats.rss / 2 ** 20),
          rssMbByProcess: stats.rssByProcess.map((rss) => round(rss / 2 ** 20)),
          jobs: Number(jobs.n),
          events: Number(events.n),
          load: round(os.loadavg()[0]!, 1),
          wal: await walCounters(d),
        });
        process.stderr.write(`  ${JSON.stringify(samples[samples.length - 1])}\n`);
      })();
    }, Number(process.env.SOAK_SAMPLE_MS ?? 10_000));
    const callers = Array.from({ length: calls }, (_, i) => callerNumber(i));
    await playCalls({
      callers,
      concurrency,
      lines: [d],
      onAnswered: () => {
        answered++;
        if (answered % tenth === 0) decileAt.push(performance.now());
      },
    });
    // Counted from the simulator's events: its waitForMessages filters every message stored so far
    // on each new one, which at 100,000 texts made the bench process itself the bottleneck.
    const deadline = performance.now() + 600_000;
    while (texts < calls && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    clearInterval(sampler);
    await sampling;
    const vacuumed = await stopVacuuming();
    if (texts < calls) throw new Error(`soak: only ${texts} of ${calls} texts arrived within 600 s of the last call`);
    const seconds = (performance.now() - started) / 1000;
    const firstTenth = tenth / ((decileAt[0]! - started) / 1000);
    const lastTenth = tenth / ((decileAt[9]! - decileAt[8]!) / 1000);
    const final = samples[samples.length - 1];
    console.log(`\nSoak, ${dialect}, ${topology}: ${calls} missed calls, ${concurrency} in flight, ${round(seconds)} s, texts ${d.sim.messages.length - textsBefore}${vacuumed ? ` (${vacuumed})` : ''}`);
    console.log(`- calls/s first 10%: ${round(firstTenth, 1)}, last 10%: ${round(lastTenth, 1)} (last/first ${round((100 * lastTenth) / firstTenth)}%)`);
    console.log(`- RSS (MB) over time: ${samples.map((s) => s.rssMb).join(', ')}`);
    if (d.procs.length > 1) {
      d.procs.forEach((_, i) => console.log(`  - ${i === 0 ? 'web' : `worker ${i}`}: ${samples.map((s) => s.rssMbByProcess[i]).join(', ')}`));
    }
    console.log(`- jobs table rows over time: ${samples.map((s) => s.jobs).join(', ')}`);
    console.log(`- events table rows over time: ${samples.map((s) => s.events).join(', ')}`);
    console.log(`- calls/s per sample: ${samples.map((s, i) => round((s.calls - (samples[i - 1]?.calls ?? 0)) / (s.t - (samples[i - 1]?.t ?? 0)))).join(', ')}`);
    console.log(`- load average (1 min) per sample: ${samples.map((s) => s.load).join(', ')}`);
    if (dialect === 'postgres') {
      const wal = samples.map((s, i) => walPerCall(samples[i - 1]?.wal ?? walAtStart, s.wal, Math.max(1, s.calls - (samples[i - 1]?.calls ?? 0))));
      console.log(`- WAL bytes per call per sample: ${wal.map((w) => w?.bytes ?? '–').join(', ')}`);
      console.log(`- WAL full-page images per call per sample: ${wal.map((w) => w?.fullPages ?? '–').join(', ')}`);
    }
    console.log(`- samples: ${JSON.stringify(samples)}`);
    if (final) console.log(`- at the end: RSS ${final.rssMb} MB, jobs ${final.jobs}, events ${final.events}`);
    const sent = d.sim.messages.length - textsBefore;
    await d.stop();
    if (sent !== calls) {
      console.error(`Each missed call must be texted exactly once: ${dialect} sent ${sent}`);
      process.exit(1);
    }
    const ceilingAfter = await measureCeiling(tenth, concurrency);
    const pace = (lastTenth / ceilingAfter / (firstTenth / ceilingBefore)) * 100;
    console.log(`- the ceiling before / after the soak: ${round(ceilingBefore)} / ${round(ceilingAfter)} req/s; last/first as shares of it: ${round(pace)}%`);
  }
}

/**
 * A noisy neighbour (`npm run bench -- --neighbour 5000`): another business on the same deployment
 * imports that many contacts, and its workflow welcomes each new contact by text, so the jobs queue
 * fills with its work. While that drains, the bench's business gets missed calls at a modest rate
 * (NEIGHBOUR_CALLS, default 200, at NEIGHBOUR_RATE calls/s, default 20). Every carrier send is
 * answered after NEIGHBOUR_SEND_MS (default 200 ms), as a real carrier's API takes that long, so the
 * neighbour's sends hold worker slots as they would. Once every missed call has its text, the bench's
 * staff reply to NEIGHBOUR_REPLIES of those callers (default 50, at 10/s) through the API, while the
 * neighbour's texts still queue. Reports the missed calls' time from the dial result's answer to their
 * text reaching the carrier (and the slowest by second after the import), the replies' time from the
 * API's answer to the carrier, how long the neighbour's texts took to drain, and the most jobs
 * waiting at once. Before any of it, the process is warmed up with BENCH_WARM_UP missed calls and an
 * import of NEIGHBOUR_WARM_UP contacts (default 300), all texted before the measured import starts.
 */
async function noisyNeighbour(contacts: number): Promise<void> {
  const calls = Number(process.env.NEIGHBOUR_CALLS ?? 200);
  const rate = Number(process.env.NEIGHBOUR_RATE ?? 20);
  const sendMs = Number(process.env.NEIGHBOUR_SEND_MS ?? 200);
  const replies = Number(process.env.NEIGHBOUR_REPLIES ?? 50);
  process.stderr.write(`neighbour: ${machine()}, ${runtimeLabel()}\n`);
  for (const dialect of DATABASES) {
    const d = await deploy(dialect, 'all');
    const neighbour = await addBusiness(d.api, d.adminToken, d.sim, { name: 'Neighbour', businessName: 'Neighbour Salon', number: '+15550100002' });
    await d.api('POST', '/api/v1/workflows', neighbour.apiKey, {
      name: 'Welcome',
      enabled: true,
      trigger: { type: 'contact.created' },
      actions: [{ type: 'send_sms', body: 'Welcome to {{business.name}}! Reply STOP to opt out.' }],
    });
    // Warm against warm, as the main bench: missed calls of callers of their own, then a small import
    // whose welcomes go out, before anything is timed. Without it the first second after the import
    // measured a cold process (its JIT, and on PostgreSQL new connections preparing their statements):
    // the text-backs of that second waited up to 0.5 s, the others 60 ms at most (round 14).
    await warmUp(d, 32, 0);
    const warmContacts = Array.from({ length: NEIGHBOUR_WARM_UP }, (_, i) => callerNumber(700_000 + i));
    await d.api('POST', '/api/v1/contacts/import', neighbour.apiKey, { csv: `phone\n${warmContacts.join('\n')}\n`, dryRun: false });
    await d.sim.waitForMessages(WARM_UP_CALLS + NEIGHBOUR_WARM_UP, { timeoutMs: 120_000 });
    const neighbourPhones = new Set(Array.from({ length: contacts }, (_, i) => callerNumber(500_000 + i)));
    const callers = Array.from({ length: calls }, (_, i) => callerNumber(i));
    const textAt = new Map<string, number>();
    /** Staff replies by the caller's phone: asked for, the API's answer, and when each reached the carrier. */
    const replyAsked = new Set<string>();
    const replyQueuedAt = new Map<string, number>();
    const replyAt = new Map<string, number>();
    let welcomes = 0;
    let lastWelcomeAt = 0;
    onTextArrival(d.sim, (to) => {
      if (neighbourPhones.has(to)) {
        welcomes++;
        lastWelcomeAt = performance.now();
      } else if (!textAt.has(to)) textAt.set(to, performance.now());
      else if (replyAsked.has(to) && !replyAt.has(to)) replyAt.set(to, performance.now());
    });
    answerSendsAfter(d.sim, sendMs);
    const backlog = sampleJobBacklog(d.store, 250);
    const mostWaiting = () => Math.max(0, ...backlog.samples.map((b) => b.pending + b.running));
    const started = performance.now();
    const csv = `phone\n${[...neighbourPhones].join('\n')}\n`;
    await d.api('POST', '/api/v1/contacts/import', neighbour.apiKey, { csv, dryRun: false });
    const imported = performance.now();
    const lastWebhookAt = new Map<string, number>();
    await playCalls({
      callers,
      concurrency: 32,
      lines: [d],
      rate,
      onAnswered: (from, at) => lastWebhookAt.set(from, at),
    });
    for (let waited = 0; textAt.size < calls && waited < 900_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    // The staff answer some of the callers while the neighbour's texts still queue.
    const { data: conversations } = await d.api('GET', `/api/v1/conversations?limit=${replies}`, d.apiKey);
    const waitingAtReplies = welcomes < contacts ? `${contacts - welcomes} of the neighbour's texts still to go` : "after the neighbour's texts had all gone";
    // Newest first: the measured callers' (the warm-up's callers have conversations too, older ones).
    const measured = new Set(callers);
    for (const conversation of (conversations as { id: string; contact: { phone: string } }[]).filter((c) => measured.has(c.contact.phone))) {
      replyAsked.add(conversation.contact.phone);
      await d.api('POST', `/api/v1/conversations/${conversation.id}/messages`, d.apiKey, { body: 'Thanks for calling! When suits you?' });
      replyQueuedAt.set(conversation.contact.phone, performance.now());
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let waited = 0; (replyAt.size < replyAsked.size || welcomes < contacts) && waited < 900_000; waited += 100) {
      if (waited % 5_000 === 0) process.stderr.write(`neighbour: ${replyAt.size} of ${replyAsked.size} replies, ${welcomes} of ${contacts} welcomes, at most ${mostWaiting()} jobs waiting\n`);
      await new Promise((r) => setTimeout(r, 100));
    }
    backlog.stop();
    await d.stop();
    if (textAt.size < calls) throw new Error(`neighbour: ${textAt.size} of ${calls} text-backs arrived`);
    if (replyAt.size < replyAsked.size) throw new Error(`neighbour: ${replyAt.size} of ${replyAsked.size} staff replies arrived`);
    const latencies = sendLatencies(callers, lastWebhookAt, textAt);
    const replyLatencies = sendLatencies([...replyQueuedAt.keys()], replyQueuedAt, replyAt);
    console.log(`\nNoisy neighbour, ${dialect}: ${contacts} contacts imported in ${round((imported - started) / 1000, 1)} s, welcomed by text (each send answered after ${sendMs} ms); ${calls} missed calls at ${rate}/s meanwhile`);
    console.log(`- missed call to text p50 / p95 / p99 / max: ${spread(latencies)} ms`);
    console.log(`- ${replyAt.size} staff replies (sent ${waitingAtReplies}), from the API's answer to the text p50 / p95 / p99 / max: ${spread(replyLatencies)} ms`);
    console.log(`- the neighbour's ${welcomes} welcome texts took ${round((lastWelcomeAt - imported) / 1000, 1)} s after the import; at most ${mostWaiting()} jobs pending or running at once`);
    // When in the run the slow text-backs were (before the warm-up, all in the first second: round 14).
    const bySecond = new Map<number, number>();
    for (const c of callers) {
      const second = Math.floor((lastWebhookAt.get(c)! - imported) / 1000);
      bySecond.set(second, Math.max(bySecond.get(second) ?? 0, textAt.get(c)! - lastWebhookAt.get(c)!));
    }
    console.log(
      `- slowest text-back by second after the import: ${[...bySecond].sort((a, b) => a[0] - b[0]).map(([s, ms]) => `${s}s ${round(ms)}`).join(', ')} ms`,
    );
  }
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
