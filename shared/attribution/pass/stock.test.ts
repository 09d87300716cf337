import { describe, expect, it } from 'vitest';
import { localDate } from '../../domain/time';
import { createStockHistory } from './stock';

const asOf = localDate('2026-03-10');
const from = localDate('2026-03-05');
const sold = (date: string, units: number) => ({ date, variant_id: 'v1', units });

describe('stock history for unified rows', () => {
  const stockOf = createStockHistory({
    snapshots: [{ date: '2026-03-06', variant_id: 'v1', available: 40 }],
    levels: [
      { variantId: 'v1', available: 7 },
      { variantId: 'v1', available: 3 },
    ],
    // Two units a day, every day from a week before the range to today.
    dailyUnits: ['02-26', '02-27', '02-28', '03-01', '03-02', '03-03', '03-04']
      .concat(['03-05', '03-06', '03-07', '03-08', '03-09', '03-10'])
      .map((d) => sold(`2026-${d}`, 2)),
    from,
    asOf,
    velocityDays: 7,
  });

  it('uses the live levels (over all locations) today and the snapshot on its day', () => {
    expect(stockOf('v1', asOf)).toEqual({ available: 10, daysOfCover: 5 });
    expect(stockOf('v1', localDate('2026-03-06'))!.available).toBe(40);
  });

  it('carries a day without a snapshot back from the next known day, adding back what sold after it', () => {
    // End of 03-09 = today's 10 + the 2 sold today; 03-07 = 10 + 2 + 2 + 2.
    expect(stockOf('v1', localDate('2026-03-09'))).toEqual({ available: 12, daysOfCover: 6 });
    expect(stockOf('v1', localDate('2026-03-07'))!.available).toBe(16);
    // Before the snapshot, from the snapshot: 03-05 = 40 + 2 sold on 03-06.
    expect(stockOf('v1', localDate('2026-03-05'))!.available).toBe(42);
  });

  it('knows nothing of a variant with neither levels nor snapshots, or of a day outside the history', () => {
    expect(stockOf('v2', asOf)).toBeNull();
    expect(stockOf('v1', localDate('2026-03-11'))).toBeNull();
  });

  it('never carries stock back below zero, and a day with none has no cover left', () => {
    const oversold = createStockHistory({
      snapshots: [],
      levels: [{ variantId: 'v1', available: -3 }],
      dailyUnits: [sold('2026-03-10', -5)],
      from,
      asOf,
      velocityDays: 7,
    });
    expect(oversold('v1', asOf)).toEqual({ available: 0, daysOfCover: 0 });
    expect(oversold('v1', localDate('2026-03-09'))).toEqual({ available: 0, daysOfCover: 0 });
  });
});
