import { describe, expect, it } from 'vitest';
import { eachDay, type LocalDate, localDate } from '../time';
import { type BrandRollup, type DimensionDay, incompleteComparison } from './rollup';

const current = { from: localDate('2026-11-08'), to: localDate('2026-11-14') };
const previous = { from: localDate('2026-11-01'), to: localDate('2026-11-07') };

/** A rollup with orders and spend on every day of both weeks, attributed rows on the given days. */
function aRollup(attributedDays: readonly LocalDate[], through: LocalDate = current.to): BrandRollup {
  const days = eachDay(previous.from, through);
  const entry = (day: LocalDate): DimensionDay => ({
    day,
    spend: 100,
    revenue: 300,
    profit: 50,
    orders: 1,
    units: 1,
    rows: 1,
    stock: null,
    cover: null,
  });
  const empty = new Map();
  return {
    spend: new Map(days.map((d) => [d, 100])),
    sales: new Map(days.map((d) => [d, { gross: 300, count: 1 }])),
    refunds: empty,
    channel: new Map([['meta', attributedDays.map(entry)]]),
    region: empty,
    product: empty,
    variant: empty,
    stockByVariant: empty,
    channelCampaign: empty,
    campaignProduct: empty,
    campaignVariant: empty,
    regionChannel: empty,
  };
}

describe('comparisons with a thin earlier period', () => {
  it('flags profit when attribution covers one day of the previous week and all of this one', () => {
    const r = aRollup([localDate('2026-11-07'), ...eachDay(current.from, current.to)]);
    expect(incompleteComparison(r, current, previous)).toEqual(['profitMinor']);
  });

  it('flags nothing when both weeks were recorded alike', () => {
    const r = aRollup(eachDay(previous.from, current.to));
    expect(incompleteComparison(r, current, previous)).toEqual([]);
  });

  it('judges a comparison of another length by the share of its days with data', () => {
    // Two weeks compared with the one week before them, fully recorded: 7 of 7 days is as full as 14 of 14.
    const twoWeeks = { from: localDate('2026-11-08'), to: localDate('2026-11-21') };
    const r = aRollup(eachDay(previous.from, twoWeeks.to), twoWeeks.to);
    expect(incompleteComparison(r, twoWeeks, previous)).toEqual([]);
    // Four recorded days of a seven-day comparison (57 %) against a fully recorded fortnight: thin.
    const sparse = aRollup(eachDay(localDate('2026-11-04'), twoWeeks.to), twoWeeks.to);
    expect(incompleteComparison(sparse, twoWeeks, previous)).toEqual(['profitMinor']);
  });
});
