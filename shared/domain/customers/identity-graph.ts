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
 *
 * Built for millions of identifiers: flat typed arrays, no object per identifier or per record.
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

const LINKING = 0;
const WEAK = 1;
const RIDER = 2;

/** Records must be in arrival order (by `at`, then id), as the incremental resolver sees them. */
export function resolveIdentityGraph(records: readonly IdentityRecord[]): IdentityGraphResult {
  // Identifier slots of every record, flat (CSR): slots offset[r]..offset[r+1].
  // One table per kind keyed by the bare value: no `kind:value` string per occurrence.
  const keyIndex = new Map<string, Map<string, number>>();
  const keys: string[] = [];
  const kindOfKeys: number[] = [];
  let total = 0;
  for (const record of records) total += record.identifiers.length;
  const slot = new Int32Array(total);
  const offset = new Int32Array(records.length + 1);
  let s = 0;
  records.forEach((record, r) => {
    offset[r] = s;
    for (const id of record.identifiers) {
      let table = keyIndex.get(id.kind);
      if (!table) {
        table = new Map();
        keyIndex.set(id.kind, table);
      }
      let at = table.get(id.value);
      if (at === undefined) {
        at = keys.length;
        table.set(id.value, at);
        keys.push(identifierKey(id));
        kindOfKeys.push(isLinking(id.kind) ? LINKING : IDENTIFIER_RULES[id.kind].lookup ? WEAK : RIDER);
      }
      slot[s++] = at;
    }
  });
  offset[records.length] = s;
  keyIndex.clear();
  const n = keys.length;
  const kindOf = Uint8Array.from(kindOfKeys);

  // Pass 1: deterministic identifiers of one record are one person.
  const uf = createUnionFind(n);
  for (let r = 0; r < records.length; r++) {
    let first = -1;
    for (let i = offset[r]!; i < offset[r + 1]!; i++) {
      const id = slot[i]!;
      if (kindOf[id] !== LINKING) continue;
      if (first < 0) first = id;
      else uf.union(first, id);
    }
  }

  // Pass 2: groups 0..n-1 are people (their deterministic root), n.. are anonymous groups.
  const group = createUnionFind(n + records.length);
  const born = new Int32Array(n + records.length).fill(-1);
  const firstHolder = new Int32Array(n).fill(-1);
  const moreHolders = new Map<number, number[]>();
  const weakLinks: number[] = []; // triples: group a, group b, identifier
  let nextAnonymous = n;
  const rootOf = (g: number) => group.find(g);
  const isPerson = (g: number) => rootOf(g) < n;
  const ageOf = (g: number) => {
    const b = born[rootOf(g)]!;
    return b < 0 ? Number.MAX_SAFE_INTEGER : b;
  };
  const holdersOf = (id: number): number[] => {
    const first = firstHolder[id]!;
    if (first < 0) return [];
    const more = moreHolders.get(id);
    const roots = [rootOf(first)];
    if (more) for (const g of more) roots.push(rootOf(g));
    return more ? [...new Set(roots)] : roots;
  };
  const addHolder = (id: number, g: number) => {
    if (firstHolder[id]! < 0) {
      firstHolder[id] = g;
      return;
    }
    const root = rootOf(g);
    if (holdersOf(id).includes(root)) return;
    const more = moreHolders.get(id);
    if (more) more.push(g);
    else moreHolders.set(id, [g]);
  };
  const join = (into: number, from: number) => {
    let a = rootOf(into);
    let b = rootOf(from);
    if (a === b) return;
    if (a >= n && b < n) [a, b] = [b, a]; // a person stays the root
    const age = Math.min(ageOf(a), ageOf(b));
    group.attach(a, b);
    born[a] = age;
  };

  for (let r = 0; r < records.length; r++) {
    let linking = -1;
    for (let i = offset[r]!; i < offset[r + 1]!; i++) {
      if (kindOf[slot[i]!] === LINKING) {
        linking = slot[i]!;
        break;
      }
    }
    let target: number;
    if (linking >= 0) {
      target = uf.find(linking);
      if (born[target]! < 0) born[target] = r;
      for (let i = offset[r]!; i < offset[r + 1]!; i++) {
        const w = slot[i]!;
        if (kindOf[w] !== WEAK) continue;
        const held = holdersOf(w);
        for (const owner of held) if (owner >= n) join(target, owner);
        const persons = held.filter((g) => isPerson(g));
        if (held.length > 0 && !persons.includes(target)) {
          for (const other of persons) weakLinks.push(other, target, w);
        }
        addHolder(w, target);
      }
    } else {
      const held: number[] = [];
      for (let i = offset[r]!; i < offset[r + 1]!; i++) {
        if (kindOf[slot[i]!] === WEAK) held.push(...holdersOf(slot[i]!));
      }
      const unique = [...new Set(held.map(rootOf))];
      const persons = unique.filter((g) => g < n).sort((a, b) => ageOf(a) - ageOf(b));
      const anonymous = unique.filter((g) => g >= n).sort((a, b) => ageOf(a) - ageOf(b));
      if (persons.length > 0) target = persons[0]!;
      else if (anonymous.length > 0) target = anonymous[0]!;
      else {
        target = nextAnonymous++;
        born[target] = r;
      }
      for (const other of persons.slice(1)) weakLinks.push(target, other, -1);
      for (const g of anonymous) join(target, g);
      for (let i = offset[r]!; i < offset[r + 1]!; i++)
        if (kindOf[slot[i]!] === WEAK) addHolder(slot[i]!, target);
    }
    for (let i = offset[r]!; i < offset[r + 1]!; i++)
      if (kindOf[slot[i]!] === RIDER) addHolder(slot[i]!, target);
  }

  // Membership: a deterministic identifier belongs to its person; the others to every holder.
  const profileOf = new Int32Array(n + records.length).fill(-1);
  const profiles: GraphProfile[] = [];
  const profileFor = (root: number): GraphProfile => {
    let p = profileOf[root]!;
    if (p < 0) {
      p = profiles.length;
      profileOf[root] = p;
      profiles.push({ identifiers: [], firstRecord: born[root]! });
    }
    return profiles[p]!;
  };
  for (let id = 0; id < n; id++) {
    if (kindOf[id] === LINKING) profileFor(uf.find(id)).identifiers.push(keys[id]!);
    else for (const root of holdersOf(id)) profileFor(root).identifiers.push(keys[id]!);
  }
  for (const profile of profiles) profile.identifiers.sort();

  const links = new Map<string, { profiles: [number, number]; identifier: string }>();
  for (let i = 0; i < weakLinks.length; i += 3) {
    const a = profileOf[rootOf(weakLinks[i]!)]!;
    const b = profileOf[rootOf(weakLinks[i + 1]!)]!;
    if (a < 0 || b < 0 || a === b) continue;
    const pair: [number, number] = a < b ? [a, b] : [b, a];
    const id = weakLinks[i + 2]!;
    links.set(`${pair[0]}|${pair[1]}`, { profiles: pair, identifier: id >= 0 ? keys[id]! : '' });
  }
  return { profiles, weakLinks: [...links.values()] };
}
