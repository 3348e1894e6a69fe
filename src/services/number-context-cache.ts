/**
 * A per-process cache of what a carrier webhook reads about the number that was called
 * (services/webhook-context.ts: the number, its workspace, the sealed carrier account, whether a
 * workflow listens), so that a number called again costs no statement of its own. Settings change
 * rarely and calls come often, so the policy is the simplest correct one: any change to any of the
 * tables it holds (phone_numbers, workspaces, carrier_accounts, workflows) empties the whole cache.
 *
 * Whether an entry may be served is decided by `freshness` (store/settings-changes.ts), once per
 * read: on SQLite it compares a trigger-bumped version (and empties the cache when it moved); on
 * PostgreSQL it is "the LISTEN connection is up", with the cache emptied on every notification and
 * every (re)connect, and not used at all while it is down.
 *
 * An invalidation also advances `generation`: a database read that began before it may have seen
 * the old row, so its result is returned to its caller (the same read-then-act race as without a
 * cache) but not kept. Whatever makes entries unservable (a version that moved, a lost LISTEN
 * connection) invalidates too, so a read is kept only when nothing happened while it ran. Entries are shared between requests and frozen, so nothing can edit one.
 */
import type { NumberContext } from './webhook-context.js';

/** Numbers kept; least recently used out. ~2 KB each, so the bound is a few MB at most. */
const DEFAULT_MAX_ENTRIES = 2_000;

/** Whether cached entries may be served now (it may invalidate the cache first). */
export type CacheFreshness = () => boolean | Promise<boolean>;

export class NumberContextCache {
  private readonly entries = new Map<string, NumberContext>();
  private generation = 0;
  /** Invalidations so far (tests wait for one; operators may log it). */
  invalidations = 0;
  private readonly invalidationWaiters: (() => void)[] = [];
  private freshness: CacheFreshness = () => false;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

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

  /** The context of number `e164`: cached when fresh, else from `read` (kept when still fresh after). */
  async get(e164: string, read: () => Promise<NumberContext | undefined>): Promise<NumberContext | undefined> {
    if (!(await this.freshness())) return read();
    const cached = this.entries.get(e164);
    if (cached) {
      // Map keeps insertion order: re-inserting makes the first key the least recently used.
      this.entries.delete(e164);
      this.entries.set(e164, cached);
      return cached;
    }
    const generation = this.generation;
    const found = await read();
    // Numbers not ours are not kept: a stranger could otherwise fill the cache with them.
    if (found && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(e164, frozen(found));
    }
    return found;
  }
}

function frozen(context: NumberContext): NumberContext {
  for (const part of Object.values(context)) if (part) Object.freeze(part);
  return Object.freeze(context);
}
