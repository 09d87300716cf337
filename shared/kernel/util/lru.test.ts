import { describe, expect, it } from 'vitest';
import { createLruCache } from './lru';

describe('createLruCache', () => {
  it('drops the least recently used entry past its size, counting a get as a use', () => {
    const cache = createLruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.peek('b')).toBeUndefined();
    expect([cache.peek('a'), cache.peek('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('does not count a peek as a use', () => {
    const cache = createLruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.peek('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.peek('a')).toBeUndefined();
  });

  it('re-setting a key replaces its value and makes it most recent', () => {
    const cache = createLruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    expect([cache.peek('a'), cache.peek('b')]).toEqual([10, undefined]);
  });

  it('deletes entries by key or by a predicate, and refuses a size below one', () => {
    const cache = createLruCache<string, number>(5);
    for (const k of ['t1/a', 't1/b', 't2/a']) cache.set(k, 1);
    cache.deleteWhere((k) => k.startsWith('t1/'));
    expect(cache.size).toBe(1);
    expect(cache.delete('t2/a')).toBe(true);
    expect(cache.size).toBe(0);
    expect(() => createLruCache(0)).toThrow(RangeError);
  });

  it('lists its entries least recent first without counting the listing as a use', () => {
    const cache = createLruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    expect([...cache.entries()]).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    cache.set('c', 3);
    cache.set('d', 4);
    expect([...cache.entries()].map(([k]) => k)).toEqual(['a', 'c', 'd']);
  });
});
