/**
 * Opens the database named by DATABASE_URL (SQLite file or PostgreSQL) behind one Kysely type, and
 * runs the migrations. Everything above this file is dialect-blind except the job claim query.
 */
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  type QueryResult,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
} from 'kysely';
import pg from 'pg';
import { ConnectionPriority, type ConnectionLane } from './connection-priority.js';
import { GroupCommit, useFile } from './group-commit.js';
import { migrations } from './migrations/index.js';
import { CachingSqliteConnection } from './sqlite-connection.js';
import { readThreadDriver, SqliteReadThread } from './sqlite-read-thread.js';
import { isAbandoned, requestAbandoned } from './abandoned-reads.js';
import { queryShaped, ResultShapes } from './pg-shaped-query.js';
import { CHECK_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, IdleConnectionCheck, KEEP_ALIVE_AFTER_MS, type IdleCheckCounts } from './idle-connection-check.js';
import { CONNECT_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS, hasNoDeadline, SilentConnection, StatementDeadline, type WatchedConnection } from './statement-deadline.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES, WalCheckpointer } from './wal-checkpointer.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** Round trips this process made, counted where the driver runs them (the bench reads these). */
export interface StoreStats {
  /** Statements sent, including BEGIN and COMMIT. */
  queries: number;
  transactions: number;
  /**
   * Commits: each COMMIT plus each write statement run outside a transaction (it commits on its
   * own). What the database makes durable one by one (a WAL append on SQLite, a WAL flush on
   * PostgreSQL), so fewer is cheaper even at the same statement count.
   */
  commits: number;
  /** Sees every statement's SQL (the bench's per-call trace); unset in production. */
  onStatement?: (sql: string) => void;
}

