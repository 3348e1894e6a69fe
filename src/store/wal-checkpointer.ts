/**
 * SQLite's checkpoints on a thread of their own. In WAL mode every commit appends pages to the
 * write-ahead log, and a checkpoint copies them back into the database file and fsyncs both files.
 * SQLite runs it inside the commit that crosses `wal_autocheckpoint` (1,000 pages by default), on
 * the connection's thread: the Node event loop, stalled for the copy and two fsyncs every few
 * hundred commits — about a third of the time SQLite took per commit in the round-5 profile.
 *
 * Here a worker thread holds a second connection to the same file and runs a PASSIVE checkpoint
 * every `everyCommits` commits of the process: it copies what is committed without blocking the
 * writer or readers, on the other core. The main connection keeps an automatic checkpoint as a
 * fallback at FALLBACK_AUTOCHECKPOINT_PAGES: if this thread stops or falls behind, the log is still
 * bounded, and under steady load (where a passive checkpoint seldom catches the very last commit)
 * that fallback finds almost everything copied already and restarts the log.
 *
 * Durability does not change: a commit is durable in the log (synchronous = NORMAL: through a
 * crash of the process, not of the machine, as before), and a checkpoint only moves committed
 * pages, whoever runs it.
 */
import type { Worker } from 'node:worker_threads';
import { startSqliteWorker, workerErrorMessage } from './sqlite-worker.js';

/** Pages the log may hold before the main connection checkpoints itself (40 MB at 4 KB pages). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
/**
 * The size the log file is cut back to once a checkpoint has copied all of it (`journal_size_limit`).
 * SQLite reuses the log from its start after a complete checkpoint but never shrinks the file, so
 * one burst (an import of a large list, the first prune of a big backlog, a long read keeping the
 * log from starting over) left it at its largest size until the process closed: 2 GB after the
 * bench wrote a platform's history (docs/performance.md, round 17). 64 MiB is above what the
 * fallback lets the log reach under steady load (~40 MB; 43 MB at most through a 100,000-call
 * soak), so steady writing never cuts a file it would grow again at once.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** Commits between two background checkpoints: a few hundred pages each, like SQLite's default. */
const DEFAULT_EVERY_COMMITS = 100;

export interface CheckpointResult {
  ok: boolean;
  /** Pages in the log, and pages of it now copied into the database file. */
  log?: number;
  checkpointed?: number;
  error?: string;
}

// The thread's part (sqlite-worker.ts runs it with the connection open and 'stop' handled).
const CHECKPOINT_BODY = `
function handle() {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: r.busy === 0, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String((err && err.message) || err) });
  }
}
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly replies: ((r: CheckpointResult) => void)[] = [];
  private commits = 0;
  private stopped = false;
  /** Checkpoints this thread completed (for tests and diagnostics). */
  completed = 0;
  /**
   * Told once if the thread ends without being asked to (the driver or the file could not be
   * opened, an uncaught error): the log is then bounded only by the fallback, which an operator
   * should hear about rather than find as a 40 MB log.
   */
  onFailure?: (error: string) => void;
  private stopping = false;

  constructor(file: string, private readonly everyCommits = DEFAULT_EVERY_COMMITS) {
    // Idle, it never keeps a process alive; while asked something, it does (until it answers), so
    // that whoever awaits the answer (close, a CLI command ending) is not cut short.
    this.worker = startSqliteWorker(file, { fileMustExist: true }, CHECKPOINT_BODY);
    this.worker.on('message', (r: CheckpointResult) => {
      if (r.ok) this.completed++;
      this.replies.shift()?.(r);
      if (this.replies.length === 0) this.worker.unref();
    });
    // A failed thread leaves the checkpoints to the main connection's fallback.
    const gone = (error: string) => {
      if (!this.stopped && !this.stopping) this.onFailure?.(error);
      this.stopped = true;
      for (const reply of this.replies.splice(0)) reply({ ok: false, error });
    };
    this.worker.on('error', (err: unknown) => gone(workerErrorMessage(err)));
    this.worker.on('exit', () => gone('checkpointer stopped'));
  }

  /**
   * Counts a commit; every `everyCommits` asks for a checkpoint, unless one is still running. With
   * group commit a commit is a physical COMMIT, carrying the pages of several transactions: more
   * pages per checkpoint, and fewer checkpoints (each fsyncs both files), which measured 11–29% less
   * CPU per call than counting every transaction (docs/performance.md, round 9). The log stays
   * bounded by the fallback below.
   */
  committed(): void {
    if (++this.commits < this.everyCommits || this.replies.length > 0 || this.stopped) return;
    this.commits = 0;
    void this.checkpoint();
  }

  /** Runs a passive checkpoint on the thread now. */
  checkpoint(): Promise<CheckpointResult> {
    if (this.stopped) return Promise.resolve({ ok: false, error: 'checkpointer stopped' });
    return new Promise((resolve) => {
      this.replies.push(resolve);
      this.worker.ref();
      this.worker.postMessage('checkpoint');
    });
  }

  /** Closes the thread's connection (before the main one, which then checkpoints and removes the log). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopping = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
