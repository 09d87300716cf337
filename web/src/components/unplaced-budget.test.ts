import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { unplacedBudgetWords } from './unplaced-budget';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const c = (campaignName: string, spendMinor: number) => ({ id: campaignName, campaignName, spendMinor });

describe('a plan’s unplaced budget in words', () => {
  it('says how much is unplaced, names the campaigns holding it back and what could be done', () => {
    expect(
      unplacedBudgetWords(
        { budgetMinor: 310_783, allocatedMinor: 181_794 },
        {
          amountMinor: 128_989,
          heldByStock: [c('Trail Runner — Prospecting', 0), c('Trail Runner — Retargeting', 1_000)],
          atStepLimit: [{ ...c('Brand Search', 20_000), nextDayMinor: 24_000 }],
          heldByFit: [c('Spark — Trail', 5_000)],
          moreTomorrowMinor: 4_000,
          fitsOnDay: 9,
        },
        fmt,
      ),
    ).toEqual([
      'The curves place $1,817.94 of the $3,107.83 daily budget; $1,289.89 is unplaced, because no campaign can take more today.',
      'Held by what their products’ stock can sell before a restock: Trail Runner — Prospecting and Trail Runner — Retargeting. That money can wait, unspent, until the stock arrives.',
      'At their daily increase limit: Brand Search. They could take $40.00 a day more from tomorrow; raised one step a day, the whole budget fits in 9 days.',
      'Kept at today’s budget because their revenue did not follow their spend: Spark — Trail.',
    ]);
  });

  it('says nothing of a step limit or held curves where there are none', () => {
    const words = unplacedBudgetWords(
      { budgetMinor: 100_000, allocatedMinor: 20_000 },
      {
        amountMinor: 80_000,
        heldByStock: [c('A', 10_000), c('B', 10_000)],
        atStepLimit: [],
        heldByFit: [],
        moreTomorrowMinor: 0,
        fitsOnDay: null,
      },
      fmt,
    );
    expect(words).toHaveLength(2);
    expect(words[1]).toContain('A and B');
  });
});