export interface Store {
  /**
   * The database. On a SQLite file, transactions share COMMITs (group-commit.ts): a read outside a
   * transaction sees only what is committed, so await a write before reading what it wrote, and
   * inside a transaction never await a write started elsewhere.
   */
  db: Kysely<Database>;
  /**
   * The same database over the same pool, for the job worker: its connection requests go before
   * `db`'s when the pool is saturated (connection-priority.ts). The worker hands it (carrying the
   * running job's follow-up scope) to job handlers as their ctx.db.
   */
  jobDb: Kysely<Database>;
  /**
   * The database for reads that may take long and need no transaction: the dashboard's figures,
   * its inbox lists, counts and searches, exports. They see committed rows only, as any read outside
   * a transaction does. On a SQLite file they run on a thread of their own (sqlite-read-thread.ts),
   * so a large business's overview never holds the thread that answers the webhooks. On PostgreSQL
   * (whose backends are processes of their own) they take the same pool's connections, at most a
   * quarter of them at once (connection-priority.ts), so they never hold all of them either.
   */
  reportDb: Kysely<Database>;
  dialect: Dialect;
  stats: StoreStats;
  /** The PostgreSQL pool (its counts for the metrics); absent on SQLite. */
  pgPool?: pg.Pool;
  /**
   * PostgreSQL: one statement outside Kysely (the notifier's signals) on a pool connection, checked
   * first when it idled as the store's own are (idle-connection-check.ts); absent on SQLite.
   */
  pgQuery?: (config: pg.QueryConfig) => Promise<unknown>;
  /** PostgreSQL: the checks of idle connections so far, by outcome (idle-connection-check.ts). */
  pgIdleChecks?: IdleCheckCounts;
  /** SQLite on a file: the thread that checkpoints its write-ahead log (wal-checkpointer.ts). */
  checkpointer?: WalCheckpointer;
  /**
   * Calls `listener` with the SQL of each write statement this process ran, once it committed
   * (at once outside a transaction, after COMMIT inside one, never after a rollback).
   */
  onCommittedWrite(listener: CommittedWriteListener): void;
  /**
   * SQLite only: runs a one-row read (`text`, no parameters) at once, outside the driver's queue, and
   * returns its first row, as last committed. For reads so small (a primary-key lookup, ~1 µs) that
   * the driver's asynchronous path (~20 µs) would be most of their cost. Counted in `stats` like any
   * statement. On a file it reads through a read-only connection of its own, so it sees only
   * committed rows and never waits. In memory (one connection, no group commit) it throws while a
   * transaction is open on the connection (the read would see its uncommitted writes) or a
   * statement still iterates: the caller then reads through `db`, which waits its turn.
   */
  readRowNow?(text: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

export type CommittedWriteListener = (sql: string) => void;

/** pg returns int8 as strings by default; our bigints are epoch ms and counts, safe as numbers. */
const INT8_OID = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). With the default
 * deferred BEGIN, a transaction that reads and then writes fails at once with SQLITE_BUSY when
 * another process (a CLI, a second worker) wrote in between; taking the lock first turns that into
 * a wait of at most busy_timeout. One process alone never notices: Kysely serializes its connection.
 * Its one connection caches compiled statements (CachingSqliteConnection).
 */
function immediateCachingSqliteDriver(sqlite: SQLite.Database, connection: CachingSqliteConnection): Driver {
  const driver = new SqliteDialect({ database: sqlite }).createDriver();
  driver.beginTransaction = async (c: DatabaseConnection) => {
    await c.executeQuery(CompiledQuery.raw('begin immediate'));
  };
  // Kysely's SQLite driver holds one connection behind a mutex; swap in ours (sqlite-connection.ts).
  const acquire = driver.acquireConnection.bind(driver);
  driver.acquireConnection = async () => {
    await acquire();
    return connection;
  };
  return driver;
}

/** One driver seen through the three lanes of its connection priority: the same connections, asked for in different lines. */
interface LaneDrivers {
  others: Driver;
  jobs: Driver;
  /** The dashboard's long reads (reportDb), held to their share of the pool (connection-priority.ts). */
  reports: Driver;
  /** SQLite's group commit, when the driver runs one (the store closes it). */
  group?: GroupCommit;
}

/**
 * Three Kysely handles over one driver's three lanes: `db`, the worker's `jobDb` and the dashboard's
 * `reportDb` (on a SQLite file, the report thread's driver instead). Each Kysely wraps its driver in
 * a runtime driver of its own, so each calls init and destroy; countingDriver runs each once on the
 * shared driver.
 */
function openLanes(
  dialect: KyselyDialect,
  drivers: LaneDrivers,
  /** reportDb's driver: SQLite on a file, its thread's (sqlite-read-thread.ts); otherwise the pool's reports lane. */
  reportDriver: Driver = drivers.reports,
): { db: Kysely<Database>; jobDb: Kysely<Database>; reportDb: Kysely<Database> } {
  // One adapter for all, so what is compiled once per adapter (prepared-query.ts) is shared.
  const adapter = dialect.createAdapter();
  const over = (driver: Driver): KyselyDialect => ({
    createDriver: () => driver,
    createAdapter: () => adapter,
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  });
  return {
    db: new Kysely<Database>({ dialect: over(drivers.others) }),
    jobDb: new Kysely<Database>({ dialect: over(drivers.jobs) }),
    reportDb: new Kysely<Database>({ dialect: over(reportDriver) }),
  };
}

/** Statements that change data (an UPDATE … RETURNING is one too; a read-only WITH is taken for one). */
const WRITE = /^\s*(insert|update|delete|with)\b/i;
/** Plain reads: the only statements group commit may run on its read-only connection. */
const READ = /^\s*select\b/i;

/** Counts one statement sent to the database (every statement goes through here, transaction control too). */
function countStatement(stats: StoreStats, text: string): void {
  stats.queries++;
  stats.onStatement?.(text);
}

/** A wrapped connection's hook for work that must wait until its transaction committed. */
const AFTER_COMMIT = Symbol('afterCommit');
type HookedConnection = DatabaseConnection & { [AFTER_COMMIT]?: (fn: () => void) => void };

/**
 * Counts statements and transactions at the driver, so the figure is what really went to the
 * database (not a guess from the code). Costs an increment per statement. It also keeps, per
 * connection, what waits for the open transaction's commit (runAfterCommit): run after COMMIT
 * succeeded, dropped on rollback. And it hands out connections in `priority`'s order (the job
 * worker before webhooks, see connection-priority.ts): one driver per lane, over the same `inner`.
 */
function countingDriver(
  inner: Driver,
  stats: StoreStats,
  priority: ConnectionPriority,
  writeListeners: readonly CommittedWriteListener[],
  onCommit?: () => void,
  /**
   * SQLite on a file: transactions share COMMITs (group-commit.ts) on `sqlite`, the connection
   * `inner` runs on; `readCommitted` runs a read on a connection of its own that sees only
   * committed rows; `now` is the clock a group's age is read on (the monotonic clock unless a test gives one).
   */
  grouping?: { sqlite: SQLite.Database; readCommitted: <R>(query: CompiledQuery) => Promise<QueryResult<R>>; now?: () => number },
): LaneDrivers {
  const committed = () => {
    stats.commits++;
    onCommit?.();
  };
  const group =
    grouping &&
    new GroupCommit(
      grouping.sqlite,
      (text) => {
        countStatement(stats, text);
        grouping.sqlite.exec(text);
      },
      () => priority.waiting.jobs + priority.waiting.others > 0,
      committed,
      grouping.now,
    );
  const innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const wrapperOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const afterCommit = new WeakMap<DatabaseConnection, (() => void)[]>();
  const inTransaction = new WeakSet<DatabaseConnection>();
  /** `grouped`: the statement runs in a group commit's transaction, whose COMMIT the group counts. */
  const count = (c: DatabaseConnection, text: string, grouped = false) => {
    countStatement(stats, text);
    if (!grouped && !inTransaction.has(c) && WRITE.test(text)) committed();
  };
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let wrapped = wrapperOf.get(connection);
    if (!wrapped) {
      const tellCommitted = (text: string) => {
        for (const l of writeListeners) l(text);
      };
      const hooked: HookedConnection = {
        executeQuery: <R>(query: CompiledQuery) => {
          // A report whose asker has gone is not run (abandoned-reads.ts).
          if (isAbandoned(query)) return Promise.reject(requestAbandoned());
          if (group && !inTransaction.has(hooked)) {
            // Outside a transaction: in the group (a write is one of its members), alone, or a read of what is committed.
            const isWrite = WRITE.test(query.sql);
            const place = group.beforeStatement(isWrite ? 'write' : READ.test(query.sql) ? 'read' : 'other');
            if (place === 'committed') {
              count(hooked, query.sql, true);
              return grouping!.readCommitted<R>(query);
            }
            if (place === 'group') {
              count(hooked, query.sql, true);
              const result = connection.executeQuery<R>(query);
              if (isWrite) group.wroteOutside(writeListeners.length > 0 ? () => tellCommitted(query.sql) : undefined);
              return result;
            }
          }
          count(hooked, query.sql);
          if (writeListeners.length === 0 || !WRITE.test(query.sql)) return connection.executeQuery<R>(query);
          return connection.executeQuery<R>(query).then((result) => {
            if (inTransaction.has(hooked)) hooked[AFTER_COMMIT]!(() => tellCommitted(query.sql));
            else tellCommitted(query.sql);
            return result;
          });
        },
        streamQuery: (query, chunkSize) => {
          if (group && !inTransaction.has(hooked)) group.beforeStream();
          count(hooked, query.sql);
          return connection.streamQuery(query, chunkSize);
        },
        [AFTER_COMMIT]: (fn) => {
          const waiting = afterCommit.get(hooked);
          if (waiting) waiting.push(fn);
          else afterCommit.set(hooked, [fn]);
        },
      };
      wrapped = hooked;
      wrapperOf.set(connection, wrapped);
      innerOf.set(wrapped, connection);
    }
    return wrapped;
  };
  const unwrap = (c: DatabaseConnection) => innerOf.get(c) ?? c;
  let initialized: Promise<void> | undefined;
  let destroyed: Promise<void> | undefined;
  const lane = (name: ConnectionLane): Driver => ({
    init: () =>
      (initialized ??= inner.init().catch((err: unknown) => {
        initialized = undefined;
        throw err;
      })),
    acquireConnection: async () => {
      await priority.acquire(name);
      try {
        const c = wrap(await inner.acquireConnection());
        group?.acquired();
        return c;
      } catch (err) {
        priority.release(name);
        throw err;
      }
    },
    beginTransaction: async (c, settings) => {
      stats.transactions++;
      afterCommit.delete(c);
      if (group) group.begin();
      else await inner.beginTransaction(c, settings);
      inTransaction.add(c);
    },
    commitTransaction: async (c) => {
      const waiting = afterCommit.get(c);
      afterCommit.delete(c);
      inTransaction.delete(c);
      if (group) {
        // Its rows stay in the group; the hooks run at the group's COMMIT, which releaseConnection waits for.
        group.commit(waiting);
        return;
      }
      await inner.commitTransaction(c);
      committed();
      if (waiting) for (const fn of waiting) fn();
    },
    rollbackTransaction: (c) => {
      afterCommit.delete(c);
      inTransaction.delete(c);
      if (!group) {
        // On the driver's own connection: when ROLLBACK itself fails (the connection is lost or
        // silent) Kysely marks that connection to be dropped, through a method this wrapper does
        // not have; given the wrapper it threw a TypeError there instead of the error that
        // failed the transaction.
        countStatement(stats, 'rollback');
        return inner.rollbackTransaction(unwrap(c));
      }
      group.rollback();
      return Promise.resolve();
    },
    savepoint: inner.savepoint && ((c, name, compile) => inner.savepoint!(c, name, compile)),
    rollbackToSavepoint: inner.rollbackToSavepoint && ((c, name, compile) => inner.rollbackToSavepoint!(c, name, compile)),
    releaseSavepoint: inner.releaseSavepoint && ((c, name, compile) => inner.releaseSavepoint!(c, name, compile)),
    releaseConnection: async (c) => {
      // With group commit: the group commits now if the rules say so; the connection is handed
      // on; then this hold waits for the COMMIT of the group it ran in, if any.
      let durable: Promise<void> | undefined;
      try {
        durable = group?.released();
        await inner.releaseConnection(unwrap(c));
      } finally {
        priority.release(name);
      }
      if (durable) await durable;
    },
    destroy: () =>
      (destroyed ??= (async () => {
        group?.close();
        await inner.destroy();
      })()),
  });
  return { others: lane('others'), jobs: lane('jobs'), reports: lane('reports'), group };
}

