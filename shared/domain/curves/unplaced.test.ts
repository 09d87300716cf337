import { describe, expect, it } from 'vitest';
import type { HillParams } from './hill';
import { type AllocationCampaign, allocateBudget, spendBounds } from './optimise';

/** Concave Hill curves R = top·x / (x + K) with K = 10k: spend for revenue R is K·R / (top − R). */
const concave = (top: number): HillParams => ({ top, halfSat: 10_000, shape: 1, decay: 0 });

const campaign = (id: string, current: number, maxRevenueMinor: number | null): AllocationCampaign => ({
  id,
  curve: concave(1_000_000),
  margin: 0.5,
  currentSpendMinor: current,
  // One step is +50 % a day.
  ...spendBounds(current, 0.5, 1_000),
  maxRevenueMinor,
});

describe('a budget the campaigns cannot absorb (decision 1002)', () => {
  it('when stock binds every campaign, says how much is left, that stock holds each, and that no day fits it', () => {
    // Each shelf carries R = 500k a day ⇒ spend ≤ 10k·500k/500k = 10k: 20k placed of 100k.
    const plan = allocateBudget([campaign('a', 20_000, 500_000), campaign('b', 20_000, 500_000)], 100_000);
    expect(plan.allocatedMinor).toBe(20_000);
    expect(plan.unplaced).toEqual({
      amountMinor: 80_000,
      heldByStock: [
        { id: 'a', spendMinor: 10_000 },
        { id: 'b', spendMinor: 10_000 },
      ],
      atStepLimit: [],
      heldByFit: [],
      moreTomorrowMinor: 0,
      // Stock does not grow a step a day: the rest waits for the restock.
      fitsOnDay: null,
    });
  });

  it('counts the days campaigns at their step limit need to take the rest, one step a day', () => {
    // a: 10k today, +50 % a day ⇒ 15k today, 22.5k tomorrow, 33.75k, 50.625k…; b: stock 10k.
    // Budget 60k: 15k + 10k today; 22.5k + 10k on day 1; 33.75k + 10k on day 2; 50.625k + 10k on day 3.
    const held = { ...campaign('c', 5_000, null), heldReason: 'revenue did not follow spend' };
    const plan = allocateBudget([campaign('a', 10_000, null), campaign('b', 20_000, 500_000), held], 65_000);
    expect(plan.allocatedMinor).toBe(15_000 + 10_000 + 5_000);
    expect(plan.unplaced).toEqual({
      amountMinor: 35_000,
      heldByStock: [{ id: 'b', spendMinor: 10_000 }],
      atStepLimit: [{ id: 'a', spendMinor: 15_000, nextDayMinor: 22_500 }],
      heldByFit: [{ id: 'c', spendMinor: 5_000 }],
      moreTomorrowMinor: 7_500,
      // 50.625k + 10k + 5k = 65.625k ≥ 65k on the third day.
      fitsOnDay: 3,
    });
  });

  it('leaves nothing unplaced when the bounds hold the budget, or when a ROAS target chose to spend less', () => {
    expect(allocateBudget([campaign('a', 10_000, null)], 12_000).unplaced).toBeNull();
    const target = allocateBudget([campaign('a', 10_000, null)], 15_000, {
      objective: 'revenue',
      targetRoas: 60,
    });
    expect(target.allocatedMinor).toBeLessThan(15_000);
    expect(target.unplaced).toBeNull();
  });
});
