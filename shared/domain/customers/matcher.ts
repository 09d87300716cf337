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
  /** The evidence floor a pair must meet whatever its weight (default `corroborated`). */
  floor?: (levels: readonly number[], comparisons: readonly Comparison[]) => boolean;
}

const NAMES = new Set(['firstName', 'lastName']);
const PLACE_OR_BIRTH = new Set(['postcode', 'dateOfBirth', 'address1']);

/**
 * The evidence floor of a person match: the pair agrees, exactly or within a typo, on the
 * postcode, the date of birth or the street address — on one of them when the names agree
 * (exactly, within a typo, or swapped), on one more for each name that disagrees outright or when
 * neither name agrees, and at most on all three (Febrl's true duplicates often have a name
 * replaced; two strangers often share a surname). A shared surname and city is what namesakes
 * and family members have in common, not evidence of one person: without the floor, a brand whose
 * customers are nearly all distinct (Shopify already joins them by email) leaves EM no true
 * matches to learn from, and it learns "same surname, same city" as a match instead (decision 848).
 */
export function corroborated(levels: readonly number[], comparisons: readonly Comparison[]): boolean {
  let namesAgree = 0;
  let namesDisagree = 0;
  let placeOrBirth = 0;
  let streetAgrees = false;
  const differs = new Set<string>();
  for (let k = 0; k < comparisons.length; k++) {
    const { name, levels: labels } = comparisons[k]!;
    const level = levels[k]!;
    if (level === 0) continue;
    if (level === labels.length - 1) differs.add(name);
    if (NAMES.has(name)) {
      if (level === labels.length - 1) namesDisagree++;
      else namesAgree++;
    }
    // Levels 1 and 2 are exact agreement and the closest near-agreement of every comparison.
    const agrees = level === 1 || level === 2;
    if (name === 'address1') streetAgrees = agrees;
    else if (PLACE_OR_BIRTH.has(name) && agrees) placeOrBirth++;
  }
  // "216 Pine Ct" and "246 Pine Ct" are one typo apart in any town: a street counts only when the
  // city and the postcode do not both disagree.
  if (streetAgrees && !(differs.has('city') && differs.has('postcode'))) placeOrBirth++;
  // One agreement when the names agree, one more per name that disagrees or when no name agrees,
  // and at most all three (Febrl's duplicates with both names replaced agree on all of them).
  const needed = Math.min(PLACE_OR_BIRTH.size, 1 + namesDisagree + (namesAgree === 0 ? 1 : 0));
  return placeOrBirth >= needed;
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
  const floor = options.floor ?? corroborated;
  const candidates = candidatePairs(records, rules, options.maxBlockSize);
  const model = options.model ?? trainMatchModel(records, comparisons, rules, candidates, options);
  const vectors = comparisonVectors(records, comparisons, candidates.left, candidates.right);
  const width = comparisons.length;
  const links: ScoredPair[] = [];
  for (let p = 0; p < candidates.left.length; p++) {
    const levels = Array.from(vectors.subarray(p * width, (p + 1) * width));
    const weight = matchWeight(model, levels);
    const probability = matchProbability(weight);
    if (probability >= threshold && floor(levels, comparisons)) {
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