/**
 * A way to run work once what `db` writes is committed: at once outside a transaction (each
 * statement autocommits), after COMMIT inside one, never if it rolls back. Lets in-process
 * bookkeeping (the jobs a worker may run next) follow the database exactly, without a statement to
 * check. Undefined for a transaction of a store not opened here; callers then take their checked path.
 */
export async function afterCommitOf(db: Kysely<Database>): Promise<((fn: () => void) => void) | undefined> {
  if (!db.isTransaction) return (fn) => fn();
  return db.getExecutor().provideConnection(async (c) => (c as HookedConnection)[AFTER_COMMIT]);
}

/**
 * PostgreSQL parses and plans every unnamed statement anew. The hot path repeats a few dozen SQL
 * texts, so each gets a name (pg's query config `name`): a connection parses it once, then only
 * binds and executes it. Names are handed out per SQL text for the life of the process, bounded so
 * ad-hoc SQL (filters with varying IN lists) cannot grow the connections' statement lists without
 * end; schema statements, transaction control and anything past the bound stay unnamed.
 *
 * A prepared `select *` fails with "cached plan must not change result type" (SQLSTATE 0A000) once
 * another process's migration changed the table's columns. The text then gets a fresh name, so
 * every connection parses it again; the failed statement is retried at once when it ran outside a
 * transaction (inside one, the transaction has already failed and its caller retries it).
 */
