import { type CurveDay, type CurveFit, type CurvePrior, type FitOptions, fitHillCurve } from './fit';
import { explainsRevenue } from './qualify';

/**
 * The brand's pooled curve and the per-campaign fits regularised towards it: a two-stage,
 * empirical-Bayes shortcut to the hierarchical priors of Robyn / Meridian. Stage one fits every
 * campaign alone; the pooled curve is the median half-saturation (relative to each campaign's mean
 * spend), shape and carry-over of the fits that explain their data (qualify.ts); stage two refits
 * every campaign with that prior. Fewer than three such fits and there is nothing to pool.
 */
export interface BrandCurves {
  pooled: CurvePrior | null;
  fits: Map<string, CurveFit>;
}

const MIN_POOL = 3;
/** The pooled medians settle long before this many campaigns; beyond it stage one samples evenly. */
const MAX_POOL_SAMPLE = 60;

export function fitBrandCurves(
  campaigns: readonly { id: string; days: readonly CurveDay[] }[],
  options: Omit<FitOptions, 'prior'> = {},
): BrandCurves {
  const every = Math.max(1, Math.ceil(campaigns.length / MAX_POOL_SAMPLE));
  const alone = campaigns
    .filter((_, i) => i % every === 0)
    .map((c) => ({ id: c.id, fit: fitHillCurve(c.days, options) }));
  const good = alone.flatMap((a) => (a.fit.ok && explainsRevenue(a.fit.curve.quality) ? [a.fit.curve] : []));
  if (good.length < MIN_POOL)
    return {
      pooled: null,
      fits: new Map(
        every === 1
          ? alone.map((a) => [a.id, a.fit])
          : campaigns.map((c) => [c.id, fitHillCurve(c.days, options)]),
      ),
    };
  const pooled: CurvePrior = {
    relHalfSat: Math.exp(median(good.map((c) => Math.log(c.params.halfSat / c.meanSpendMinor)))),
    shape: Math.exp(median(good.map((c) => Math.log(c.params.shape)))),
    decay: median(good.map((c) => c.params.decay)),
  };
  return {
    pooled,
    fits: new Map(campaigns.map((c) => [c.id, fitHillCurve(c.days, { ...options, prior: pooled })])),
  };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
