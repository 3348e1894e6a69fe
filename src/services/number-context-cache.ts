/**
 * A per-process cache of what a carrier webhook reads about the number that was called
 * (services/webhook-context.ts: the number, its workspace, the sealed carrier account, whether a
 * workflow listens), so that a number called again costs no statement of its own, and a call's
 * later webhooks (the dial result) read only the call and its caller.
 *
 * Every part of an entry belongs to one workspace (the number's), so a change is forgotten by
 * workspace: on PostgreSQL a change to one business's rows in the tables it holds (phone_numbers,
 * workspaces, carrier_accounts, workflows) forgets that business's numbers only
 * (invalidateWorkspace). On a platform of thousands of numbers each number's daily readiness
 * check writes its row, and owners edit their settings all day; each of those used to empty the
 * whole cache, in every process, every few seconds. Whatever cannot say which workspace it
 * touched (SQLite's version counter, a TRUNCATE, a lost LISTEN connection) empties the whole
 * cache (invalidate).
 *
 * Whether an entry may be served is decided by `freshness` (services/settings-change-watch.ts),
 * once per webhook (serving()): on SQLite it compares a trigger-bumped version (and empties the cache when it moved); on
 * PostgreSQL it is "the LISTEN connection is up", with the cache emptied on every (re)connect,
 * and not used at all while it is down.
 *
 * A database read that began before an invalidation may have seen the old row, so its result is
 * returned to its caller (the same read-then-act race as without a cache) but not kept: serving()
 * hands out the count of changes so far, and keep() refuses a read older than the last change to
 * its workspace or to everything. Whatever makes entries unservable (a version that moved, a lost
 * LISTEN connection) invalidates too, so a read is kept only when nothing happened to its workspace
 * while it ran. Entries are shared between requests and frozen, so nothing can edit one.
 */
import type { NumberContext } from './webhook-context.js';
import { LruMap } from '../domain/lru-map.js';

/**
 * Entries kept; least recently used out. A number has two (by E.164 for the calls to it, by id for
 * its calls' later webhooks) sharing one context, ~2.7 KB of heap with a new number's settings
 * (measured; more with long lists of forwarding or own numbers): 10,000 numbers, ~30 MB.
 */
const DEFAULT_MAX_ENTRIES = 20_000;

/**
 * Workspaces whose last change is remembered for the reads on their way. Past it the oldest are
 * forgotten, and so are the reads that began before them (refused as after a whole invalidation).
 */
const CHANGED_WORKSPACES_REMEMBERED = 1_000;

/** Whether cached entries may be served now (it may invalidate the cache first). */
export type CacheFreshness = () => boolean | Promise<boolean>;

export class NumberContextCache {
  private readonly entries: LruMap<string, NumberContext>;
  /** The keys of each workspace's entries, so forgetting one workspace touches only its own. */
  private readonly keysByWorkspace = new Map<string, Set<string>>();
  /** Invalidations so far, whole or of one workspace (tests wait for one; operators may log it). */
  invalidations = 0;
  /** `invalidations` at the last whole invalidation: a read that began before it is not kept. */
  private wholeAt = 0;
  /** `invalidations` at each workspace's last change: a read of it that began before is not kept. */
  private readonly workspaceChangedAt = new Map<string, number>();
  private readonly invalidationWaiters: (() => void)[] = [];
  private freshness: CacheFreshness = () => false;
  /** Holds on the cache (hold()): it serves nothing while any is on. */
  private readonly holds = new Set<string>();
  private readonly releaseWaiters: (() => void)[] = [];

  constructor(maxEntries = DEFAULT_MAX_ENTRIES) {
    this.entries = new LruMap(maxEntries, (key, context) => {
      const keys = this.keysByWorkspace.get(context.workspace.id);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByWorkspace.delete(context.workspace.id);
    });
  }

  /** Until this is called the cache serves nothing (every read goes to the database). */
  setFreshness(freshness: CacheFreshness): void {
    this.freshness = freshness;
    this.invalidate();
  }

