/**
 * A per-process cache of what a carrier webhook reads about the number that was called
 * (services/webhook-context.ts: the number, its workspace, the sealed carrier account, whether a
 * workflow listens), so that a number called again costs no statement of its own, and a call's
 * later webhooks (the dial result) read only the call and its caller. Settings change
 * rarely and calls come often, so the policy is the simplest correct one: any change to any of the
 * tables it holds (phone_numbers, workspaces, carrier_accounts, workflows) empties the whole cache.
 *
 * Whether an entry may be served is decided by `freshness` (services/settings-change-watch.ts),
 * once per webhook (serving()): on SQLite it compares a trigger-bumped version (and empties the cache when it moved); on
 * PostgreSQL it is "the LISTEN connection is up", with the cache emptied on every notification and
 * every (re)connect, and not used at all while it is down.
 *
 * An invalidation also advances `generation`: a database read that began before it may have seen
 * the old row, so its result is returned to its caller (the same read-then-act race as without a
 * cache) but not kept. Whatever makes entries unservable (a version that moved, a lost LISTEN
 * connection) invalidates too, so a read is kept only when nothing happened while it ran. Entries
 * are shared between requests and frozen, so nothing can edit one.
 */
import type { NumberContext } from './webhook-context.js';
import { LruMap } from '../domain/lru-map.js';

/**
 * Entries kept; least recently used out. A number has two (by E.164 for the calls to it, by id for
 * its calls' later webhooks) sharing one context of ~2 KB, so the bound is a few MB at most.
 */
const DEFAULT_MAX_ENTRIES = 4_000;

/** Whether cached entries may be served now (it may invalidate the cache first). */
export type CacheFreshness = () => boolean | Promise<boolean>;

export class NumberContextCache {
  private readonly entries: LruMap<string, NumberContext>;
  private generation = 0;
  /** Invalidations so far (tests wait for one; operators may log it). */
  invalidations = 0;
  private readonly invalidationWaiters: (() => void)[] = [];
  private freshness: CacheFreshness = () => false;

  constructor(maxEntries = DEFAULT_MAX_ENTRIES) {
    this.entries = new LruMap(maxEntries);
  }

  /** Until this is called the cache serves nothing (every read goes to the database). */
  setFreshness(freshness: CacheFreshness): void {
    this.freshness = freshness;
    this.invalidate();
  }

  /** Forgets every entry, and every read still on its way. */
  invalidate(): void {
    this.entries.clear();
    this.generation++;
    this.invalidations++;
    for (const resolve of this.invalidationWaiters.splice(0)) resolve();
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
   * Whether the cache may serve now (its freshness check, run once: on SQLite a version read); the
   * generation to pass to keep() when so, undefined when every read must go to the database.
   */
  async serving(): Promise<number | undefined> {
    return (await this.freshness()) ? this.generation : undefined;
  }

  /** The context of number `e164`, if kept; ask only after serving() said the cache may serve. */
  byNumber(e164: string): NumberContext | undefined {
    return this.entries.get(`number:${e164}`);
  }

  /** The context of the number with id `id` (a call's phone_number_id), if kept; as byNumber. */
  byId(id: string): NumberContext | undefined {
    return this.entries.get(`id:${id}`);
  }

  /** Keeps `context` under its number and its id, unless an invalidation came after serving() returned `generation`. */
  keep(context: NumberContext, generation: number): void {
    if (generation !== this.generation) return;
    const kept = frozen(context);
    for (const key of [`number:${kept.number.number}`, `id:${kept.number.id}`]) this.entries.set(key, kept);
  }
}

function frozen(context: NumberContext): NumberContext {
  for (const part of Object.values(context)) if (part) Object.freeze(part);
  return Object.freeze(context);
}
