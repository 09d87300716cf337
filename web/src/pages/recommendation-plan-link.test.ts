import { describe, expect, it } from 'vitest';
import { aRecommendation } from '../../../test/support/builders';
import { budgetPlanHref } from './recommendations';

const budget = {
  campaignId: 'meta:act_1:c1',
  currentDailySpendMinor: 31_389,
  proposedDailySpendMinor: 37_667,
};

describe('a budget recommendation links the Budget plan', () => {
  it('links the brand’s plan from an open or accepted recommendation that sets a daily budget', () => {
    for (const status of ['open', 'accepted'] as const)
      expect(budgetPlanHref('demo-brand', aRecommendation('b', { status, change: budget }))).toBe(
        '/brands/demo-brand/budget-plan',
      );
  });

  it('links none from one that moves no budget, or from a decided one (the plan is today’s)', () => {
    expect(budgetPlanHref('b', aRecommendation('b', { type: 'promote', change: { productId: 'p' } }))).toBe(
      undefined,
    );
    for (const status of ['dismissed', 'applied', 'expired'] as const)
      expect(budgetPlanHref('b', aRecommendation('b', { status, change: budget }))).toBeUndefined();
  });
});
