import { describe, expect, it } from 'vitest';
import type { BudgetCurves } from '../api/schemas';
import { createFormat } from '../format';
import {
  fitDays,
  judgedSearch,
  planApiQuery,
  planInputsFromSearch,
  planSearch,
  planSummary,
  profitOrLoss,
  roasOf,
  spendChange,
} from './budget-plan-view';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const search = (s: string) => new URLSearchParams(s);

describe('the budget plan’s inputs in the URL', () => {
  it('reads a typed budget in the currency’s major units and sends it to the API in minor units', () => {
    const inputs = planInputsFromSearch(search('budget=3500.5&objective=revenue&target=3.2'), 'USD');
    expect(inputs).toEqual({ budgetMinor: 350_050, objective: 'revenue', targetRoas: 3.2 });
    expect(planApiQuery(inputs)).toBe('?budget=350050&objective=revenue&targetRoas=3.2&points=false');
    expect(planSearch(inputs, 'USD')).toBe('?budget=3500.50&objective=revenue&target=3.2');
  });

  it('keeps a zero-decimal currency whole', () => {
    const inputs = planInputsFromSearch(search('budget=12000'), 'JPY');
    expect(inputs.budgetMinor).toBe(12_000);
    expect(planSearch(inputs, 'JPY')).toBe('?budget=12000');
  });

  it.each([
    ['nothing', ''],
    ['a budget that is not an amount', 'budget=lots'],
    ['a budget of zero', 'budget=0'],
    ['a negative budget', 'budget=-5'],
  ])('falls back to today’s budget on profit for %s', (_, query) => {
    const inputs = planInputsFromSearch(search(query), 'USD');
    expect(inputs).toEqual({ budgetMinor: null, objective: 'profit', targetRoas: null });
    expect(planSearch(inputs, 'USD')).toBe('');
    // The page draws no curve: it asks for none of their points.
    expect(planApiQuery(inputs)).toBe('?points=false');
  });

  it('reads a ROAS target only with the revenue objective, and only above zero', () => {
    expect(planInputsFromSearch(search('target=3'), 'USD').targetRoas).toBeNull();
    expect(planInputsFromSearch(search('objective=revenue&target=-1'), 'USD').targetRoas).toBeNull();
    expect(planInputsFromSearch(search('objective=revenue'), 'USD')).toEqual({
      budgetMinor: null,
      objective: 'revenue',
      targetRoas: null,
    });
  });
});

describe('the budget plan’s figures in words', () => {
  it('writes a change of daily spend with its sign and share, and none as "no change"', () => {
    expect(spendChange({ currentSpendMinor: 20_000, proposedSpendMinor: 24_000 }, fmt)).toBe(
      '+$40.00 (+20%)',
    );
    expect(spendChange({ currentSpendMinor: 20_000, proposedSpendMinor: 16_000 }, fmt)).toBe(
      '-$40.00 (-20%)',
    );
    expect(spendChange({ currentSpendMinor: 0, proposedSpendMinor: 5_000 }, fmt)).toBe('+$50.00');
    expect(spendChange({ currentSpendMinor: 7_000, proposedSpendMinor: 7_000 }, fmt)).toBe('no change');
  });

  it('has no ROAS at zero spend', () => {
    expect(roasOf(30_000, 10_000)).toBe(3);
    expect(roasOf(30_000, 0)).toBeNull();
  });

  it('sums the plan up from its own figures and its note', () => {
    const plan = {
      allocatedMinor: 181_794,
      budgetMinor: 310_783,
      todayBudgetMinor: 200_000,
      note: 'spending less than the budget keeps the total ROAS at the 3 target',
      unplaced: null,
      rows: [{}, {}],
      totals: {
        currentRevenueMinor: 500_000,
        proposedRevenueMinor: 520_000,
        currentProfitMinor: 100_000,
        proposedProfitMinor: 104_000,
      },
    } as unknown as BudgetCurves;
    expect(planSummary(plan, fmt)).toEqual([
      'The curves place $1,817.94 of the $3,107.83 daily budget across 2 campaigns; today they spend $2,000.00. Spending less than the budget keeps the total ROAS at the 3 target.',
      'Revenue the campaigns are expected to bring: $5,000.00 a day today → $5,200.00 a day with the plan.',
      'What that revenue earns after the ad spend (its margin after product and fulfilment costs, minus what the campaigns spend): $1,000.00 a day today → $1,040.00 a day with the plan; $40.00 a day better with the plan. Only the sales credited to these campaigns count, not the whole store’s.',
    ]);
    // Today's budget placed in full: said once.
    expect(planSummary({ ...plan, budgetMinor: 200_000, allocatedMinor: 200_000, note: null }, fmt)[0]).toBe(
      'The curves split today’s $2,000.00 daily budget across 2 campaigns.',
    );
    // A budget left unplaced: the unplaced words beside the summary say how much and why, not this line.
    expect(planSummary({ ...plan, unplaced: {} as NonNullable<BudgetCurves['unplaced']> }, fmt)[0]).toBe(
      'A daily budget of $3,107.83 across 2 campaigns; today they spend $2,000.00.',
    );
    // Today's own budget, partly unplaced (stock holds campaigns): named once, not "today they spend" the same.
    expect(
      planSummary(
        { ...plan, budgetMinor: 200_000, unplaced: {} as NonNullable<BudgetCurves['unplaced']> },
        fmt,
      )[0],
    ).toBe('Today’s daily budget of $2,000.00 across 2 campaigns.');
  });

  it('writes a loss as a loss, never as a bare minus the whole store might seem to lose', () => {
    const plan = {
      allocatedMinor: 200_000,
      budgetMinor: 200_000,
      todayBudgetMinor: 200_000,
      note: null,
      unplaced: null,
      rows: [{}],
      totals: {
        currentRevenueMinor: 400_000,
        proposedRevenueMinor: 390_000,
        currentProfitMinor: -99_098,
        proposedProfitMinor: -12_000,
      },
    } as unknown as BudgetCurves;
    const [placed, , profit] = planSummary(plan, fmt);
    expect(placed).toBe('The curves split today’s $2,000.00 daily budget across 1 campaign.');
    expect(profit).toContain(
      ': a loss of $990.98 a day today → a loss of $120.00 a day with the plan; $870.98 a day better',
    );
    expect(profit).not.toMatch(/-\$|−\$/);
    const worse = planSummary({ ...plan, totals: { ...plan.totals, proposedProfitMinor: -100_000 } }, fmt)[2];
    expect(worse).toContain('→ a loss of $1,000.00 a day with the plan; $9.02 a day worse with the plan.');
    expect(profitOrLoss(0, fmt)).toBe('break-even');
    expect(profitOrLoss(6_490, fmt)).toBe('$64.90');
  });

  it('carries the judged days into a campaign link as the period, and none when nothing was judged', () => {
    expect(judgedSearch({ judgedDays: { from: '2026-11-23', to: '2026-12-06' } })).toBe(
      '?from=2026-11-23&to=2026-12-06',
    );
    expect(judgedSearch({ judgedDays: null })).toBe('');
  });

  it('gives the days the curves were fitted on, earliest to latest', () => {
    const curve = (window: { from: string; to: string } | null) => ({ window });
    expect(
      fitDays({
        curves: [
          curve({ from: '2026-08-01', to: '2026-11-30' }),
          curve(null),
          curve({ from: '2026-07-15', to: '2026-11-29' }),
        ],
      } as unknown as BudgetCurves),
    ).toEqual({ from: '2026-07-15', to: '2026-11-30' });
    expect(fitDays({ curves: [] })).toBeNull();
  });
});
