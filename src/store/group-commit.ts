/**
 * Group commit for SQLite's one connection: transactions that run close together share one
 * physical COMMIT.
 *
 * Why: on SQLite the COMMITs were half of a missed call's database time (docs/performance.md,
 * round 8: four COMMITs, 275 µs of ~540 µs; each appends WAL frames and takes and drops the WAL's
 * shared-memory locks). One COMMIT for 8 transactions costs about what one costs for 1.
 *
 * How: a *group* is one physical transaction (`BEGIN IMMEDIATE` … `COMMIT`). The first logical
 * BEGIN, or the first write outside a transaction, opens it. A logical transaction that opens the
 * group runs in it directly; one that joins an open group runs inside `SAVEPOINT tb_group` …
 * `RELEASE tb_group`, so its rollback (`ROLLBACK TO`) undoes its own rows only. A statement outside
 * a transaction runs in the open group. The group COMMITs at the end of the event-loop turn in
 * which the connection was handed back with nobody waiting for it, or at once when a hand-back
 * finds it with MAX_MEMBERS members or MAX_AGE_MS old.
 *
 * Durable before anyone learns of it: every use of the connection (a *hold*, in Kysely's terms:
 * acquire … release) that ran anything while a group was open — a transaction, a write, and also a
 * read, which may have seen the group's uncommitted rows — waits in releaseConnection for that
 * group's COMMIT, and Kysely awaits releaseConnection before `execute()` resolves. So no caller acts
 * on a result (answers a webhook, calls the carrier, hands a job on) before it is on disk, exactly
 * as with one COMMIT per transaction; a kill -9 loses only work nobody was told about. The wait
 * happens after the connection was handed on, so others join the group meanwhile.
 *
 * Failure: a COMMIT that fails, or a group SQLite rolled back by itself (SQLITE_FULL, IOERR,
 * RAISE(ROLLBACK)), fails every hold that joined it, as a failed COMMIT fails its transaction.
 *
 * After-commit work (the driver's runAfterCommit hooks, committed-write listeners) is queued on the
 * group and runs at its COMMIT, before any of its holds resolves.
 *
 * Only one group per database file per process: two stores in one process on one file (the
 * migration test, a CLI inside a test) would deadlock, one blocking the thread in BEGIN IMMEDIATE
 * until busy_timeout while the other's deferred COMMIT waits for that thread. While a file is open
 * more than once here, each hold commits its group when it ends (SharedFiles below). Other
 * processes on the file wait in their busy handler as before; a group holds the write lock at most
 * MAX_AGE_MS longer than its transactions would have.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type SQLite from 'better-sqlite3';

/** Members (logical commits and writes outside a transaction) after which a hand-back commits even with others waiting. */
export const MAX_MEMBERS = 32;
/** Age (ms since the group's BEGIN) after which a hand-back commits even with others waiting. */
export const MAX_AGE_MS = 5;

/** The savepoint a joining transaction runs in (transactions never nest: the connection is one hold at a time). */
const SAVEPOINT = 'tb_group';

interface Group {
  openedAt: number;
  members: number;
  hooks: (() => void)[];
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitCounts {
  /** Physical COMMITs (each made one group durable). */
  groups: number;
  /** Logical commits and writes outside a transaction that were made durable by a group. */
  members: number;
  /** Groups that failed (COMMIT failed, or SQLite rolled the transaction back by itself). */
  failed: number;
}

export interface GroupCommitOptions {
  maxMembers?: number;
  maxAgeMs?: number;
  /** Milliseconds, for the age rule (tests pass a manual clock). */
  now?: () => number;
}

export class GroupCommit {
  private group: Group | undefined;
  /** A hold of the connection is under way. */
  private holdActive = false;
  /** The group the current hold ran something in. */
  private holdGroup: Group | undefined;
  /** The current hold's logical transaction runs in the savepoint (it joined a group that was already open). */
  private inSavepoint = false;
  private flushScheduled = false;
  private readonly file: string;
  private readonly maxMembers: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  readonly counts: GroupCommitCounts = { groups: 0, members: 0, failed: 0 };

