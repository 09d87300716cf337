import { describe, expect, it } from 'vitest';
import { buildCohorts, monthsBetween, repeatStats } from './cohorts';

describe('buildCohorts', () => {
  it('turns active counts into retention and revenue into cumulative revenue per customer', () => {
    const rows = buildCohorts(
      new Map([['2026-01', 4]]),
      [
        { cohort: '2026-01', monthOffset: 0, activeCustomers: 4, revenueMinor: 10_000 },
        { cohort: '2026-01', monthOffset: 2, activeCustomers: 1, revenueMinor: 3_000 },
      ],
      new Map([['2026-01', 3]]),
    );
    expect(rows).toEqual([
      {
        cohort: '2026-01',
        customers: 4,
        retention: [1, 0, 0.25],
        cumulativeRevenuePerCustomerMinor: [2500, 2500, 3250],
      },
    ]);
  });

  it('cuts a cohort at the months it has been observable', () => {
    const rows = buildCohorts(
      new Map([['2026-03', 2]]),
      [{ cohort: '2026-03', monthOffset: 5, activeCustomers: 1, revenueMinor: 100 }],
      new Map([['2026-03', 2]]),
    );
    expect(rows[0]!.retention).toEqual([0, 0]);
  });
});

it('repeatStats gives the repeat rate and median gaps', () => {
  const s = repeatStats([
    { orders: 1, spanDays: 0, daysToSecond: null },
    { orders: 3, spanDays: 60, daysToSecond: 20 },
    { orders: 2, spanDays: 10, daysToSecond: 10 },
    { orders: 1, spanDays: 0, daysToSecond: null },
  ]);
  expect(s.repeatRate).toBe(0.5);
  expect(s.medianDaysBetweenOrders).toBe(20);
  expect(s.medianDaysToSecondOrder).toBe(15);
});

it('monthsBetween counts calendar months across a year end', () => {
  expect(monthsBetween('2025-11-30', '2026-02-01')).toBe(3);
});
