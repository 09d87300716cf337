/**
 * Scores for a time-split holdout: the model is fitted on the calibration window and its
 * predictions for the holdout window are compared with what customers actually did.
 */

export interface HoldoutMetrics {
  readonly customers: number;
  readonly predictedRepeatPurchases: number;
  readonly actualRepeatPurchases: number;
  /** Mean absolute error of the per-customer predicted purchase count. */
  readonly mae: number;
  /** Area under the ROC curve of P(alive) against "bought again in the holdout"; null without both classes. */
  readonly aucPAlive: number | null;
  /**
   * The same AUC for the expected holdout purchases. BG/NBD gives every one-order customer
   * P(alive) = 1 whatever their age, so P(alive) alone ranks the many one-timers above repeat
   * buyers; the expected count also weighs how often a customer buys, and ranks far better.
   */
  readonly aucExpectedPurchases: number | null;
}

export function holdoutMetrics(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  pAlive: ArrayLike<number>,
): HoldoutMetrics {
  const n = predicted.length;
  if (actual.length !== n || pAlive.length !== n) throw new RangeError('holdout arrays differ in length');
  let p = 0;
  let a = 0;
  let err = 0;
  const boughtAgain: boolean[] = new Array(n);
  for (let i = 0; i < n; i++) {
    p += predicted[i] as number;
    a += actual[i] as number;
    err += Math.abs((predicted[i] as number) - (actual[i] as number));
    boughtAgain[i] = (actual[i] as number) > 0;
  }
  return {
    customers: n,
    predictedRepeatPurchases: p,
    actualRepeatPurchases: a,
    mae: n > 0 ? err / n : 0,
    aucPAlive: auc(pAlive, boughtAgain),
    aucExpectedPurchases: auc(predicted, boughtAgain),
  };
}

/**
 * AUC as the Mann–Whitney statistic: the probability that a random positive scores above a random
 * negative, ties counting half (average ranks), in O(n log n).
 */
export function auc(scores: ArrayLike<number>, positive: readonly boolean[]): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (scores[i] as number) - (scores[j] as number),
  );
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (positive[order[k] as number]) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Why the holdout has no AUC, in words, or null when it has one. An AUC ranks the customers who
 * bought again in the holdout against those who did not, so it needs some of each: with repeat
 * purchase counts never negative, none bought again exactly when the holdout saw no repeat
 * purchase, and otherwise a missing AUC means every customer bought again.
 */
export function missingAucReason(
  m: Pick<HoldoutMetrics, 'customers' | 'actualRepeatPurchases' | 'aucPAlive' | 'aucExpectedPurchases'>,
): string | null {
  if (m.aucPAlive !== null && m.aucExpectedPurchases !== null) return null;
  if (m.customers === 0) return 'no customer had bought before the holdout, so there is no one to rank';
  const needs = 'an AUC ranks those who bought again against those who did not';
  if (m.actualRepeatPurchases === 0)
    return m.customers === 1
      ? `the one customer did not buy again in the holdout, and ${needs}`
      : `none of the ${m.customers} customers bought again in the holdout, and ${needs}`;
  return m.customers === 1
    ? `the one customer bought again in the holdout, and ${needs}`
    : `all ${m.customers} customers bought again in the holdout, and ${needs}`;
}

/**
 * What an AUC says about the model, for a merchant: 0.5 is a coin toss, below it the score ranks
 * the customers who bought again *below* those who did not. Bands after the usual reading of a
 * ROC area (Hosmer & Lemeshow: 0.7–0.8 acceptable, 0.8 and up excellent); a band under 0.6 says
 * "hardly better than a coin toss" rather than praising a rank that chance gets close to.
 */
export const AUC_VERDICTS = ['worse_than_chance', 'chance', 'fair', 'good', 'strong'] as const;
export type AucVerdict = (typeof AUC_VERDICTS)[number];

export function aucVerdict(auc: number): AucVerdict {
  if (auc < 0.5) return 'worse_than_chance';
  if (auc < 0.6) return 'chance';
  if (auc < 0.7) return 'fair';
  if (auc < 0.8) return 'good';
  return 'strong';
}
