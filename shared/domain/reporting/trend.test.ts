import { describe, expect, it } from 'vitest';
import { type LocalDate, localDate } from '../time';
import { previousPeriod } from './period';
import { comparisonTrendOf, firstDay, trendOf } from './trend';

const current = { from: localDate('2026-11-08'), to: localDate('2026-11-14') };
const previous = previousPeriod(current);
/** Spend of 100 a day from Nov 4, revenue of 300 a day from Nov 6. */
const spend = new Map<string, number>();
const revenue = new Map<string, number>();
for (let d = 4; d <= 14; d++) spend.set(`2026-11-${String(d).padStart(2, '0')}`, 100);
for (let d = 6; d <= 14; d++) revenue.set(`2026-11-${String(d).padStart(2, '0')}`, 300);
const daily = (day: LocalDate) => ({ spendMinor: spend.get(day) ?? 0, revenueMinor: revenue.get(day) ?? 0 });

describe('previous-period lines', () => {
  it('puts day i of the previous period under day i of this one', () => {
    const points = comparisonTrendOf(current, previous, daily, {
      spend: localDate('2026-11-01'),
      revenue: localDate('2026-11-01'),
    });
    expect(points.map((p) => p.date)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
    ]);
    expect(points).toHaveLength(trendOf(current, daily).length);
  });

  it('leaves a gap, not a zero, on days before the data of that kind begins', () => {
    const points = comparisonTrendOf(current, previous, daily, {
      spend: firstDay(spend),
      revenue: firstDay(revenue),
    });
    expect(points.map((p) => p.spendMinor)).toEqual([null, null, null, 100, 100, 100, 100]);
    expect(points.map((p) => p.revenueMinor)).toEqual([null, null, null, null, null, 300, 300]);
    // ROAS needs both: the day with spend and no revenue series yet is a gap too.
    expect(points.map((p) => p.roas)).toEqual([null, null, null, null, null, 3, 3]);
  });

  it('keeps a real zero on a recorded day (a quiet day is not missing data)', () => {
    const points = comparisonTrendOf(current, previous, () => ({ spendMinor: 0, revenueMinor: 0 }), {
      spend: localDate('2026-01-01'),
      revenue: localDate('2026-01-01'),
    });
    expect(points.every((p) => p.spendMinor === 0 && p.revenueMinor === 0)).toBe(true);
  });

  it("ends the line where a shorter comparison ends (last year's February under a leap February)", () => {
    const feb = { from: localDate('2024-02-01'), to: localDate('2024-02-29') };
    const lastFeb = { from: localDate('2023-02-01'), to: localDate('2023-02-28') };
    const flat = () => ({ spendMinor: 100, revenueMinor: 300 });
    const since = { spend: localDate('2020-01-01'), revenue: localDate('2020-01-01') };
    const points = comparisonTrendOf(feb, lastFeb, flat, since);
    expect(points).toHaveLength(29);
    expect(points[27]).toEqual({ date: '2023-02-28', spendMinor: 100, revenueMinor: 300, roas: 3 });
    expect(points[28]).toEqual({ date: '2023-03-01', spendMinor: null, revenueMinor: null, roas: null });
  });

  it('has no line at all for a brand with no data of that kind', () => {
    const points = comparisonTrendOf(current, previous, daily, { spend: null, revenue: null });
    expect(points.every((p) => p.spendMinor === null && p.revenueMinor === null)).toBe(true);
  });

  it('finds the first day that has data', () => {
    expect(
      firstDay(
        new Map([
          ['2026-11-03', 0],
          ['2026-11-02', 5],
          ['2026-11-01', 0],
        ]),
        (v) => v !== 0,
      ),
    ).toBe('2026-11-02');
    expect(firstDay(new Map<string, number>())).toBeNull();
  });
});
