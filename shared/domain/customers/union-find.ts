/**
 * Disjoint sets over dense integer ids (union by size, path halving): the connected components
 * of an identifier or match graph in near-linear time without recursion.
 */
export interface UnionFind {
  find(x: number): number;
  /** Joins the sets of a and b; returns false when they were already one. */
  union(a: number, b: number): boolean;
  /** Makes `into`'s root the parent of `from`'s root, so a chosen representative stays the root. */
  attach(into: number, from: number): void;
  readonly size: number;
}

export function createUnionFind(size: number): UnionFind {
  const parent = new Int32Array(size);
  const rank = new Int32Array(size).fill(1);
  for (let i = 0; i < size; i++) parent[i] = i;
  function find(x: number): number {
    let node = x;
    while (parent[node] !== node) {
      const grand = parent[parent[node]!]!;
      parent[node] = grand;
      node = grand;
    }
    return node;
  }
  function union(a: number, b: number): boolean {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return false;
    if (rank[ra]! < rank[rb]!) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    rank[ra] = rank[ra]! + rank[rb]!;
    return true;
  }
  function attach(into: number, from: number): void {
    const ri = find(into);
    const rf = find(from);
    if (ri === rf) return;
    parent[rf] = ri;
    rank[ri] = rank[ri]! + rank[rf]!;
  }
  return { find, union, attach, size };
}

/** Groups ids 0..size-1 by component; components listed by their smallest member, members ascending. */
export function components(uf: UnionFind): number[][] {
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < uf.size; i++) {
    const root = uf.find(i);
    const group = byRoot.get(root);
    if (group) group.push(i);
    else byRoot.set(root, [i]);
  }
  return [...byRoot.values()];
}
