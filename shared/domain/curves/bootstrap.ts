import { seededRandom } from '../../kernel/util/random';
import { type CurveDay, fittedRevenue, type Penalty, prepareDays, solveForDecay } from './fit';
import { type HillParams, marginalRoasAt, revenueAt } from './hill';

/**
 * Uncertainty by a moving-block residual bootstrap (Künsch 1989): resample the fit's residuals in
 * blocks of a week, so their day-to-day correlation and weekly rhythm survive, add them to the
 * fitted revenue, and refit (carry-over held at its fitted value, which keeps it cheap). Seeded, so
 * the same data gives the same intervals.
 */
export interface Interval {
  low: number;
  mid: number;
  high: number;
}

export interface BootstrapOptions {
  /** The fit's prior and residual variance, when it was regularised towards the brand's curve. */
  penalty?: Penalty;
  samples?: number;
  block?: number;
  seed?: number;
}

export function bootstrapCurves(
  days: readonly CurveDay[],
  params: HillParams,
  options: BootstrapOptions = {},
): HillParams[] {
  const p = prepareDays(days);
  const fitted = fittedRevenue(p.spend, params);
  const residuals = p.used.map((i) => p.revenue[i]! - fitted[i]!);
  const block = Math.min(options.block ?? 7, residuals.length);
  const rand = seededRandom(options.seed ?? 23);
  const start: [number, number] = [Math.log(params.halfSat), Math.log(params.shape)];
  const out: HillParams[] = [];
  for (let b = 0; b < (options.samples ?? 40); b++) {
    const revenue = p.revenue.slice();
    for (let k = 0; k < p.used.length; k += block) {
      const from = Math.floor(rand() * (residuals.length - block + 1));
      for (let j = 0; j < block && k + j < p.used.length; j++) {
        const i = p.used[k + j]!;
        revenue[i] = Math.max(0, fitted[i]! + residuals[from + j]!);
      }
    }
    out.push(solveForDecay({ ...p, revenue }, params.decay, start, options.penalty).params);
  }
  return out;
}

/** The 10th, 50th and 90th percentiles: an 80 % interval. */
export function intervalOf(values: readonly number[]): Interval {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (q: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] ?? Number.NaN;
  return { low: at(0.1), mid: at(0.5), high: at(0.9) };
}

export function curveIntervals(samples: readonly HillParams[], dailySpend: number) {
  return {
    halfSat: intervalOf(samples.map((s) => s.halfSat)),
    marginalRoas: intervalOf(samples.map((s) => marginalRoasAt(s, dailySpend))),
    revenue: intervalOf(samples.map((s) => revenueAt(s, dailySpend))),
  };
}
