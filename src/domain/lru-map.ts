/**
 * A Map bounded to `maxEntries`, the entry used least recently going first: the caches a process
 * keeps per business or per statement (number contexts, carrier credentials, SQLite's prepared
 * statements), which must keep what is busy now however many others passed through. A Map keeps
 * insertion order, so an entry read or written is moved to the end and the first key is the one
 * to drop.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry under `key`, now the most recently used; undefined when none is kept. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Keeps `value` under `key` as the most recently used, dropping the least recently used when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }
}
