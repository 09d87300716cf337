/**
 * The one cache of look-ups kept for a fixed time: the membership, the brand document and the local
 * session check each keep what they read for a short, documented window (decisions 812, 1024).
 *
 * - `get(key, load)` answers a kept value younger than `ttlMs`, or calls `load` once: requests that
 *   miss together share it.
 * - The entry is in place before `load` settles, so a `delete` made while it runs (the write that
 *   made it stale) drops it: a value read before a write is never kept after the write.
 * - A failed load is not kept.
 * - Bounded: past `maxEntries`, the oldest entry goes.
 */
export interface TtlCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  delete(key: string): void;
  /** Drops every entry whose key matches (e.g. one tenant's). */
  deleteWhere(matches: (key: string) => boolean): void;
}

export function createTtlCache<V>(clock: { now(): Date }, ttlMs: number, maxEntries: number): TtlCache<V> {
  const entries = new Map<string, { expires: number; value: Promise<V> }>();
  return {
    get(key, load) {
      const now = clock.now().getTime();
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.value;
      const entry = { expires: now + ttlMs, value: load() };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
      return entry.value;
    },
    delete: (key) => void entries.delete(key),
    deleteWhere(matches) {
      for (const key of [...entries.keys()]) if (matches(key)) entries.delete(key);
    },
  };
}
