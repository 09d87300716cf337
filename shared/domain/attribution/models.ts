import type { AttributionModel } from '../entities/brand';

const DAY_MS = 86_400_000;

export type HeuristicModel = Exclude<AttributionModel, 'data_driven'>;

/**
 * Credit weights for a journey's touches (oldest first) under a rule-based model. Weights are
 * non-negative and sum to 1; the last one absorbs float rounding so the sum is exact.
 */
export function heuristicWeights(
  model: HeuristicModel,
  touchTimes: readonly number[],
  conversionAt: number,
  halfLifeDays = 7,
): number[] {
  const n = touchTimes.length;
  if (n === 0) return [];
  if (n === 1) return [1];
  switch (model) {
    case 'first_touch':
      return touchTimes.map((_, i) => (i === 0 ? 1 : 0));
    case 'last_touch':
      return touchTimes.map((_, i) => (i === n - 1 ? 1 : 0));
    case 'linear':
      return normalize(touchTimes.map(() => 1));
    case 'time_decay':
      // Exponential decay by age at conversion: a touch one half-life older weighs half as much.
      return normalize(touchTimes.map((t) => 2 ** (-(conversionAt - t) / (halfLifeDays * DAY_MS))));
    case 'position_based':
      // "U-shaped": 40% first, 40% last, 20% shared by the middle; two touches split 50/50.
      if (n === 2) return [0.5, 0.5];
      return normalize(touchTimes.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2))));
  }
}

/** Scales to sum 1; all-zero weights become equal shares (nothing to tell the touches apart). */
export function normalize(weights: readonly number[]): number[] {
  let total = 0;
  for (const w of weights) total += w;
  const n = weights.length;
  if (n === 0) return [];
  const out = total > 0 ? weights.map((w) => w / total) : weights.map(() => 1 / n);
  let head = 0;
  for (let i = 0; i < n - 1; i++) head += out[i]!;
  out[n - 1] = Math.max(0, 1 - head);
  return out;
}

/** Touches inside the lookback window: at most `windowDays` before the conversion, not after it. */
export function inWindow(touchAt: number, conversionAt: number, windowDays: number): boolean {
  return touchAt <= conversionAt && conversionAt - touchAt <= windowDays * DAY_MS;
}