const MAX_NAMED_STATEMENTS = 1_000;
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;

class NamedStatements {
  private readonly names = new Map<string, string>();
  private counter = 0;

  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_NAMED_STATEMENTS && NAMEABLE.test(text)) {
      name = `tb${++this.counter}`;
      this.names.set(text, name);
    }
    return name;
  }

  rename(text: string): void {
    if (this.names.has(text)) this.names.set(text, `tb${++this.counter}`);
  }
}

type PgQueryable = { query(text: unknown, values?: unknown): Promise<unknown>; release(err?: Error | boolean): void };

/**
 * A pool handing Kysely clients whose plain-text queries run as named (prepared) statements, each
 * connection that idled a while checked before it is handed out (idle-connection-check.ts).
 */
function preparingPool(pool: pg.Pool, deadline: StatementDeadline, idleCheck: IdleConnectionCheck): { connect(): Promise<PgQueryable>; end(): Promise<void> } {
  const statements = new NamedStatements();
  const shapes = new ResultShapes();
  const wrappers = new WeakMap<pg.PoolClient, PgQueryable>();
  const wrap = (client: pg.PoolClient): PgQueryable => {
    // pg-pool listens for a connection's errors only while it sits idle in the pool. One checked out
    // and between statements (a transaction awaiting something) whose backend goes away (a server
    // restart, a failover, pg_terminate_backend) would emit 'error' with no one listening, and Node
    // would end the process. The error still reaches whoever uses the client next (pg refuses a
    // query on a broken connection), and the pool discards the client when it is released.
    client.on('error', () => undefined);
    let inTransaction = false;
    /** Set once a statement went unanswered: nothing more is sent, and the pool drops the client on release. */
    let silent: SilentConnection | null = null;
    const watched: WatchedConnection = {
      startedTick: -1,
      expire: () => {
        silent = new SilentConnection(deadline.ms / 1000);
        // With its statement unanswered, pg closes the socket at once: the statement fails, and
        // so does anything queued behind it.
        void client.end().catch(() => undefined);
      },
    };
    deadline.watch(watched);
    client.once('end', () => deadline.unwatch(watched));
    const run = async (text: string, values: unknown[] | undefined, retried: boolean): Promise<unknown> => {
      if (silent) throw silent;
      if (hasNoDeadline(text)) return runNow(text, values, retried);
      watched.startedTick = deadline.tick;
      try {
        return await runNow(text, values, retried);
      } catch (err) {
        throw silent ?? err;
      } finally {
        watched.startedTick = -1;
      }
    };
    const runNow = async (text: string, values: unknown[] | undefined, retried: boolean): Promise<unknown> => {
      const name = statements.nameOf(text);
      if (name === undefined) {
        if (/^\s*begin\b/i.test(text)) inTransaction = true;
        else if (/^\s*(commit|rollback)\b/i.test(text)) inTransaction = false;
        return client.query(text, values);
      }
      try {
        return await queryShaped(client, shapes, { name, text, values: values ?? [] });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (e.code !== '0A000' || !/cached plan/i.test(e.message ?? '')) throw err;
        statements.rename(text);
        if (inTransaction || retried) throw err;
        return runNow(text, values, true);
      }
    };
    return {
      query: (text, values) => (typeof text === 'string' ? run(text, values as unknown[] | undefined, false) : client.query(text as pg.QueryConfig)),
      release: (err) => client.release(silent ?? err),
    };
  };
  return {
    connect: async () => {
      for (;;) {
        const client = await pool.connect();
        let wrapped = wrappers.get(client);
        if (!wrapped) wrappers.set(client, (wrapped = wrap(client)));
        const verdict = idleCheck.verdict(client);
        if (verdict === 'use' || (verdict === 'check' && (await idleCheck.answers(client)))) return wrapped;
        // The pool closes it; the next turn takes another idle one or opens a new one.
        client.release(new Error('an idle connection did not answer its check, or idled as long as one that did not'));
      }
    },
    end: () => pool.end(),
  };
}

