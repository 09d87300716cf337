import { describe, expect, it } from 'vitest';
import { revenueOnCurve } from './response-curve';

describe('revenueOnCurve', () => {
  const points = [
    { spendMinor: 0, revenueMinor: 0 },
    { spendMinor: 1_000, revenueMinor: 4_000 },
    { spendMinor: 2_000, revenueMinor: 6_000 },
  ];

  it('reads a spend between two points on the line joining them', () => {
    expect(revenueOnCurve(points, 1_500)).toBe(5_000);
    expect(revenueOnCurve(points, 250)).toBe(1_000);
  });

  it('reads a point exactly, and holds the ends beyond the drawn curve', () => {
    expect(revenueOnCurve(points, 1_000)).toBe(4_000);
    expect(revenueOnCurve(points, 0)).toBe(0);
    expect(revenueOnCurve(points, 3_000)).toBe(6_000);
  });
});
