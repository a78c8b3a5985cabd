/**
 * A small least-recently-used cache over a Map (whose order is insertion order: re-inserting
 * a key marks it most recently used). Beyond `capacity`, the least recently used entries are
 * dropped and handed to `evicted`, for values that own resources (a model's tensors).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly capacity: number,
    private readonly evicted: (value: V, key: K) => void = () => {},
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, now marked most recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** The value, leaving the order as it is. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` as the most recently used, then drops what exceeds the capacity. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
      this.evicted(old, oldest);
    }
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  clear(): void {
    this.entries.clear();
  }
}
