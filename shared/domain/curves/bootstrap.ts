import { seededRandom } from '../../kernel/util/random';
import {
  type CurveDay,
  type FittedCurve,
  fittedRevenue,
  prepareDays,
  solveForDecay,
  WEIGHT_POWER,
} from './fit';
import { type HillParams, marginalRoasAt, revenueAt } from './hill';

/**
 * Uncertainty by a moving-block residual bootstrap (Künsch 1989): resample the fit's residuals in
 * blocks of a week, so their day-to-day correlation and weekly rhythm survive, add them to the
 * fitted revenue, and refit (carry-over held at its fitted value, which keeps it cheap). Seeded, so
 * the same data gives the same intervals.
 *
 * A refit is the fit's own estimator: a curve regularised towards the brand's pooled curve is
 * refitted with the same prior pull (`curve.penalty`), so the refits vary the quantity the point
 * estimates, not an unpooled cousin of it (decision 991).
 */
export interface Interval {
  low: number;
  mid: number;
  high: number;
}

export interface BootstrapOptions {
  samples?: number;
  block?: number;
  seed?: number;
}

export function bootstrapCurves(
  days: readonly CurveDay[],
  curve: Pick<FittedCurve, 'params' | 'penalty'>,
  options: BootstrapOptions = {},
): HillParams[] {
  const { params, penalty } = curve;
  const p = prepareDays(days);
  const fitted = fittedRevenue(p.spend, params);
  // The fit weighs days as if revenue's variance grows with its mean (fit.ts WEIGHT_POWER): a
  // residual is resampled in units of its own day's spread and laid on another day in that day's,
  // so a big day's miss never lands whole on a small day.
  const meanFitted = p.used.reduce((s, i) => s + fitted[i]!, 0) / Math.max(1, p.used.length);
  const spread = (i: number) =>
    meanFitted > 0 ? Math.sqrt(Math.max(0.05, fitted[i]! / meanFitted) ** WEIGHT_POWER) : 1;
  const residuals = p.used.map((i) => (p.revenue[i]! - fitted[i]!) / spread(i));
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
        revenue[i] = Math.max(0, fitted[i]! + spread(i) * residuals[from + j]!);
      }
    }
    out.push(solveForDecay({ ...p, revenue }, params.decay, start, penalty).params);
  }
  return out;
}

const percentile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? Number.NaN;

/**
 * The 10th, 50th and 90th percentiles of the values: an 80 % interval of a quantity that has no
 * point estimate of its own to be printed beside.
 */
export function intervalOf(values: readonly number[]): Interval {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { low: percentile(s, 0.1), mid: percentile(s, 0.5), high: percentile(s, 0.9) };
}

/**
 * An 80 % interval around a point estimate, holding it by construction (decision 991): the
 * bootstrap refits' 10th and 90th percentiles measured from their median, laid around `point`.
 * The plain percentile interval assumes the estimator is median-unbiased; a saturating curve fitted
 * to noisy days is not (its refits' marginal ROAS mostly centre below the fit's), and then the
 * fit's own value can fall outside it. `scale: 'ratio'` lays the spread as factors (positive,
 * right-skewed quantities: marginal ROAS, revenue, half-saturation; the low end stays positive),
 * `'difference'` as amounts (profit, which may be negative). `mid` is the point.
 */
export function intervalAround(
  point: number,
  values: readonly number[],
  scale: 'ratio' | 'difference',
): Interval {
  const { low, mid, high } = intervalOf(values);
  if (!Number.isFinite(point) || !Number.isFinite(mid))
    return { low: Number.NaN, mid: point, high: Number.NaN };
  if (scale === 'ratio' && point > 0 && mid > 0)
    // A refit at zero (a concave curve's slope can collapse) keeps the low end at zero.
    return { low: point * Math.max(0, low / mid), mid: point, high: point * (high / mid) };
  // Amounts; for a ratio-scale quantity whose point or refits' median is zero, from zero.
  return { low: scale === 'ratio' ? 0 : point + (low - mid), mid: point, high: point + (high - mid) };
}

/** Half-saturation spend, marginal ROAS and revenue at `dailySpend`, each around the fit's value. */
export function curveIntervals(samples: readonly HillParams[], fit: HillParams, dailySpend: number) {
  return {
    halfSat: intervalAround(
      fit.halfSat,
      samples.map((s) => s.halfSat),
      'ratio',
    ),
    marginalRoas: intervalAround(
      marginalRoasAt(fit, dailySpend),
      samples.map((s) => marginalRoasAt(s, dailySpend)),
      'ratio',
    ),
    revenue: intervalAround(
      revenueAt(fit, dailySpend),
      samples.map((s) => revenueAt(s, dailySpend)),
      'ratio',
    ),
  };
}
