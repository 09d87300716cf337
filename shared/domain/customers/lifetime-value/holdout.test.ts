import { describe, expect, it } from 'vitest';
import { auc, holdoutMetrics } from './holdout';

describe('auc', () => {
  it('is 1 when every buyer scores above every non-buyer', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
  });

  it('counts ties as half: three of four pairs ordered, one tied', () => {
    // pairs (pos, neg): (0.5,0.1) ✓ (0.5,0.5) ½ (0.9,0.1) ✓ (0.9,0.5) ✓ → 3.5 / 4
    expect(auc([0.1, 0.5, 0.5, 0.9], [false, false, true, true])).toBe(0.875);
  });

  it('is undefined without both classes', () => {
    expect(auc([0.3, 0.4], [true, true])).toBeNull();
  });
});

it('holdoutMetrics sums, averages the absolute error and scores P(alive)', () => {
  const m = holdoutMetrics([0.5, 1.5, 2], [0, 2, 1], [0.2, 0.9, 0.6]);
  expect(m.predictedRepeatPurchases).toBe(4);
  expect(m.actualRepeatPurchases).toBe(3);
  expect(m.mae).toBeCloseTo((0.5 + 0.5 + 1) / 3, 12);
  expect(m.aucPAlive).toBe(1);
  expect(m.aucExpectedPurchases).toBe(1);
});
