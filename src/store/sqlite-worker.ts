/**
 * A worker thread holding a connection of its own to a SQLite file: what the checkpointer
 * (wal-checkpointer.ts) and the report thread (sqlite-read-thread.ts) each run. Both need the same
 * things: better-sqlite3 found from here (the thread has no module resolution of ours), the file
 * opened with the thread's own options, a 'stop' message that closes the connection before the
 * thread ends, and errors that arrive cloned.
 *
 * The thread's code is plain JavaScript evaluated there (no build step, no TypeScript loader):
 * `body` sees `db` (the open connection), `workerData` and `parentPort`, and defines
 * `handle(message)` for every message but 'stop'.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.open);
`;

const SERVE = `
parentPort.on('message', (m) => {
  if (m === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  handle(m);
});
`;

/**
 * Starts the thread on `file`, opened with `open` (better-sqlite3's options); `data` is added to its
 * workerData. Unref'd: idle, it never keeps the process alive (ref it while an answer is awaited).
 */
export function startSqliteWorker(file: string, open: Record<string, unknown>, body: string, data: Record<string, unknown> = {}): Worker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(PRELUDE + body + SERVE, { eval: true, workerData: { ...data, file, driver, open } });
  worker.unref();
  return worker;
}

/** What a thread's 'error' event says: an error thrown there arrives cloned, better-sqlite3's keeping only their message and code. */
export function workerErrorMessage(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown } | null;
  return String(e?.message ?? e?.code ?? err);
}
