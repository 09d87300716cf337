import { seededRandom } from '../../kernel/util/random';
import type { BlockingRule, CandidatePairs } from './blocking';
import type { Comparison } from './comparisons';
import type { PersonKey } from './person';

/**
 * The Fellegi–Sunter model (Fellegi & Sunter 1969, "A Theory for Record Linkage", JASA 64):
 * for each comparison level, m = P(level | the records are the same person) and
 * u = P(level | they are not); a pair's match weight is log2 of the prior odds plus the sum of
 * log2(m/u) over its comparisons, assuming the comparisons independent given the match status.
 *
 * Parameters are estimated without labels, the way Splink documents it: u from random pairs
 * (almost all of which are non-matches), then m by expectation–maximisation on the pairs of each
 * blocking rule with u held fixed, leaving out the comparisons that rule forces to agree, and
 * averaging each comparison's m over the rules that could estimate it.
 */
export interface MatchModel {
  readonly comparisons: ReadonlyArray<{ name: string; levels: readonly string[] }>;
  /** m[k][level] and u[k][level]; index 0 (missing) is unused and stays 1 so it weighs nothing. */
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
  /** Prior probability that a candidate pair (one that passed blocking) is a match. */
  readonly lambda: number;
}

/** Comparison vectors of the pairs, row-major: pairs × comparisons levels. */
export function comparisonVectors(
  records: readonly PersonKey[],
  comparisons: readonly Comparison[],
  left: ArrayLike<number>,
  right: ArrayLike<number>,
): Uint8Array {
  const width = comparisons.length;
  const out = new Uint8Array(left.length * width);
  for (let p = 0; p < left.length; p++) {
    const a = records[left[p]!]!;
    const b = records[right[p]!]!;
    for (let k = 0; k < width; k++) out[p * width + k] = comparisons[k]!.level(a, b);
  }
  return out;
}

/** u from `samplePairs` random distinct pairs (every pair when there are fewer), smoothed by ½. */
export function estimateU(
  records: readonly PersonKey[],
  comparisons: readonly Comparison[],
  options: { samplePairs: number; seed: number },
): number[][] {
  const n = records.length;
  const total = (n * (n - 1)) / 2;
  const left: number[] = [];
  const right: number[] = [];
  if (total <= options.samplePairs) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        left.push(i);
        right.push(j);
      }
    }
  } else {
    const random = seededRandom(options.seed);
    while (left.length < options.samplePairs) {
      const i = Math.floor(random() * n);
      const j = Math.floor(random() * n);
      if (i === j) continue;
      left.push(i);
      right.push(j);
    }
  }
  const vectors = comparisonVectors(records, comparisons, left, right);
  return comparisons.map((comparison, k) => {
    const counts = new Array<number>(comparison.levels.length).fill(0);
    for (let p = 0; p < left.length; p++) counts[vectors[p * comparisons.length + k]!]!++;
    return levelProbabilities(counts);
  });
}

function levelProbabilities(counts: readonly number[]): number[] {
  const observed = counts.slice(1).reduce((s, c) => s + c, 0);
  const smoothing = 0.5;
  const denominator = observed + smoothing * (counts.length - 1);
  return counts.map((c, level) => (level === 0 ? 1 : (c + smoothing) / denominator));
}

interface Patterns {
  vectors: number[][];
  counts: number[];
}

/** Distinct comparison vectors and how many pairs have each: EM then runs over patterns, not pairs. */
function tabulate(vectors: Uint8Array, width: number): Patterns {
  const index = new Map<string, number>();
  const out: Patterns = { vectors: [], counts: [] };
  for (let p = 0; p < vectors.length / width; p++) {
    const row = Array.from(vectors.subarray(p * width, (p + 1) * width));
    const key = row.join(',');
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.vectors.length);
      out.vectors.push(row);
      out.counts.push(1);
    } else out.counts[at]!++;
  }
  return out;
}

function initialM(levels: number): number[] {
  // Exact agreement likely, disagreement unlikely, near-agreement levels in between.
  const middle = levels - 3;
  return Array.from({ length: levels }, (_, level) => {
    if (level === 0) return 1;
    if (level === 1) return 0.8;
    if (level === levels - 1) return middle > 0 ? 0.05 : 0.2;
    return 0.15 / middle;
  });
}

