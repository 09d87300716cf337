/**
 * Data-driven attribution: a first-order Markov chain over all of a brand's journeys, converting
 * and not, with each state's removal effect (Anderl, Becker, von Wangenheim & Schumann, "Mapping
 * the customer journey: Lessons learned from graph-based online attribution modeling", IJRM 33(3),
 * 2016; the same model as the ChannelAttribution package's `markov_model` at order 1).
 *
 * States are what a touch credits (a campaign, or a channel). Every journey is
 * start → s1 → … → sk → (conversion | null). P(conversion) is the absorption probability from
 * start; removing a state sends every transition into it to null, and its removal effect is
 * 1 − P(conv without s) / P(conv). Only transitions matter, so repeats of a state in a row (self
 * loops) change nothing in the absorption probabilities.
 */
export interface Journey {
  readonly states: readonly string[];
  readonly conversions: number;
  readonly nulls: number;
}

export interface MarkovResult {
  readonly conversionProbability: number;
  /** State → removal effect in [0, 1]. */
  readonly removalEffects: ReadonlyMap<string, number>;
}

const START = 0;
const CONV = 1;
const NULL = 2;

/**
 * Counts transitions journey by journey, so a pass can stream journeys through without keeping
 * them all; `fit()` then solves the chain.
 */
export function createMarkovCounter() {
  const index = new Map<string, number>();
  const counts = new Map<number, Map<number, number>>();
  const bump = (from: number, to: number, by: number) => {
    let row = counts.get(from);
    if (!row) {
      row = new Map();
      counts.set(from, row);
    }
    row.set(to, (row.get(to) ?? 0) + by);
  };
  const idOf = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = index.size + 3;
      index.set(s, i);
    }
    return i;
  };
  return {
    add(j: Journey): void {
      const weight = j.conversions + j.nulls;
      if (weight <= 0 || j.states.length === 0) return;
      let prev = START;
      for (const s of j.states) {
        const id = idOf(s);
        if (id !== prev) bump(prev, id, weight);
        prev = id;
      }
      if (j.conversions > 0) bump(prev, CONV, j.conversions);
      if (j.nulls > 0) bump(prev, NULL, j.nulls);
    },
    /** The number `addPath` knows state `s` by. */
    stateId: idOf,
    /** `add` for a path of states numbered by `stateId` (a pass numbers each state once per chunk). */
    addPath(ids: readonly number[], conversions: number, nulls: number): void {
      const weight = conversions + nulls;
      if (weight <= 0 || ids.length === 0) return;
      let prev = START;
      for (const id of ids) {
        if (id !== prev) bump(prev, id, weight);
        prev = id;
      }
      if (conversions > 0) bump(prev, CONV, conversions);
      if (nulls > 0) bump(prev, NULL, nulls);
    },
    fit(): MarkovResult {
      const n = index.size + 3;
      const base = absorption(counts, n, -1);
      const removalEffects = new Map<string, number>();
      for (const [name, id] of index) {
        const without = absorption(counts, n, id);
        removalEffects.set(name, base > 0 ? Math.min(1, Math.max(0, 1 - without / base)) : 0);
      }
      return { conversionProbability: base, removalEffects };
    },
  };
}
export type MarkovCounter = ReturnType<typeof createMarkovCounter>;

export function fitMarkov(journeys: Iterable<Journey>): MarkovResult {
  const counter = createMarkovCounter();
  for (const j of journeys) counter.add(j);
  return counter.fit();
}

/**
 * P(reach conversion from start), with `removed` (if ≥ 0) turned into a null sink. Solves the
 * absorbing chain's linear system x = Qx + r by Gaussian elimination with partial pivoting; the
 * state count is the brand's campaigns and channels, so n³ is small.
 */
function absorption(counts: Map<number, Map<number, number>>, n: number, removed: number): number {
  // Unknowns: x_i for every transient state i (start and the named states); x_CONV = 1, x_NULL = 0.
  const a = Array.from({ length: n }, () => new Float64Array(n + 1));
  for (let i = 0; i < n; i++) {
    const row = a[i]!;
    row[i] = 1;
    if (i === CONV) {
      row[n] = 1;
      continue;
    }
    if (i === NULL || i === removed) continue;
    const out = counts.get(i);
    if (!out) continue;
    let total = 0;
    for (const c of out.values()) total += c;
    for (const [to, c] of out) {
      const target = to === removed ? NULL : to;
      row[target] = row[target]! - c / total;
    }
  }
  return solve(a, n)[START]!;
}

function solve(a: Float64Array[], n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    const pv = p[col]!;
    if (Math.abs(pv) < 1e-15) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]! / pv;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = row[c]! - f * p[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = a[i]![i]!;
    x[i] = Math.abs(d) < 1e-15 ? 0 : a[i]![n]! / d;
  }
  return x;
}

/**
 * One journey's credit per touch: each distinct state gets a share proportional to its removal
 * effect (split evenly over that state's repeats). The chain is fitted on all journeys; turning
 * global effects into per-order shares this way is the usual practice (the package reports totals
 * only), so per-order credits sum to 1 while totals can differ slightly from `total × RE / ΣRE`.
 */
export function removalEffectWeights(
  states: readonly string[],
  removalEffects: ReadonlyMap<string, number>,
): number[] {
  const repeats = new Map<string, number>();
  for (const s of states) repeats.set(s, (repeats.get(s) ?? 0) + 1);
  let total = 0;
  for (const s of repeats.keys()) total += removalEffects.get(s) ?? 0;
  if (total <= 0) return states.map(() => 1 / states.length);
  return states.map((s) => (removalEffects.get(s) ?? 0) / total / repeats.get(s)!);
}
