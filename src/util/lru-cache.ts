/**
 * A bounded cache that forgets the least recently used entry first. A Map iterates in insertion
 * order, so an entry is re-inserted whenever it is read or written: the first key is always the
 * one used longest ago, and evicting it is O(1). No dependency; one shape for every cache in Lotse.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Whether the key is cached; does not count as a use. */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Stores the value as the most recently used; evicts the least recently used one when full. */
  set(key: K, value: V): this {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.maxSize) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