/** How openStore opens a database. */
export interface StoreOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /** PostgreSQL: how long a statement may wait for its answer before its connection counts as dead (default DEFAULT_QUERY_TIMEOUT_MS, statement-deadline.ts). */
  queryTimeoutMs?: number;
  /** PostgreSQL: a connection idle this long is closed (default DEFAULT_IDLE_TIMEOUT_MS, idle-connection-check.ts). */
  idleTimeoutMs?: number;
  /** PostgreSQL: the millisecond clock a connection's idleness is read on (tests move it). */
  idleCheckClock?: () => number;
  /** SQLite on a file: share COMMITs between transactions (group-commit.ts); on unless false. */
  groupCommit?: boolean;
  /** SQLite group commit: the millisecond clock a group's age is read on (tests hold it still). */
  groupCommitClock?: () => number;
}

/** Opens (but does not migrate) the database at `url`. */
export function openStore(url: string, opts: StoreOptions = {}): Store {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || ':memory:';
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // Checkpoints run on their own thread (wal-checkpointer.ts); this connection's own automatic
    // checkpoint stays as the fallback that bounds the log.
    const checkpointer = sqlite.memory ? undefined : new WalCheckpointer(file);
    if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    // The connection that writes is the one that cuts the log back, at its first commit after a
    // complete checkpoint (wal-checkpointer.ts, WAL_SIZE_LIMIT_BYTES).
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const stats: StoreStats = { queries: 0, transactions: 0, commits: 0 };
    const writeListeners: CommittedWriteListener[] = [];
    const connection = new CachingSqliteConnection(sqlite);
    // A read-only connection of its own for reads that must see only committed rows (readRowNow,
    // and reads outside a transaction while a group is open), opened on first use; a file only.
    let reader: CachingSqliteConnection | undefined;
    let readOnly: SQLite.Database | undefined;
    let closed = false;
    const committedReader = () => {
      if (closed) throw new Error('the store is closed');
      if (!reader) {
        readOnly = new SQLite(file, { readonly: true });
        readOnly.pragma('busy_timeout = 5000');
        reader = new CachingSqliteConnection(readOnly);
      }
      return reader;
    };
    // Group commit on a file (in memory a COMMIT costs nothing to share), unless the caller turns it off.
    const grouping = sqlite.memory || opts.groupCommit === false ? undefined : { sqlite, readCommitted: <R>(query: CompiledQuery) => committedReader().executeQuery<R>(query), now: opts.groupCommitClock };
    // One connection: the priority line decides who takes it next (the job worker first).
    const drivers = countingDriver(
      immediateCachingSqliteDriver(sqlite, connection),
      stats,
      new ConnectionPriority(1),
      writeListeners,
      checkpointer && (() => checkpointer.committed()),
      grouping,
    );
    const { group } = drivers;
    // A store without group commit on a file still counts as one of the file's users (group-commit.ts).
    const fileUse = !sqlite.memory && !group ? useFile(file, () => undefined) : undefined;
    // Long reads on a thread of their own, on a file (in memory no other connection sees the data).
    // Counted as sent, as the pool counts its statements: a report dropped unsent (its asker gone) is not.
    const reportThread = sqlite.memory ? undefined : new SqliteReadThread(file, undefined, (text) => countStatement(stats, text));
    const { db, jobDb, reportDb } = openLanes(new SqliteDialect({ database: sqlite }), drivers, reportThread && readThreadDriver(reportThread));
    return {
      db,
      jobDb,
      reportDb,
      dialect: 'sqlite',
      stats,
      checkpointer,
      onCommittedWrite: (listener) => void writeListeners.push(listener),
      readRowNow: (text) => {
        // Its connection's own statement cache and rows; counted like any statement.
        const row = (sqlite.memory ? connection : committedReader()).readRowNow(text);
        countStatement(stats, text);
        return row;
      },
      close: async () => {
        await checkpointer?.stop();
        // Before the main connection, which as the file's last connection then checkpoints and removes the log.
        closed = true;
        readOnly?.close();
        await reportThread?.stop();
        await jobDb.destroy();
        await db.destroy();
        // Kysely skips a driver it never used: leave the file here too (both are idempotent).
        group?.close();
        fileUse?.leave();
      },
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const poolSize = opts.poolSize ?? 10;
    const deadline = new StatementDeadline(opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
    const connectTimeoutMs = Math.min(CONNECT_TIMEOUT_MS, deadline.ms);
    // The connect deadline is pg's Client option, not pg-pool's: the pool's would also time every
    // checkout of an idle connection (a timer per statement). Keep-alive probes keep an idle
    // connection's flow known to NATs and load balancers on the way (idle-connection-check.ts).
    class ClientWithConnectDeadline extends pg.Client {
      constructor(config?: pg.ClientConfig) {
        super({ ...config, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, keepAliveInitialDelayMillis: KEEP_ALIVE_AFTER_MS });
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      idleTimeoutMillis: opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      types: pgTypes,
      Client: ClientWithConnectDeadline as new () => pg.ClientBase,
    });
    const idleCheck = new IdleConnectionCheck({ now: opts.idleCheckClock, timeoutMs: Math.min(CHECK_TIMEOUT_MS, deadline.ms) });
    // Every release, whoever took the connection: a connection's idleness is its own.
    pool.on('release', (err: Error | undefined, client: pg.PoolClient) => {
      if (!err) idleCheck.released(client);
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const stats: StoreStats = { queries: 0, transactions: 0, commits: 0 };
    const writeListeners: CommittedWriteListener[] = [];
    const checkedPool = preparingPool(pool, deadline, idleCheck);
    const dialect = new PostgresDialect({ pool: checkedPool as unknown as pg.Pool });
    const { db, jobDb, reportDb } = openLanes(dialect, countingDriver(dialect.createDriver(), stats, new ConnectionPriority(poolSize), writeListeners));
    return {
      db,
      jobDb,
      reportDb,
      dialect: 'postgres',
      pgPool: pool,
      pgIdleChecks: idleCheck.counts,
      pgQuery: async (config) => {
        const client = await checkedPool.connect();
        let result: unknown;
        try {
          result = await client.query(config);
        } catch (err) {
          // As pg-pool's own query: a connection whose statement failed is dropped.
          client.release(err as Error);
          throw err;
        }
        client.release();
        return result;
      },
      stats,
      onCommittedWrite: (listener) => void writeListeners.push(listener),
      close: async () => {
        deadline.stop();
        await jobDb.destroy();
        await db.destroy();
      },
    };
  }
  throw new Error(`Unsupported DATABASE_URL: ${url.replace(/\/\/[^@]*@/, '//***@')}`);
}

/**
 * Brings the schema up to date. Safe when several processes start at once: on PostgreSQL Kysely
 * takes an advisory lock around the run, on SQLite the write lock serializes them.
 */
export async function migrateToLatest(store: Store): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
  });
  // Kysely takes no lock on SQLite (it assumes one connection). Two processes opening one file at
  // once can then both start the same migration; the loser's transaction rolls back whole (DDL is
  // transactional in SQLite), so running again sees the winner's work and finds nothing left to do.
  const attempts = store.dialect === 'sqlite' ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    if (attempt >= attempts) {
      const failed = results?.find((r) => r.status === 'Error');
      throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
    }
    await new Promise((r) => setTimeout(r, 50 * attempt));
  }
}

/** True when the database answers; used by /healthz. */
export async function isDatabaseReachable(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}
