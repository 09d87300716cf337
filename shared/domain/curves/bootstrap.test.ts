import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../kernel/util/random';
import { bootstrapCurves, curveIntervals, intervalAround, intervalOf } from './bootstrap';
import { type CurveDay, type CurvePrior, fitHillCurve, fittedRevenue } from './fit';
import { type HillParams, marginalRoasAt } from './hill';

const planted: HillParams = { top: 400_000, halfSat: 60_000, shape: 1.3, decay: 0.4 };
const SPEND = 50_000;

/** 90 days of weekly budget steps around 50k, revenue from `planted` with ±`noise` (triangular). */
function noisyDays(noise: number, seed: number): CurveDay[] {
  const rand = seededRandom(seed);
  const spend: number[] = [];
  let level = SPEND;
  for (let t = 0; t < 90; t++) {
    if (t % 7 === 0) level = SPEND * (0.7 + 0.6 * rand());
    spend.push(Math.round(level * (0.9 + 0.2 * rand())));
  }
  const revenue = fittedRevenue(spend, planted);
  return spend.map((s, t) => ({
    spendMinor: s,
    revenueMinor: Math.round(Math.max(0, revenue[t]! * (1 + noise * (rand() * 2 - 1 + rand() * 2 - 1)))),
  }));
}

describe('a curve’s intervals hold its own point', () => {
  it('prints marginal ROAS inside its 80% interval where the refits’ percentiles leave it out', () => {
    // A noisy campaign (R² about 0.1) regularised towards a brand curve flatter than its own, as
    // every demo campaign is pooled: refits of its fitted revenue are pulled towards the prior
    // once more, and mostly centre below the fit's slope.
    const days = noisyDays(0.6, 8);
    const fit = fitHillCurve(days, { prior: { relHalfSat: 4, shape: 0.6, decay: 0.4 } });
    if (!fit.ok) throw new Error(fit.reason);
    const point = marginalRoasAt(fit.curve.params, SPEND);
    const samples = bootstrapCurves(days, fit.curve, { samples: 30 });
    const percentiles = intervalOf(samples.map((s) => marginalRoasAt(s, SPEND)));
    // The old card's construction: the point (2.12) above its own 80% interval (1.30–1.90).
    expect(point).toBeGreaterThan(percentiles.high);
    const i = curveIntervals(samples, fit.curve.params, SPEND).marginalRoas;
    expect(i.mid).toBe(point);
    expect(i.low).toBeLessThan(point);
    expect(i.high).toBeGreaterThan(point);
    // Same spread as the refits, as factors of their median.
    expect(i.high / i.low).toBeCloseTo(percentiles.high / percentiles.low, 10);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'holds the point for marginal ROAS, revenue and half-saturation (seed %i)',
    (seed) => {
      const days = noisyDays(0.6, seed);
      const fit = fitHillCurve(days);
      if (!fit.ok) throw new Error(fit.reason);
      const p = fit.curve.params;
      const i = curveIntervals(bootstrapCurves(days, fit.curve, { samples: 30 }), p, SPEND);
      for (const [name, at] of Object.entries(i)) {
        expect(at.low, name).toBeLessThanOrEqual(at.mid);
        expect(at.high, name).toBeGreaterThanOrEqual(at.mid);
        expect(at.low, name).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it('refits a pooled curve with the prior it was fitted with, so the refits centre on its point', () => {
    // A prior far from the data: twice the half-saturation and a flatter shape than planted.
    const prior: CurvePrior = { relHalfSat: 4, shape: 0.6, decay: 0.4 };
    const days = noisyDays(0.6, 3);
    const fit = fitHillCurve(days, { prior });
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.curve.penalty?.prior).toEqual(prior);
    const point = fit.curve.params.halfSat;
    const median = (curve: Parameters<typeof bootstrapCurves>[1]) =>
      intervalOf(bootstrapCurves(days, curve, { samples: 30 }).map((s) => s.halfSat)).mid;
    const pooled = median(fit.curve);
    const unpooled = median({ params: fit.curve.params });
    expect(Math.abs(Math.log(pooled / point))).toBeLessThan(Math.abs(Math.log(unpooled / point)));
  });
});

describe('intervalAround', () => {
  it('lays the refits’ spread around the point as factors, or as amounts', () => {
    const values = [1, 2, 2, 4, 8];
    expect(intervalOf(values)).toEqual({ low: 1, mid: 2, high: 8 });
    expect(intervalAround(3, values, 'ratio')).toEqual({ low: 1.5, mid: 3, high: 12 });
    expect(intervalAround(3, values, 'difference')).toEqual({ low: 2, mid: 3, high: 9 });
    expect(intervalAround(-5, [-10, -6, -6, -1, 0], 'difference')).toEqual({ low: -9, mid: -5, high: 1 });
  });

  it('keeps a ratio-scale low end at zero when refits reach zero', () => {
    expect(intervalAround(2, [0, 0, 1, 3, 5], 'ratio')).toEqual({ low: 0, mid: 2, high: 10 });
    expect(intervalAround(2, [0, 0, 0, 3, 5], 'ratio')).toEqual({ low: 0, mid: 2, high: 7 });
  });
});
