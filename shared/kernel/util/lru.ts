/**
 * The one bounded least-recently-used map: `get` and `set` make an entry the most recent, `set`
 * past `maxEntries` drops the least recent. A Map keeps insertion order, so recency is re-insertion.
 */
export interface LruCache<K, V> {
  /** The value, made most recent. */
  get(key: K): V | undefined;
  /** The value, leaving its recency alone. */
  peek(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): boolean;
  /** Drops every entry whose key matches (e.g. one brand's entries). */
  deleteWhere(matches: (key: K) => boolean): void;
  /** Every entry, least recent first, leaving recency alone. */
  entries(): IterableIterator<[K, V]>;
  readonly size: number;
}

export function createLruCache<K, V>(maxEntries: number): LruCache<K, V> {
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError(`an LRU cache holds at least one entry (got ${maxEntries})`);
  const map = new Map<K, V>();
  return {
    get(key) {
      if (!map.has(key)) return undefined;
      const value = map.get(key) as V;
      map.delete(key);
      map.set(key, value);
      return value;
    },
    peek: (key) => map.get(key),
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      while (map.size > maxEntries) map.delete(map.keys().next().value as K);
    },
    delete: (key) => map.delete(key),
    deleteWhere(matches) {
      for (const key of [...map.keys()]) if (matches(key)) map.delete(key);
    },
    entries: () => map.entries(),
    get size() {
      return map.size;
    },
  };
}
