import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../kernel/util/random';
import { bootstrapCurves, curveIntervals } from './bootstrap';
import { censorForStock, isUnavailable } from './censor';
import { type CurveDay, fitHillCurve, fittedRevenue } from './fit';
import type { HillParams } from './hill';
import { fitBrandCurves } from './pooled';

function campaignDays(mean: number, p: HillParams, spread: number, seed: number): CurveDay[] {
  const rand = seededRandom(seed);
  const spend = Array.from({ length: 120 }, (_, t) =>
    Math.round(mean * (1 + spread * Math.sin(t / 5 + seed)) * (0.95 + 0.1 * rand())),
  );
  const revenue = fittedRevenue(spend, p);
  return spend.map((s, t) => ({
    spendMinor: s,
    revenueMinor: Math.round(revenue[t]! * (0.93 + 0.14 * rand())),
  }));
}

describe('brand curves pooled', () => {
  it('gives a campaign whose spend never moved the brand’s relative half-saturation', () => {
    const campaigns = [1, 2, 3, 4].map((k) => ({
      id: `c${k}`,
      days: campaignDays(k * 10_000, { top: k * 50_000, halfSat: k * 15_000, shape: 1, decay: 0.3 }, 0.6, k),
    }));
    const flat = {
      id: 'flat',
      days: campaignDays(20_000, { top: 90_000, halfSat: 30_000, shape: 1, decay: 0.3 }, 0, 9),
    };
    const brand = fitBrandCurves([...campaigns, flat]);
    expect(brand.pooled!.relHalfSat).toBeCloseTo(1.5, 0);
    const fit = brand.fits.get('flat');
    if (!fit?.ok) throw new Error('flat campaign not fitted');
    expect(Math.abs(fit.curve.params.halfSat / 30_000 - 1)).toBeLessThan(0.2);
    expect(fit.curve.pooled).toBe(true);
  });
});

describe('bootstrap intervals', () => {
  it('bracket the planted marginal ROAS and half-saturation spend', () => {
    const planted: HillParams = { top: 200_000, halfSat: 40_000, shape: 1, decay: 0.2 };
    const days = campaignDays(40_000, planted, 0.6, 5);
    const fit = fitHillCurve(days);
    if (!fit.ok) throw new Error(fit.reason);
    const samples = bootstrapCurves(days, fit.curve, { samples: 60 });
    const i = curveIntervals(samples, fit.curve.params, 40_000);
    expect(i.halfSat.low).toBeLessThan(40_000);
    expect(i.halfSat.high).toBeGreaterThan(40_000);
    expect(i.marginalRoas.low).toBeLessThan(1.25);
    expect(i.marginalRoas.high).toBeGreaterThan(1.25);
    expect(i.revenue.high).toBeGreaterThan(i.revenue.low);
  });
});

describe('stock censoring', () => {
  it('censors days when a material share of what the campaign sells was out or nearly', () => {
    const days = [1, 2, 3].map(() => ({ spendMinor: 100, revenueMinor: 300 }));
    const out = censorForStock(days, [
      { unavailableShare: 0 },
      { unavailableShare: 0.1 },
      { unavailableShare: 0.6 },
    ]);
    expect(out.map((d) => d.censored ?? false)).toEqual([false, false, true]);
    expect(isUnavailable(0, null)).toBe(true);
    expect(isUnavailable(5, 0.5)).toBe(true);
    expect(isUnavailable(50, 12)).toBe(false);
  });
});
