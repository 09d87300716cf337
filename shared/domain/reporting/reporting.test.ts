import { describe, expect, it } from 'vitest';
import { localDate } from '../time';
import { healthScore } from './health';
import { change, kpiChanges, ratio } from './kpis';
import { previousPeriod, trailingPeriod } from './period';

describe('periods', () => {
  it('the previous period has the same length and ends the day before', () => {
    expect(previousPeriod({ from: localDate('2026-03-01'), to: localDate('2026-03-31') })).toEqual({
      from: '2026-01-29',
      to: '2026-02-28',
    });
  });
  it('a trailing week ends today', () => {
    expect(trailingPeriod(localDate('2026-01-03'), 7)).toEqual({ from: '2025-12-28', to: '2026-01-03' });
  });
});

describe('ratios and changes', () => {
  it.each([
    [10, 0, null],
    [0, 5, 0],
    [15, 10, 1.5],
  ])('ratio(%d, %d) = %s', (a, b, expected) => expect(ratio(a, b)).toBe(expected));

  it.each([
    [120, 100, 0.2],
    [80, 100, -0.2],
    [5, 0, null],
    [null, 5, null],
    [-50, -100, 0.5],
  ])('change from %s to %s... is %s', (cur, prev, expected) => expect(change(cur, prev)).toBe(expected));

  it('changes every KPI at once', () => {
    const base = { spendMinor: 100, revenueMinor: 300, blendedRoas: 3, profitMinor: null, orders: 4 };
    expect(kpiChanges({ ...base, spendMinor: 150, orders: 2 }, base)).toEqual({
      spendMinor: 0.5,
      revenueMinor: 0,
      blendedRoas: 0,
      profitMinor: null,
      orders: -0.5,
    });
  });
});

describe('health score', () => {
  const calm = {
    alerts: { critical: 0, warning: 0, info: 0 },
    recommendations: { critical: 0, high: 0 },
    roas: 4,
    roasTarget: 3,
    revenueChange: 0.1,
  };
  it('is 100 with nothing to do', () => expect(healthScore(calm)).toBe(100));
  it('loses 25 per critical alert, at most 50', () => {
    expect(healthScore({ ...calm, alerts: { critical: 1, warning: 0, info: 0 } })).toBe(75);
    expect(healthScore({ ...calm, alerts: { critical: 5, warning: 0, info: 0 } })).toBe(50);
  });
  it('loses in proportion to a ROAS shortfall and a revenue drop', () => {
    // ROAS 1.5 vs 3 → 10; revenue -10 % → 5.
    expect(healthScore({ ...calm, roas: 1.5, revenueChange: -0.1 })).toBe(85);
  });
  it('cannot look healthy while Shopify is disconnected or an ad platform fails', () => {
    expect(healthScore({ ...calm, brokenIntegrations: ['shopify'] })).toBe(40);
    expect(healthScore({ ...calm, brokenIntegrations: ['meta'] })).toBe(75);
    expect(healthScore({ ...calm, brokenIntegrations: ['shopify', 'meta'] })).toBe(40);
    expect(healthScore({ ...calm, brokenIntegrations: ['meta', 'tiktok', 'google_ads'] })).toBe(50);
  });
  it('never goes below 0', () => {
    expect(
      healthScore({
        alerts: { critical: 9, warning: 9, info: 9 },
        recommendations: { critical: 9, high: 9 },
        roas: 0,
        roasTarget: 3,
        revenueChange: -1,
      }),
    ).toBe(0);
  });
});