function likelihoods(
  vector: readonly number[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  active: readonly number[],
): { lm: number; lu: number } {
  let lm = 1;
  let lu = 1;
  for (const k of active) {
    const level = vector[k]!;
    if (level === 0) continue;
    lm *= m[k]![level]!;
    lu *= u[k]![level]!;
  }
  return { lm, lu };
}

/** One EM session: estimates m of the `active` comparisons (and λ) with u fixed. */
function expectationMaximisation(
  patterns: Patterns,
  comparisons: readonly Comparison[],
  u: readonly (readonly number[])[],
  active: readonly number[],
  options: { maxIterations: number; tolerance: number },
): { m: number[][]; lambda: number } {
  let m = comparisons.map((c) => initialM(c.levels.length));
  let lambda = 0.3;
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const sums = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    let matchMass = 0;
    let totalMass = 0;
    patterns.vectors.forEach((vector, p) => {
      const count = patterns.counts[p]!;
      const { lm, lu } = likelihoods(vector, m, u, active);
      const weight = (lambda * lm) / (lambda * lm + (1 - lambda) * lu);
      matchMass += count * weight;
      totalMass += count;
      for (const k of active) sums[k]![vector[k]!]! += count * weight;
    });
    const next = m.map((levels, k) => {
      if (!active.includes(k)) return levels;
      const probabilities = levelProbabilities(sums[k]!.map((s, level) => (level === 0 ? 0 : s)));
      return probabilities.map((value) => Math.max(value, 1e-6));
    });
    const nextLambda = Math.min(Math.max(matchMass / totalMass, 1e-9), 1 - 1e-9);
    let change = Math.abs(nextLambda - lambda);
    for (const [k, levels] of next.entries()) {
      for (const [level, value] of levels.entries())
        change = Math.max(change, Math.abs(value - m[k]![level]!));
    }
    m = next;
    lambda = nextLambda;
    if (change < options.tolerance) break;
  }
  return { m, lambda };
}

export interface TrainOptions {
  samplePairs?: number;
  seed?: number;
  maxIterations?: number;
  tolerance?: number;
}

/** Estimates u, then m per blocking rule, then λ over all candidate pairs. */
export function trainMatchModel(
  records: readonly PersonKey[],
  comparisons: readonly Comparison[],
  rules: readonly BlockingRule[],
  candidates: CandidatePairs,
  options: TrainOptions = {},
): MatchModel {
  const em = { maxIterations: options.maxIterations ?? 200, tolerance: options.tolerance ?? 1e-6 };
  const u = estimateU(records, comparisons, {
    samplePairs: options.samplePairs ?? 1_000_000,
    seed: options.seed ?? 1,
  });
  const width = comparisons.length;
  const estimates: number[][][] = comparisons.map(() => []);
  rules.forEach((rule, r) => {
    const pairs = candidates.perRule[r];
    if (!pairs || pairs.left.length === 0) return;
    const active = comparisons.flatMap((c, k) => (rule.fixes.includes(c.name) ? [] : [k]));
    const patterns = tabulate(comparisonVectors(records, comparisons, pairs.left, pairs.right), width);
    const { m } = expectationMaximisation(patterns, comparisons, u, active, em);
    for (const k of active) estimates[k]!.push(m[k]!);
  });
  const m = comparisons.map((c, k) => {
    const found = estimates[k]!;
    if (found.length === 0) return initialM(c.levels.length);
    return c.levels.map((_, level) => found.reduce((s, levels) => s + levels[level]!, 0) / found.length);
  });
  const all = tabulate(comparisonVectors(records, comparisons, candidates.left, candidates.right), width);
  const lambda = estimateLambda(
    all,
    m,
    u,
    comparisons.map((_, k) => k),
    em,
  );
  return {
    comparisons: comparisons.map((c) => ({ name: c.name, levels: c.levels })),
    m,
    u,
    lambda,
  };
}

function estimateLambda(
  patterns: Patterns,
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  active: readonly number[],
  options: { maxIterations: number; tolerance: number },
): number {
  let lambda = 0.3;
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    let matchMass = 0;
    let totalMass = 0;
    patterns.vectors.forEach((vector, p) => {
      const { lm, lu } = likelihoods(vector, m, u, active);
      const count = patterns.counts[p]!;
      matchMass += (count * lambda * lm) / (lambda * lm + (1 - lambda) * lu);
      totalMass += count;
    });
    const next = Math.min(Math.max(matchMass / totalMass, 1e-9), 1 - 1e-9);
    const change = Math.abs(next - lambda);
    lambda = next;
    if (change < options.tolerance) break;
  }
  return lambda;
}

/** log2 Bayes factor of one comparison vector plus the prior log-odds. */
export function matchWeight(model: MatchModel, vector: ArrayLike<number>): number {
  let weight = Math.log2(model.lambda / (1 - model.lambda));
  for (let k = 0; k < model.comparisons.length; k++) {
    const level = vector[k]!;
    if (level === 0) continue;
    weight += Math.log2(model.m[k]![level]! / model.u[k]![level]!);
  }
  return weight;
}

export function matchProbability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}
