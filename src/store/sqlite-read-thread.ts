/**
 * Reads that may take long, on a thread of their own: Store.reportDb on a SQLite file
 * (docs/adr/005-dashboard-long-reads.md).
 *
 * better-sqlite3 runs a statement on the calling thread, and the process has one for everything:
 * while the overview of a large business counts its 100,000 missed calls (0.3–0.7 s), no webhook
 * is answered, and a caller hears silence for as long (docs/performance.md, round 24). Here a
 * worker thread holds a read-only connection to the same file and runs the reads it is sent, one
 * after another, on the other core; the event loop only posts each statement and takes its rows.
 *
 * What a read sees is what any read outside a transaction sees on a file (group-commit.ts): the
 * rows committed when its statement starts. Only reads run here: the connection is opened
 * read-only, and a statement that is not a reader is refused before it runs. Rows cross the
 * thread boundary by structured clone: numbers, strings and nulls arrive as they left (a blob
 * would arrive as a Uint8Array, not a Buffer; no table has one).
 *
 * The thread starts on the first read (a worker process that never reads a report never has one)
 * and keeps the process alive only while a read is under way. If it ends unexpectedly, the reads
 * it held fail with the reason and those still waiting go to a new one. Reads wait on this side,
 * a bounded number (report-backlog.ts): beyond it a read is refused at once with a 503.
 */
import type { Worker } from 'node:worker_threads';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import { isAbandoned, requestAbandoned } from './abandoned-reads.js';
import { MAX_WAITING_REPORT_STATEMENTS, reportsBusy } from './report-backlog.js';
import { startSqliteWorker, workerErrorMessage } from './sqlite-worker.js';

/** Compiled statements the thread keeps by SQL text, least recently used out (as the main connection does). */
const MAX_STATEMENTS = 200;

/** What a read failed with, rebuilt on this side: a thrown error crosses the boundary as a plain object. */
export class ReportReadError extends Error {
  constructor(
    message: string,
    /** SQLite's code (SQLITE_ERROR, SQLITE_BUSY…), or NOT_A_READ for a statement that would write. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ReportReadError';
  }
}

// The thread's part (sqlite-worker.ts runs it with the connection open and 'stop' handled).
const READ_BODY = `
db.pragma('busy_timeout = 5000');
const statements = new Map();
const prepared = (text) => {
  let stmt = statements.get(text);
  if (stmt) {
    statements.delete(text);
  } else {
    stmt = db.prepare(text);
    if (!stmt.reader) throw Object.assign(new Error('only reads run on the report thread: ' + text.slice(0, 60)), { code: 'NOT_A_READ' });
  }
  statements.set(text, stmt);
  if (statements.size > workerData.maxStatements) statements.delete(statements.keys().next().value);
  return stmt;
};
function handle(m) {
  try {
    parentPort.postMessage({ id: m.id, rows: prepared(m.sql).all(m.parameters) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err), code: err && err.code });
  }
}
`;

interface Read {
  text: string;
  parameters: readonly unknown[];
  /** Whether its asker has gone (abandoned-reads.ts): then it is not sent. */
  abandoned?: () => boolean;
  resolve(rows: unknown[]): void;
  reject(err: Error): void;
}

type Answer = { id: number; rows: unknown[] } | { id: number; error: string; code?: string };

/**
 * Reads sent to the thread at once; the rest wait here, where the backlog is bounded (a read sent
 * is out of reach). Two, so the thread has the next statement as soon as it finishes one.
 */
const SENT_AT_ONCE = 2;

export class SqliteReadThread {
  private worker: Worker | undefined;
  /** Sent to the thread, by id. */
  private readonly sent = new Map<number, Read>();
  /** Not sent yet, oldest first. */
  private readonly waiting: Read[] = [];
  private nextId = 1;
  private closed = false;
  private drained: (() => void) | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    /** Reads that may wait at once (report-backlog.ts); more are refused with a 503. */
    private readonly maxWaiting = MAX_WAITING_REPORT_STATEMENTS,
    /** Sees each statement as it is sent to the thread (the store's count): a dropped one is never sent. */
    private readonly onSent: (sql: string) => void = () => undefined,
  ) {}