  constructor(
    private readonly sqlite: SQLite.Database,
    /** Runs transaction control on the connection, synchronously (the caller counts it as a statement). */
    private readonly exec: (text: string) => void,
    /** Whether anyone is waiting for the connection. */
    private readonly waiters: () => boolean,
    /** Called once per physical COMMIT (the store's commit count, the checkpointer). */
    private readonly onPhysicalCommit: () => void,
    options: GroupCommitOptions = {},
  ) {
    this.maxMembers = options.maxMembers ?? MAX_MEMBERS;
    this.maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
    this.now = options.now ?? (() => performance.now());
    this.file = fileKey(sqlite.name);
    sharedFiles.open(this.file, this);
  }

  /** A new hold of the connection begins. */
  acquired(): void {
    this.holdActive = true;
    this.holdGroup = undefined;
    this.inSavepoint = false;
  }

  /** A logical BEGIN: opens the group, or joins the open one inside the savepoint. */
  begin(): void {
    this.checkAlive();
    if (this.group) {
      this.exec(`savepoint ${SAVEPOINT}`);
      this.inSavepoint = true;
      this.holdGroup = this.group;
    } else {
      this.open();
    }
  }

  /** A logical COMMIT: its rows stay in the group; `hooks` run at the group's COMMIT. */
  commit(hooks: readonly (() => void)[] | undefined): void {
    const group = this.holdGroup;
    this.checkAlive();
    if (!group || group !== this.group) throw new Error('group commit: the shared transaction was rolled back');
    if (this.inSavepoint) this.exec(`release ${SAVEPOINT}`);
    this.inSavepoint = false;
    this.joined(group, hooks);
  }

  /** A logical ROLLBACK: undoes this transaction's rows only (the whole group when it opened it). */
  rollback(): void {
    this.checkAlive();
    const group = this.group;
    if (!group || group !== this.holdGroup) return;
    if (this.inSavepoint) {
      this.inSavepoint = false;
      this.exec(`rollback to ${SAVEPOINT}`);
      this.exec(`release ${SAVEPOINT}`);
      return;
    }
    // It opened the group and is still its only content: nothing else to keep.
    this.group = undefined;
    this.holdGroup = undefined;
    this.exec('rollback');
    group.resolve();
  }

  /**
   * A statement outside a logical transaction: a write opens or joins the group, a read joins an
   * open one. False when it runs on its own instead (it then commits by itself if it writes): no
   * group is open and it reads, or the file is open more than once here, where a hold that runs
   * many statements with awaits between them (the migrator's) must not keep the write lock between
   * them from the other store.
   */
  beforeStatement(isWrite: boolean): boolean {
    this.checkAlive();
    if (this.group) {
      this.holdGroup = this.group;
      return true;
    }
    if (!isWrite || sharedFiles.isShared(this.file)) return false;
    this.open();
    return true;
  }

  /** A write outside a logical transaction ran in the group: one member; `hook` runs at COMMIT. */
  wroteOutside(hook: (() => void) | undefined): void {
    const group = this.holdGroup;
    if (group && group === this.group) this.joined(group, hook && [hook]);
  }

  /**
   * A streamed read outside a transaction yields rows to its caller as it reads them, before any
   * hand-back: it must see only committed rows, so the open group commits first.
   */
  beforeStream(): void {
    this.checkAlive();
    if (this.group) this.commitGroup(this.group);
  }

  /**
   * The hold is over (before the connection is handed on). Commits when the rules say so and
   * returns what the hold must wait for: its group's COMMIT, or nothing if it touched no group.
   */
  released(): Promise<void> | undefined {
    this.checkAlive();
    this.holdActive = false;
    const mine = this.holdGroup;
    this.holdGroup = undefined;
    this.inSavepoint = false;
    const group = this.group;
    if (group) {
      if (sharedFiles.isShared(this.file) || group.members >= this.maxMembers || this.now() - group.openedAt >= this.maxAgeMs) {
        this.commitGroup(group);
      } else if (!this.waiters()) {
        this.scheduleFlush();
      }
    }
    return mine?.done;
  }

