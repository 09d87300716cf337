import { describe, expect, it } from 'vitest';
import { aRecommendation } from '../../../test/support/builders';
import { plannedChange } from './recommendation-apply';

describe('the change a recommendation will make', () => {
  it.each([
    [{ proposedDailySpendMinor: 0 }, { status: 'paused' }],
    [{ proposedDailySpendMinor: 11_700 }, { dailyBudgetMinor: 11_700 }],
    [{}, {}],
  ])('for %o is %o', (change, planned) => {
    expect(
      plannedChange(aRecommendation('b', { change: { platform: 'meta', campaignId: 'c', ...change } })),
    ).toEqual(planned);
  });
});
