import { type BlockingRule, candidatePairs, PERSON_BLOCKING_RULES } from './blocking';
import { type Comparison, PERSON_COMPARISONS } from './comparisons';
import {
  comparisonVectors,
  type MatchModel,
  matchProbability,
  matchWeight,
  type TrainOptions,
  trainMatchModel,
} from './fellegi-sunter';
import type { PersonKey } from './person';

/** A scored candidate pair: record indexes (left < right), match weight and probability. */
export interface ScoredPair {
  left: number;
  right: number;
  weight: number;
  probability: number;
  /** Comparison level per comparison, for the evidence shown with a merge. */
  levels: number[];
}

export interface MatchOptions extends TrainOptions {
  /** Pairs at or above this match probability are links (default 0.9). */
  threshold?: number;
  comparisons?: readonly Comparison[];
  rules?: readonly BlockingRule[];
  maxBlockSize?: number;
  /** Use this model instead of training one on the records. */
  model?: MatchModel;
}

export interface MatchResult {
  model: MatchModel;
  candidates: number;
  links: ScoredPair[];
}

/** Blocks, trains (unless given a model) and scores: the pairs of `records` that are the same person. */
export function matchPeople(records: readonly PersonKey[], options: MatchOptions = {}): MatchResult {
  const comparisons = options.comparisons ?? PERSON_COMPARISONS;
  const rules = options.rules ?? PERSON_BLOCKING_RULES;
  const threshold = options.threshold ?? 0.9;
  const candidates = candidatePairs(records, rules, options.maxBlockSize);
  const model = options.model ?? trainMatchModel(records, comparisons, rules, candidates, options);
  const vectors = comparisonVectors(records, comparisons, candidates.left, candidates.right);
  const width = comparisons.length;
  const links: ScoredPair[] = [];
  for (let p = 0; p < candidates.left.length; p++) {
    const levels = Array.from(vectors.subarray(p * width, (p + 1) * width));
    const weight = matchWeight(model, levels);
    const probability = matchProbability(weight);
    if (probability >= threshold) {
      links.push({ left: candidates.left[p]!, right: candidates.right[p]!, weight, probability, levels });
    }
  }
  return { model, candidates: candidates.left.length, links };
}

export interface PairMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of predicted pairs against the true pairs, both as `i|j` with i < j. */
export function pairMetrics(predicted: ReadonlySet<string>, truth: ReadonlySet<string>): PairMetrics {
  let truePositives = 0;
  for (const pair of predicted) if (truth.has(pair)) truePositives++;
  const falsePositives = predicted.size - truePositives;
  const falseNegatives = truth.size - truePositives;
  const precision = predicted.size === 0 ? 0 : truePositives / predicted.size;
  const recall = truth.size === 0 ? 0 : truePositives / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

export function pairKey(i: number, j: number): string {
  return i < j ? `${i}|${j}` : `${j}|${i}`;
}