  /** Commits the open group now if no hold is under way (another store opened the file; closing). */
  flush(): void {
    if (this.group && !this.holdActive) this.commitGroup(this.group);
  }

  /** The store closes: the open group commits, and the file is no longer held here. */
  close(): void {
    this.flush();
    sharedFiles.close(this.file, this);
  }

  private open(): void {
    this.exec('begin immediate');
    let resolveDone!: () => void;
    let rejectDone!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    // A failed group whose holds all failed already must not be an unhandled rejection.
    done.catch(() => undefined);
    this.group = { openedAt: this.now(), members: 0, hooks: [], done, resolve: resolveDone, reject: rejectDone };
    this.holdGroup = this.group;
  }

  private joined(group: Group, hooks: readonly (() => void)[] | undefined): void {
    group.members++;
    if (hooks) for (const hook of hooks) group.hooks.push(hook);
  }

  /** SQLite may roll the whole transaction back by itself (SQLITE_FULL, IOERR, NOMEM, RAISE(ROLLBACK)). */
  private checkAlive(): void {
    if (this.group && !this.sqlite.inTransaction) this.fail(this.group, new Error('group commit: SQLite rolled back the shared transaction'));
  }

  /**
   * The driver is synchronous, so a hold spans only microtasks and "nobody waiting at hand-back" is
   * almost always true: committing then would commit each transaction alone. The COMMIT waits for
   * the end of this event-loop turn (setImmediate), so what the same turn's I/O callbacks run joins.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A hold under way (or about to start) commits or schedules again at its hand-back.
      if (this.holdActive || this.waiters()) return;
      this.checkAlive();
      if (this.group) this.commitGroup(this.group);
    });
  }

  private commitGroup(group: Group): void {
    this.group = undefined;
    try {
      this.exec('commit');
      if (this.sqlite.inTransaction) throw new Error('group commit: COMMIT did not end the transaction');
    } catch (err) {
      this.fail(group, err);
      return;
    }
    this.counts.groups++;
    this.counts.members += group.members;
    this.onPhysicalCommit();
    for (const hook of group.hooks) {
      try {
        hook();
      } catch (err) {
        // Bookkeeping of one transaction must not keep the others' results from their callers.
        process.emitWarning(err instanceof Error ? err : new Error(String(err)), 'GroupCommitHookError');
      }
    }
    group.resolve();
  }

  private fail(group: Group, err: unknown): void {
    if (this.group === group) this.group = undefined;
    this.counts.failed++;
    if (this.sqlite.inTransaction) {
      try {
        this.exec('rollback');
      } catch {
        // Nothing more to undo.
      }
    }
    group.reject(err);
  }
}

/** The same file however it was named (relative, through a link). */
function fileKey(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** Which files are open more than once in this process (see the file comment: then no group outlives its hold). */
class SharedFiles {
  private readonly open_ = new Map<string, Set<GroupCommit>>();

  open(file: string, opener: GroupCommit): void {
    let set = this.open_.get(file);
    if (!set) this.open_.set(file, (set = new Set()));
    set.add(opener);
    // The others may each have a group waiting for the end of the turn: commit those now, before
    // this store's first BEGIN would wait for them while holding the thread.
    if (set.size > 1) for (const other of set) if (other !== opener) other.flush();
  }

  close(file: string, opener: GroupCommit): void {
    const set = this.open_.get(file);
    set?.delete(opener);
    if (set?.size === 0) this.open_.delete(file);
  }

  isShared(file: string): boolean {
    return (this.open_.get(file)?.size ?? 0) > 1;
  }
}

const sharedFiles = new SharedFiles();