  /**
   * Runs one read on the thread; its rows as better-sqlite3's object mode gives them. `abandoned`
   * says whether its asker has gone: checked before it is sent, it then fails with
   * requestAbandoned() without running, and it is the first to make room in a full line.
   */
  read<R>(text: string, parameters: readonly unknown[], abandoned?: () => boolean): Promise<R[]> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    if (this.waiting.length >= this.maxWaiting) this.dropAbandoned();
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(reportsBusy());
    return new Promise<R[]>((resolve, reject) => {
      this.waiting.push({ text, parameters, abandoned, resolve: resolve as (rows: unknown[]) => void, reject });
      this.sendWhatFits();
    });
  }

  /** Fails the waiting reads whose askers have gone, so that a live one is not refused for them. */
  private dropAbandoned(): void {
    const live = this.waiting.filter((read) => {
      if (!read.abandoned?.()) return true;
      read.reject(requestAbandoned());
      return false;
    });
    this.waiting.splice(0, this.waiting.length, ...live);
  }

  /** Ends the thread once every read it took is answered (before the main connection closes: it then removes the log). */
  stop(): Promise<void> {
    this.stopping ??= this.drainAndStop();
    return this.stopping;
  }

  private async drainAndStop(): Promise<void> {
    this.closed = true;
    if (this.sent.size > 0 || this.waiting.length > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }

  private sendWhatFits(): void {
    while (this.sent.size < SENT_AT_ONCE && this.waiting.length > 0) {
      const read = this.waiting.shift()!;
      if (read.abandoned?.()) {
        read.reject(requestAbandoned());
        continue;
      }
      const worker = this.worker ?? this.start();
      this.onSent(read.text);
      const id = this.nextId++;
      this.sent.set(id, read);
      worker.ref();
      worker.postMessage({ id, sql: read.text, parameters: read.parameters });
    }
    if (this.sent.size === 0 && this.waiting.length === 0) {
      this.worker?.unref();
      this.drained?.();
    }
  }

  private start(): Worker {
    const worker = startSqliteWorker(this.file, { readonly: true, fileMustExist: true }, READ_BODY, { maxStatements: MAX_STATEMENTS });
    this.worker = worker;
    worker.on('message', (answer: Answer) => {
      const read = this.sent.get(answer.id);
      this.sent.delete(answer.id);
      if (read) {
        if ('error' in answer) read.reject(new ReportReadError(answer.error, answer.code));
        else read.resolve(answer.rows);
      }
      this.sendWhatFits();
    });
    const gone = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      // What it held is lost with it; what still waits goes to a new thread.
      for (const read of this.sent.values()) read.reject(new Error(`the report thread ended: ${reason}`));
      this.sent.clear();
      this.sendWhatFits();
    };
    worker.on('error', (err: unknown) => gone(workerErrorMessage(err)));
    worker.on('exit', (code) => gone(`exit code ${code}`));
    return worker;
  }
}

/**
 * A Kysely driver over the thread: every statement a read outside a transaction (a report never
 * needs one; asking for one is a mistake, said at once). Unlike the main connection's driver, it
 * lends its one connection to any number of reads at once: the thread's line queues them.
 */
export function readThreadDriver(thread: SqliteReadThread): Driver {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      return { rows: await thread.read<R>(query.sql, query.parameters, () => isAbandoned(query)) };
    },
    async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
      throw new Error('the report database does not stream: read a page at a time');
    },
  };
  const noTransactions = async () => {
    throw new Error('the report database runs reads outside transactions only: use db for a transaction');
  };
  return {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: noTransactions,
    commitTransaction: noTransactions,
    rollbackTransaction: noTransactions,
    releaseConnection: async () => undefined,
    destroy: () => thread.stop(),
  };
}