  /** Forgets every entry, and every read still on its way. */
  invalidate(): void {
    this.entries.clear();
    this.keysByWorkspace.clear();
    this.workspaceChangedAt.clear();
    this.wholeAt = this.changed();
  }

  /** Forgets the entries of workspace `workspaceId`, and its reads still on their way. */
  invalidateWorkspace(workspaceId: string): void {
    for (const key of [...(this.keysByWorkspace.get(workspaceId) ?? [])]) this.entries.delete(key);
    const at = this.changed();
    if (this.workspaceChangedAt.size >= CHANGED_WORKSPACES_REMEMBERED) {
      // Too many to remember each: every read on its way now is refused, as after a whole invalidation.
      this.workspaceChangedAt.clear();
      this.wholeAt = at;
      return;
    }
    this.workspaceChangedAt.set(workspaceId, at);
  }

  /** Counts a change and tells whoever waits for one; returns the new count. */
  private changed(): number {
    this.invalidations++;
    for (const resolve of this.invalidationWaiters.splice(0)) resolve();
    return this.invalidations;
  }

  /** Resolves at the next invalidation after `seen` (pass `invalidations` read before the change). */
  invalidatedSince(seen: number): Promise<void> {
    if (this.invalidations > seen) return Promise.resolve();
    return new Promise((resolve) => this.invalidationWaiters.push(resolve));
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Stops the cache serving until release(`token`): while a change this process made is not yet
   * reflected in it (services/settings-change-watch.ts). Entries stay; reads go to the database.
   */
  hold(token: string): void {
    this.holds.add(token);
  }

  /** Lifts the hold `token` (a token not held is ignored); true when it was held. */
  release(token: string): boolean {
    const held = this.holds.delete(token);
    if (held && this.holds.size === 0) for (const resolve of this.releaseWaiters.splice(0)) resolve();
    return held;
  }

  /** Lifts every hold. */
  releaseAll(): void {
    for (const token of [...this.holds]) this.release(token);
  }

  /** Resolves once no hold is on (tests wait for it). */
  unheld(): Promise<void> {
    if (this.holds.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.releaseWaiters.push(resolve));
  }

  /**
   * Whether the cache may serve now (no hold on, and its freshness check, run once: on SQLite a
   * version read); the count of changes so far, to pass to keep(), when so; undefined when every
   * read must go to the database.
   */
  async serving(): Promise<number | undefined> {
    if (this.holds.size > 0) return undefined;
    return (await this.freshness()) ? this.invalidations : undefined;
  }

  /** The context of number `e164`, if kept; ask only after serving() said the cache may serve. */
  byNumber(e164: string): NumberContext | undefined {
    return this.entries.get(`number:${e164}`);
  }

  /** The context of the number with id `id` (a call's phone_number_id), if kept; as byNumber. */
  byId(id: string): NumberContext | undefined {
    return this.entries.get(`id:${id}`);
  }

  /**
   * Keeps `context` under its number and its id, unless its workspace changed, or everything was
   * forgotten, after serving() returned `seenChanges`.
   */
  keep(context: NumberContext, seenChanges: number): void {
    if (seenChanges < this.wholeAt || seenChanges < (this.workspaceChangedAt.get(context.workspace.id) ?? 0)) return;
    const kept = frozen(context);
    for (const key of [`number:${kept.number.number}`, `id:${kept.number.id}`]) {
      // Indexed after set(): replacing an entry drops the old one from the index first.
      this.entries.set(key, kept);
      let keys = this.keysByWorkspace.get(kept.workspace.id);
      if (!keys) this.keysByWorkspace.set(kept.workspace.id, (keys = new Set()));
      keys.add(key);
    }
  }
}

function frozen(context: NumberContext): NumberContext {
  for (const part of Object.values(context)) if (part) Object.freeze(part);
  return Object.freeze(context);
}
