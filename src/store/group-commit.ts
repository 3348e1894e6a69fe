/**
 * Group commit for SQLite's one connection: transactions that run close together share one
 * physical COMMIT (docs/adr/004-sqlite-group-commit.md).
 *
 * Why: on SQLite the COMMITs were half of a missed call's database time (docs/performance.md,
 * round 8: four COMMITs, 275 µs of ~540 µs; each appends WAL frames and takes and drops the WAL's
 * shared-memory locks, whatever it carries).
 *
 * How: a *group* is one physical transaction (`BEGIN IMMEDIATE` … `COMMIT`). The first logical
 * BEGIN, or the first write outside a transaction, opens it. A logical transaction that opens the
 * group runs in it directly (alone, it is exactly the old BEGIN IMMEDIATE … COMMIT); one that joins
 * an open group runs inside `SAVEPOINT tb_group` … `RELEASE tb_group`, so its rollback
 * (`ROLLBACK TO`) undoes its own rows only. A write outside a transaction runs in the open group.
 * The group COMMITs at the end of the event-loop turn in which the connection was handed back with
 * nobody waiting for it, or at once when a hand-back finds it with MAX_MEMBERS members or
 * MAX_AGE_MS old, or before a hold joins a group that full or that old.
 *
 * Durable before anyone learns of it: every use of the connection (a *hold*, in Kysely's terms:
 * acquire … release) that ran something in a group waits in releaseConnection for that group's
 * COMMIT, and Kysely awaits releaseConnection before `execute()` resolves. So no caller acts on a
 * result (answers a webhook, calls the carrier, hands a job on) before it is on disk, exactly as
 * with one COMMIT per transaction; a kill -9 loses only work nobody was told about. The wait
 * happens after the connection was handed on, so others join the group meanwhile.
 *
 * Reads outside a transaction do not join a group they did not write in: while one is open they
 * run on a read-only connection of the store's and see what is committed (as a read on PostgreSQL
 * sees what is committed), so they wait for no COMMIT. That matters beyond speed: code inside a
 * transaction may await a read started before the transaction, as it always could; had the read
 * joined the group, it would wait for a COMMIT that waits for that transaction. The same holds for
 * any statement: inside a transaction, never await a write of this store started elsewhere (it
 * would wait for the group the transaction keeps open; on the one connection it always waited).
 * And await a write before reading what it wrote: a read outside a transaction sees only what is
 * committed. Which statements are reads is told by their first word (database.ts): a read-only
 * WITH counts as a write and joins the group (slower, not wrong).
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
 * more than once here, a write outside a transaction commits by itself and a transaction at its
 * hand-back (useFile below). Another process wanting the write lock waits in its busy handler; under
 * saturation it got the lock as often as before, in a probe measured in docs/performance.md (round 9).
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

/** Where a statement outside a transaction runs (GroupCommit.beforeStatement). */
export type StatementPlace =
  /** In the open group, on the connection; its hold then waits for the group's COMMIT. */
  | 'group'
  /** On the connection, by itself: it commits alone if it writes. */
  | 'alone'
  /** A read on a connection of its own, which sees only committed rows and waits for nothing. */
  | 'committed';

export class GroupCommit {
  private group: Group | undefined;
  /** A hold of the connection is under way. */
  private holdActive = false;
  /** The groups the current hold ran something in (almost always none or one). */
  private holdGroups: Group[] = [];
  /** The current hold's logical transaction: none, the one that opened the group, or one inside the savepoint. */
  private holdTransaction: 'none' | 'opener' | 'savepoint' = 'none';
  private flushScheduled = false;
  private closed = false;
  private readonly file: FileUse;

  constructor(
    private readonly sqlite: SQLite.Database,
    /** Runs transaction control on the connection, synchronously (the caller counts it as a statement). */
    private readonly exec: (text: string) => void,
    /** Whether anyone is waiting for the connection. */
    private readonly waiters: () => boolean,
    /** Called once per physical COMMIT (the store's commit count, the checkpointer). */
    private readonly onPhysicalCommit: () => void,
    /** Milliseconds on a monotonic clock, for a group's age (tests hold it still or move it). */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.file = useFile(sqlite.name, () => this.flush());
  }

  /** A new hold of the connection begins. */
  acquired(): void {
    this.holdActive = true;
    this.holdGroups = [];
    this.holdTransaction = 'none';
  }

  /** A logical BEGIN: opens the group, or joins the open one inside the savepoint. */
  begin(): void {
    this.checkAlive();
    this.commitIfDue();
    if (this.group) {
      this.exec(`savepoint ${SAVEPOINT}`);
      this.holdTransaction = 'savepoint';
      this.ranIn(this.group);
    } else {
      this.open();
      this.holdTransaction = 'opener';
    }
  }

  /** A logical COMMIT: its rows stay in the group; `hooks` run at the group's COMMIT. */
  commit(hooks: readonly (() => void)[] | undefined): void {
    this.checkAlive();
    const group = this.group;
    const mode = this.holdTransaction;
    this.holdTransaction = 'none';
    if (!group || !this.holdGroups.includes(group)) throw new Error('group commit: the shared transaction was rolled back');
    if (mode === 'savepoint') this.exec(`release ${SAVEPOINT}`);
    this.joined(group, hooks);
  }

