import { describe, expect, it } from 'vitest';
import { components, createUnionFind } from './union-find';

describe('union-find', () => {
  it('joins chains into one component and leaves the rest alone', () => {
    const uf = createUnionFind(6);
    expect(uf.union(0, 1)).toBe(true);
    expect(uf.union(1, 2)).toBe(true);
    expect(uf.union(2, 0)).toBe(false);
    uf.union(4, 5);
    expect(components(uf).map((c) => [...c].sort())).toEqual([[0, 1, 2], [3], [4, 5]]);
  });

  it('handles a long chain without recursion', () => {
    const n = 200_000;
    const uf = createUnionFind(n);
    for (let i = 1; i < n; i++) uf.union(i - 1, i);
    expect(uf.find(0)).toBe(uf.find(n - 1));
  });
});
