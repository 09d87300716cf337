import { describe, expect, it } from 'vitest';
import { auc, aucVerdict, holdoutMetrics, missingAucReason } from './holdout';

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

describe('missingAucReason', () => {
  const scored = { customers: 4, actualRepeatPurchases: 2, aucPAlive: 0.7, aucExpectedPurchases: 0.8 };

  it('says nothing when the holdout has its AUCs', () => {
    expect(missingAucReason(scored)).toBeNull();
  });

  it('says no one bought again when the holdout saw no repeat purchase', () => {
    const m = holdoutMetrics([0.5, 0.2, 0.1], [0, 0, 0], [0.9, 0.5, 0.3]);
    expect(m.aucPAlive).toBeNull();
    expect(missingAucReason(m)).toBe(
      'none of the 3 customers bought again in the holdout, and an AUC ranks those who bought again against those who did not',
    );
  });

  it('says everyone bought again when there is no one who did not', () => {
    const m = holdoutMetrics([0.5, 0.2], [1, 2], [0.9, 0.5]);
    expect(m.aucExpectedPurchases).toBeNull();
    expect(missingAucReason(m)).toMatch(/^all 2 customers bought again in the holdout/);
  });

  it('speaks of one customer as one', () => {
    expect(missingAucReason(holdoutMetrics([0.5], [0], [0.9]))).toMatch(
      /^the one customer did not buy again/,
    );
    expect(missingAucReason(holdoutMetrics([0.5], [3], [0.9]))).toMatch(/^the one customer bought again/);
  });

  it('says there was no one to rank for an empty holdout', () => {
    expect(missingAucReason(holdoutMetrics([], [], []))).toMatch(
      /^no customer had bought before the holdout/,
    );
  });
});

describe('aucVerdict', () => {
  it.each([
    [0.38, 'worse_than_chance'],
    [0.4999, 'worse_than_chance'],
    [0.5, 'chance'],
    [0.59, 'chance'],
    [0.6, 'fair'],
    [0.74, 'good'],
    [0.8, 'strong'],
    [1, 'strong'],
  ] as const)('reads %d as %s', (value, verdict) => {
    expect(aucVerdict(value)).toBe(verdict);
  });

  it('calls a score that ranks the repeat buyers last worse than chance', () => {
    // Two who bought again scored below two who did not: AUC 0.
    const value = auc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])!;
    expect(value).toBe(0);
    expect(aucVerdict(value)).toBe('worse_than_chance');
  });
});