  /** A logical ROLLBACK: undoes this transaction's rows only (the whole group when it opened it). */
  rollback(): void {
    const mode = this.holdTransaction;
    this.holdTransaction = 'none';
    const group = this.group;
    if (!group || !this.holdGroups.includes(group)) {
      this.checkAlive();
      return;
    }
    if (!this.sqlite.inTransaction) {
      // A statement of this transaction made SQLite roll the whole group back (RAISE(ROLLBACK),
      // disk full): the other members fail with the group; this one's caller gets its own error,
      // not the group's, so this hold stops waiting for it.
      this.checkAlive();
      this.holdGroups = this.holdGroups.filter((g) => g !== group);
      return;
    }
    try {
      if (mode === 'savepoint') {
        this.exec(`rollback to ${SAVEPOINT}`);
        this.exec(`release ${SAVEPOINT}`);
      } else if (mode === 'opener') {
        // It opened the group and is still its only content: nothing else to keep.
        this.group = undefined;
        this.exec('rollback');
        group.resolve();
      }
    } catch (err) {
      // Its rows could not be undone alone: the group must not commit them.
      this.fail(group, err);
    }
  }

  /**
   * Where a statement outside a logical transaction runs. A write joins the open group, or opens
   * one. A read (a plain SELECT) joins the group only if this hold already wrote in it (it must
   * see its own rows); otherwise, while a group is open, it reads what is committed on a
   * connection of its own, so it waits for no COMMIT: code inside a transaction may await a read
   * started before it, as it always could. While the file is open more than once in this process a
   * write commits alone: a hold that runs many statements with awaits between them (the
   * migrator's) must not keep the write lock between them from the other store.
   */
  beforeStatement(kind: 'read' | 'write' | 'other'): StatementPlace {
    this.checkAlive();
    const group = this.group;
    if (group) {
      if (kind === 'read' && !this.holdGroups.includes(group)) return 'committed';
      this.commitIfDue();
    }
    if (this.group) {
      // Anything else (schema changes too) runs in the open group, whose COMMIT it then waits for.
      this.ranIn(this.group);
      return 'group';
    }
    if (kind !== 'write' || this.file.isShared()) return 'alone';
    this.open();
    return 'group';
  }

  /** A write outside a logical transaction ran in the group: one member; `hook` runs at COMMIT. */
  wroteOutside(hook: (() => void) | undefined): void {
    const group = this.group;
    if (group && this.holdGroups.includes(group)) this.joined(group, hook && [hook]);
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
   * returns what the hold must wait for: the COMMIT of the groups it ran in, or nothing.
   */
  released(): Promise<void> | undefined {
    this.checkAlive();
    this.holdActive = false;
    const mine = this.holdGroups;
    this.holdGroups = [];
    this.holdTransaction = 'none';
    const group = this.group;
    if (group) {
      if (this.file.isShared() || this.isDue(group)) {
        this.commitGroup(group);
      } else if (!this.waiters()) {
        this.scheduleFlush();
      }
    }
    if (mine.length === 0) return undefined;
    return mine.length === 1 ? mine[0]!.done : Promise.all(mine.map((g) => g.done)).then(() => undefined);
  }

  /** Commits the open group now if no hold is under way (another store opened the file). */
  flush(): void {
    if (this.group && !this.holdActive) this.commitGroup(this.group);
  }

  /**
   * The store closes. The open group commits what its finished members wrote; a transaction still
   * under way is given up, as closing the connection under it always did (its own rows are undone
   * first: the opener's are the whole group, a joiner's are its savepoint).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      // rollback() undoes the transaction's own rows, or fails the group when it cannot.
      if (this.holdActive && this.holdTransaction !== 'none') this.rollback();
      this.holdActive = false;
      this.flush();
    } finally {
      this.file.leave();
    }
  }

  /** Full or old: it commits at the next hand-back, or before anyone else joins it. */
  private isDue(group: Group): boolean {
    return group.members >= MAX_MEMBERS || this.now() - group.openedAt >= MAX_AGE_MS;
  }

  /**
   * Before this hold joins the open group: a group already due commits first. Nothing commits while
   * a hold is under way, so a member waits for the transactions that joined after it; this keeps
   * that to the ones that joined while the group was young, never a chain past MAX_AGE_MS. The hold
   * has nothing in the group yet, so committing here is safe.
   */
  private commitIfDue(): void {
    const group = this.group;
    if (group && !this.holdGroups.includes(group) && this.isDue(group)) this.commitGroup(group);
  }

  private open(): void {
    // A ROLLBACK that failed earlier may have left a transaction nobody owns: end it first.
    if (this.sqlite.inTransaction) this.exec('rollback');
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
    this.ranIn(this.group);
  }

  private ranIn(group: Group): void {
    if (!this.holdGroups.includes(group)) this.holdGroups.push(group);
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
    if (this.sqlite.inTransaction) {
      try {
        this.exec('rollback');
      } catch {
        // open() ends a transaction left behind before it begins the next.
      }
    }
    group.reject(err);
  }
}

/** One store's use of a database file (useFile). */
export interface FileUse {
  /** Whether another store in this process has the file open too. */
  isShared(): boolean;
  leave(): void;
}

/**
 * Which files this process has open through stores, and how to commit each one's open group: a
 * file open more than once never keeps a group past its hold (see the file comment). Stores without
 * group commit register too (with nothing to flush), so a grouping store on their file behaves.
 */
export function useFile(name: string, flush: () => void): FileUse {
  const file = fileKey(name);
  let users = filesInUse.get(file);
  if (!users) filesInUse.set(file, (users = new Set()));
  const me = { flush };
  // The others may each have a group waiting for the end of the turn: commit those now, before
  // this store's first BEGIN would wait for them while holding the thread.
  for (const other of users) other.flush();
  users.add(me);
  const mine = users;
  return {
    isShared: () => mine.size > 1,
    leave: () => {
      mine.delete(me);
      if (mine.size === 0 && filesInUse.get(file) === mine) filesInUse.delete(file);
    },
  };
}

const filesInUse = new Map<string, Set<{ flush: () => void }>>();

/** The same file however it was named (relative, through a link). */
function fileKey(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}
