import { describe, expect, it } from 'vitest';
import { localDate } from '../time';
import { type Alignment, spendAlignment } from './alignment';
import { coverByLocation, coverOf, type StockStatus } from './cover';

const asOf = localDate('2026-03-10');
const defaults = { lowCoverDays: 14, overstockCoverDays: 90 };

describe('days of cover and status', () => {
  it('40 units at 5 a day last 8 days: low, out on the 18th', () => {
    expect(coverOf(40, 5, asOf, defaults)).toEqual({
      available: 40,
      daysOfCover: 8,
      stockoutDate: '2026-03-18',
      status: 'low',
    });
  });

  it.each([
    [0, 3, 'stockout'],
    [-2, 3, 'stockout'],
    [2600, 0.4, 'overstock'],
    [300, 5, 'healthy'],
    [14 * 5, 5, 'healthy'],
    [90 * 5, 5, 'healthy'],
    [90 * 5 + 1, 5, 'overstock'],
  ] as const)('%i units at %d a day is %s', (available, rate, status) => {
    expect(coverOf(available, rate, asOf, defaults).status).toBe(status);
  });

  it('stock that never sells is overstock with no finite cover (null, not Infinity)', () => {
    expect(coverOf(12, 0, asOf, defaults)).toEqual({
      available: 12,
      daysOfCover: null,
      stockoutDate: null,
      status: 'overstock',
    });
  });

  it('uses the brand thresholds', () => {
    expect(coverOf(75, 5, asOf, { lowCoverDays: 20, overstockCoverDays: 60 }).status).toBe('low');
    expect(coverOf(400, 5, asOf, { lowCoverDays: 20, overstockCoverDays: 60 }).status).toBe('overstock');
  });

  it('gives cover per location and in total', () => {
    const c = coverByLocation(
      [
        { locationId: 'east', available: 24 },
        { locationId: 'west', available: 0 },
      ],
      2,
      asOf,
      defaults,
    );
    expect(c.total).toMatchObject({ available: 24, daysOfCover: 12, status: 'low' });
    expect(c.locations).toEqual([
      expect.objectContaining({ locationId: 'east', daysOfCover: 12 }),
      expect.objectContaining({ locationId: 'west', status: 'stockout' }),
    ]);
  });
});

describe('alignment with spend', () => {
  it.each([
    ['stockout', 1, 0.001, 'spending_on_stockout'],
    ['stockout', 0, 0, 'aligned'],
    ['low', 5000, 0.2, 'overspending_low_stock'],
    ['low', 100, 0.01, 'aligned'],
    ['overstock', 0, 0, 'underspending_overstock'],
    ['overstock', 9000, 0.3, 'aligned'],
    ['healthy', 9000, 0.3, 'aligned'],
  ] as Array<[StockStatus, number, number, Alignment]>)(
    '%s with spend %i (share %d) is %s',
    (status, spend, share, expected) => {
      expect(spendAlignment(status, spend, share)).toBe(expected);
    },
  );
});
