import { IDENTIFIER_RULES, identifierKey, isLinking } from './identifiers';
import type { IdentityRecord } from './resolution';
import { createUnionFind } from './union-find';

/**
 * Batch re-resolution: the same partition the incremental resolver reaches, computed from
 * scratch. Deterministic identifiers that appear in one record are joined, and the connected
 * components of that graph (union-find) are the identified people, with every merge counted as
 * made (a cluster the incremental path sent to review appears here as the merge it proposes).
 * Weak identifiers are then placed in record order by the incremental rule: they attach to the
 * person of the record they arrive with, anonymous ones group together until a record ties them
 * to a person, and one already held by someone else is proposed for review, not merged.
 */
export interface GraphProfile {
  /** Identifier keys (`kind:value`) of the profile, sorted. */
  identifiers: string[];
  /** Index (in record order) of the first record of the profile. */
  firstRecord: number;
}

export interface IdentityGraphResult {
  profiles: GraphProfile[];
  /** Pairs of profile indexes tied only by a weak identifier, with that identifier. */
  weakLinks: Array<{ profiles: [number, number]; identifier: string }>;
}

/** Records must be in arrival order (by `at`, then id), as the incremental resolver sees them. */
export function resolveIdentityGraph(records: readonly IdentityRecord[]): IdentityGraphResult {
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const indexOf = (key: string): number => {
    let at = keyIndex.get(key);
    if (at === undefined) {
      at = keys.length;
      keyIndex.set(key, at);
      keys.push(key);
    }
    return at;
  };
  // Pass 1: deterministic identifiers of one record are one person.
  const linkingOf: number[][] = [];
  const weakOf: number[][] = [];
  const riderOf: number[][] = [];
  for (const record of records) {
    const linking: number[] = [];
    const weak: number[] = [];
    const riders: number[] = [];
    for (const id of record.identifiers) {
      const at = indexOf(identifierKey(id));
      if (isLinking(id.kind)) linking.push(at);
      else if (IDENTIFIER_RULES[id.kind].lookup) weak.push(at);
      else riders.push(at);
    }
    linkingOf.push(linking);
    weakOf.push(weak);
    riderOf.push(riders);
  }
  const uf = createUnionFind(keys.length);
  for (const linking of linkingOf)
    for (let i = 1; i < linking.length; i++) uf.union(linking[0]!, linking[i]!);

  // Pass 2: people are union-find roots of their deterministic identifiers; anonymous groups get
  // ids from `keys.length` up. `group` joins anonymous groups into a person or into each other.
  const group = createUnionFind(keys.length + records.length);
  const born = new Map<number, number>(); // group root → first record index
  const holders = new Map<number, number[]>(); // weak identifier → groups holding it, first is its owner
  const members = new Map<number, Set<number>>(); // person root → identifier indexes
  const weakLinks: Array<{ a: number; b: number; identifier: number }> = [];
  let nextAnonymous = keys.length;
  const rootOf = (g: number) => group.find(g);
  const isPerson = (g: number) => rootOf(g) < keys.length;
  const ageOf = (g: number) => born.get(rootOf(g)) ?? Number.POSITIVE_INFINITY;
  const hold = (g: number, identifier: number) => {
    const r = rootOf(g);
    const set = members.get(r);
    if (set) set.add(identifier);
    else members.set(r, new Set([identifier]));
  };
  const join = (into: number, from: number) => {
    let a = rootOf(into);
    let b = rootOf(from);
    if (a === b) return;
    if (a >= keys.length && b < keys.length) [a, b] = [b, a]; // a person stays the root
    const age = Math.min(ageOf(a), ageOf(b));
    group.attach(a, b);
    born.set(a, age);
    const moved = members.get(b);
    if (moved) for (const id of moved) hold(a, id);
    members.delete(b);
  };

  records.forEach((_, r) => {
    const linking = linkingOf[r]!;
    const weak = weakOf[r]!;
    let target: number;
    if (linking.length > 0) {
      target = uf.find(linking[0]!);
      if (!born.has(rootOf(target))) born.set(rootOf(target), r);
      for (const id of linking) hold(target, id);
      for (const w of weak) {
        const held = holders.get(w);
        if (!held) holders.set(w, [target]);
        else {
          const owners = held.map(rootOf);
          for (const owner of owners) if (!isPerson(owner)) join(target, owner);
          const persons = [...new Set(held.map(rootOf).filter((g) => isPerson(g)))];
          if (!persons.includes(rootOf(target))) {
            for (const other of persons) weakLinks.push({ a: other, b: target, identifier: w });
            held.push(target);
          }
        }
        hold(target, w);
      }
    } else {
      const held = weak.flatMap((w) => holders.get(w) ?? []).map(rootOf);
      const persons = [...new Set(held.filter((g) => isPerson(g)))].sort((a, b) => ageOf(a) - ageOf(b));
      const anonymous = [...new Set(held.filter((g) => !isPerson(g)))].sort((a, b) => ageOf(a) - ageOf(b));
      if (persons.length > 0) {
        target = persons[0]!;
        for (const other of persons.slice(1)) weakLinks.push({ a: target, b: other, identifier: weak[0]! });
      } else if (anonymous.length > 0) target = anonymous[0]!;
      else {
        target = nextAnonymous++;
        born.set(target, r);
      }
      for (const g of anonymous) join(target, g);
      for (const w of weak) {
        const list = holders.get(w);
        if (!list) holders.set(w, [target]);
        else if (!list.map(rootOf).includes(rootOf(target))) list.push(target);
        hold(target, w);
      }
    }
    for (const rider of riderOf[r]!) hold(target, rider);
  });

  const profiles: GraphProfile[] = [];
  const profileOfRoot = new Map<number, number>();
  for (const [root, ids] of members) {
    if (rootOf(root) !== root) continue;
    profileOfRoot.set(root, profiles.length);
    profiles.push({ identifiers: [...ids].map((i) => keys[i]!).sort(), firstRecord: born.get(root) ?? 0 });
  }
  const links = new Map<string, { profiles: [number, number]; identifier: string }>();
  for (const link of weakLinks) {
    const a = profileOfRoot.get(rootOf(link.a));
    const b = profileOfRoot.get(rootOf(link.b));
    if (a === undefined || b === undefined || a === b) continue;
    const pair: [number, number] = a < b ? [a, b] : [b, a];
    links.set(`${pair[0]}|${pair[1]}`, { profiles: pair, identifier: keys[link.identifier]! });
  }
  return { profiles, weakLinks: [...links.values()] };
}
