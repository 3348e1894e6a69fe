/**
 * A Map bounded to `maxEntries`, the entry used least recently going first: the caches a process
 * keeps per business or per statement (number contexts, carrier credentials, SQLite's prepared
 * statements), which must keep what is busy now however many others passed through. A Map keeps
 * insertion order, so an entry read or written is moved to the end and the first key is the one
 * to drop.
 */
export class LruMap<K, V> {
  private readonly byKey = new Map<K, V>();

  /**
   * `onDrop` is told of each entry that leaves other than by clear(): dropped as least recently
   * used, replaced by set(), or deleted; for an owner that indexes the entries (NumberContextCache).
   */
  constructor(
    private readonly maxEntries: number,
    private readonly onDrop?: (key: K, value: V) => void,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  /** The entry under `key`, now the most recently used; undefined when none is kept. */
  get(key: K): V | undefined {
    const value = this.byKey.get(key);
    if (value !== undefined) {
      this.byKey.delete(key);
      this.byKey.set(key, value);
    }
    return value;
  }

  /** Keeps `value` under `key` as the most recently used, dropping the least recently used when full. */
  set(key: K, value: V): void {
    this.delete(key);
    if (this.byKey.size >= this.maxEntries) this.delete(this.byKey.keys().next().value as K);
    this.byKey.set(key, value);
  }

  delete(key: K): void {
    const value = this.byKey.get(key);
    if (value === undefined) return;
    this.byKey.delete(key);
    this.onDrop?.(key, value);
  }

  clear(): void {
    this.byKey.clear();
  }

  values(): IterableIterator<V> {
    return this.byKey.values();
  }
}
