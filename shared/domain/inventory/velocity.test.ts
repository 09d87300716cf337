import { describe, expect, it } from 'vitest';
import { crostonSba, exponentialMean, salesVelocity } from './velocity';

const days = (n: number, units: number) => Array.from({ length: n }, () => units);

describe('sales velocity', () => {
  it('the trailing rate is the mean of the last 30 days only', () => {
    expect(salesVelocity([...days(30, 10), ...days(30, 2)]).trailing30).toBe(2);
  });

  it('a new product is averaged over the days it has', () => {
    expect(salesVelocity(days(10, 3)).trailing30).toBe(3);
  });

  it('the recent-weighted rate weighs yesterday-but-one half as much at a one-day half-life', () => {
    // weights 0.5 and 1: (0 × 0.5 + 4 × 1) / 1.5
    expect(exponentialMean([0, 4], 1)).toBeCloseTo(8 / 3, 12);
  });

  it('the recent-weighted rate is the same to the last bit however its weights were computed before', () => {
    // Weights are kept per half-life and extended as longer series come (decision 987): shorter
    // and longer series, two half-lives interleaved, each exactly the direct sum.
    const direct = (series: number[], halfLife: number) => {
      let num = 0;
      let den = 0;
      series.forEach((u, i) => {
        const w = 2 ** (-(series.length - 1 - i) / halfLife);
        num += w * u;
        den += w;
      });
      return num / den;
    };
    const series = Array.from({ length: 90 }, (_, i) => (i * 7919) % 13);
    for (const length of [3, 30, 1, 90, 45])
      for (const halfLife of [7, 2.5, 7]) {
        const s = series.slice(-length);
        expect(exponentialMean(s, halfLife)).toBe(direct(s, halfLife));
      }
  });

  it('a take-off shows in the recent-weighted rate before the 30-day mean', () => {
    const v = salesVelocity([...days(25, 1), ...days(5, 9)]);
    expect(v.recentWeighted).toBeGreaterThan(v.trailing30);
    expect(v.method).toBe('recent_weighted');
    expect(v.rate).toBe(v.recentWeighted);
  });

  it('Croston–SBA on a hand-worked intermittent series', () => {
    // Demands of 3 on days 3 and 7: z = 3, p = 3, then p = 3 + 0.1 × (4 − 3) = 3.1;
    // SBA = (1 − 0.05) × 3 / 3.1.
    expect(crostonSba([0, 0, 3, 0, 0, 0, 3], 0.1)).toBeCloseTo((0.95 * 3) / 3.1, 12);
  });

  it('an intermittent seller (ADI above 1.32) is rated by SBA', () => {
    const v = salesVelocity([0, 0, 3, 0, 0, 0, 3]);
    expect(v.intermittent).toBe(true);
    expect(v.method).toBe('sba');
    expect(v.rate).toBe(v.sba);
  });

  it('days before the first sale do not make a daily seller look intermittent', () => {
    const v = salesVelocity([...days(60, 0), ...days(30, 5)]);
    expect(v.intermittent).toBe(false);
    expect(v.rate).toBeCloseTo(5, 12);
  });

  it('nothing sold means a zero rate, not a division by zero', () => {
    const v = salesVelocity(days(30, 0));
    expect(v).toMatchObject({ trailing30: 0, recentWeighted: 0, sba: 0, rate: 0, intermittent: false });
    expect(salesVelocity([]).rate).toBe(0);
  });
});
