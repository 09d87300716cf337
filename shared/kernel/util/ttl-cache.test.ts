import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { createTtlCache } from './ttl-cache';

const setUp = (maxEntries = 10) => {
  const clock = fixedClock('2026-11-20T12:00:00Z');
  let loads = 0;
  const load = (value: string) => async () => {
    loads++;
    return value;
  };
  return { clock, cache: createTtlCache<string>(clock, 1_000, maxEntries), load, loads: () => loads };
};

describe('a TTL cache', () => {
  it('keeps a value for ttlMs and loads it again at ttlMs', async () => {
    const { clock, cache, load, loads } = setUp();
    expect(await cache.get('k', load('a'))).toBe('a');
    clock.advance(999);
    expect(await cache.get('k', load('b'))).toBe('a');
    clock.advance(1);
    expect(await cache.get('k', load('b'))).toBe('b');
    expect(loads()).toBe(2);
  });

  it('loads once for requests that miss together', async () => {
    const { cache, load, loads } = setUp();
    expect(await Promise.all([cache.get('k', load('a')), cache.get('k', load('b'))])).toEqual(['a', 'a']);
    expect(loads()).toBe(1);
  });

  it('does not keep a value whose load was running when the key was deleted', async () => {
    const { cache, load } = setUp();
    let release!: (v: string) => void;
    const stale = cache.get('k', () => new Promise<string>((r) => (release = r)));
    // The write that makes the value stale lands while it is being read.
    cache.delete('k');
    release('before the write');
    expect(await stale).toBe('before the write');
    expect(await cache.get('k', load('after the write'))).toBe('after the write');
  });

  it('does not keep a failed load', async () => {
    const { cache, load } = setUp();
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', load('a'))).toBe('a');
  });

  it('drops the oldest entry past maxEntries, and the entries a predicate names', async () => {
    const { cache, load, loads } = setUp(2);
    await cache.get('t1/a', load('1'));
    await cache.get('t1/b', load('2'));
    await cache.get('t2/a', load('3'));
    expect(await cache.get('t1/a', load('1 again'))).toBe('1 again');
    cache.deleteWhere((k) => k.startsWith('t2/'));
    expect(await cache.get('t2/a', load('3 again'))).toBe('3 again');
    expect(loads()).toBe(5);
  });
});
