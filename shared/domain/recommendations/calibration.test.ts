import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../entities';
import { calibrationPoints, calibrationSummary, measureOf } from './calibration';

const rec = (over: Partial<Recommendation> & Pick<Recommendation, 'id' | 'dedupeKey'>): Recommendation =>
  ({
    brandId: 'b',
    type: over.dedupeKey.split(':')[0] as Recommendation['type'],
    priority: 'high',
    score: 1,
    title: `rec ${over.id}`,
    action: '',
    reason: '',
    change: {},
    evidence: {},
    expectedImpact: { description: '', model: '', amountMinor: 0 },
    status: 'accepted',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...over,
  }) as Recommendation;

const outcome = (o: Record<string, number>) => ({
  decided_on: '2026-11-10',
  measured_through: '2026-11-17',
  ...o,
});

describe('calibration of recommendations against their measured outcomes', () => {
  it('compares each rule with the quantity it predicted: profit for curve-sized budgets, spend for stock rules', () => {
    expect(measureOf({ dedupeKey: 'reduce_spend:roas:c1' })).toBe('profit_change');
    expect(measureOf({ dedupeKey: 'increase_spend:c2' })).toBe('profit_change');
    expect(measureOf({ dedupeKey: 'pause:c1:p1' })).toBe('spend_avoided');
    expect(measureOf({ dedupeKey: 'reduce_spend:cover:c1:p1' })).toBe('spend_avoided');
    expect(measureOf({ dedupeKey: 'promote:p1' })).toBeNull();
  });

  it('sums predicted and measured effects by hand: 55 % realised, 2 of 3 the predicted way', () => {
    const points = calibrationPoints([
      // predicted +$100.00 profit a week; profit went 500.00 → 620.00: +120.00
      rec({
        id: 'a',
        dedupeKey: 'increase_spend:c1',
        expectedImpact: { description: '', model: '', amountMinor: 10_000 },
        outcome: outcome({ profit_before_minor: 50_000, profit_after_minor: 62_000 }),
      }),
      // predicted +$50.00 profit from a cut; profit went 300.00 → 280.00: −20.00 (wrong way)
      rec({
        id: 'b',
        dedupeKey: 'reduce_spend:roas:c2',
        expectedImpact: { description: '', model: '', amountMinor: 5_000 },
        outcome: outcome({ profit_before_minor: 30_000, profit_after_minor: 28_000 }),
      }),
      // predicted $50.00 of spend avoided; spend went 90.00 → 80.00: 10.00 avoided
      rec({
        id: 'c',
        dedupeKey: 'pause:c3:p1',
        expectedImpact: { description: '', model: '', amountMinor: 5_000 },
        outcome: outcome({ spend_before_minor: 9_000, spend_after_minor: 8_000 }),
      }),
      // not measured yet, and a promote: both left out
      rec({ id: 'd', dedupeKey: 'increase_spend:c4' }),
      rec({
        id: 'e',
        dedupeKey: 'promote:p2',
        outcome: outcome({ profit_before_minor: 0, profit_after_minor: 1 }),
      }),
    ]);
    expect(points.map((p) => [p.id, p.predictedMinor, p.actualMinor])).toEqual([
      ['a', 10_000, 12_000],
      ['b', 5_000, -2_000],
      ['c', 5_000, 1_000],
    ]);
    // Σ predicted 20,000; Σ actual 11,000 → 0.55; errors 2,000 + 7,000 + 4,000 = 13,000 / 3 ≈ 4,333
    expect(calibrationSummary(points)).toEqual({
      measured: 3,
      predictedMinor: 20_000,
      actualMinor: 11_000,
      realisedShare: 0.55,
      directionRight: 2,
      meanAbsoluteErrorMinor: 4_333,
    });
  });

  it('says nothing rather than zero when nothing is measured', () => {
    expect(calibrationSummary([])).toEqual({
      measured: 0,
      predictedMinor: 0,
      actualMinor: 0,
      realisedShare: null,
      directionRight: 0,
      meanAbsoluteErrorMinor: null,
    });
  });
});
