import { describe, expect, it } from 'vitest';
import { buildCohorts, monthIndex, monthLabel, repeatStats } from './cohorts';

const jan = monthIndex('2026-01-15');

describe('buildCohorts', () => {
  it('turns active counts into retention and revenue into cumulative revenue per customer', () => {
    const rows = buildCohorts(
      [{ cohort: '2026-01', firstMonth: jan, customers: 4 }],
      [
        { cohort: '2026-01', firstMonth: jan, monthOffset: 0, activeCustomers: 4, revenueMinor: 10_000 },
        { cohort: '2026-01', firstMonth: jan, monthOffset: 2, activeCustomers: 1, revenueMinor: 3_000 },
      ],
      jan + 2,
    );
    expect(rows).toEqual([
      {
        cohort: '2026-01',
        customers: 4,
        observedCustomers: [4, 4, 4],
        activeCustomers: [4, 0, 1],
        retention: [1, 0, 0.25],
        cumulativeRevenuePerCustomerMinor: [2500, 2500, 3250],
      },
    ]);
  });

  it("counts a channel's young customers only in the months they have lived through", () => {
    // Two customers from January, two from March; as of March only January's are observable at month 2.
    const rows = buildCohorts(
      [
        { cohort: 'paid_social', firstMonth: jan, customers: 2 },
        { cohort: 'paid_social', firstMonth: jan + 2, customers: 2 },
      ],
      [
        { cohort: 'paid_social', firstMonth: jan, monthOffset: 0, activeCustomers: 2, revenueMinor: 2_000 },
        { cohort: 'paid_social', firstMonth: jan, monthOffset: 2, activeCustomers: 1, revenueMinor: 1_000 },
        {
          cohort: 'paid_social',
          firstMonth: jan + 2,
          monthOffset: 0,
          activeCustomers: 2,
          revenueMinor: 4_000,
        },
      ],
      jan + 2,
    );
    expect(rows[0]!.observedCustomers).toEqual([4, 2, 2]);
    expect(rows[0]!.retention).toEqual([1, 0, 0.5]);
    expect(rows[0]!.cumulativeRevenuePerCustomerMinor).toEqual([1500, 1000, 1500]);
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

it('month indices count calendar months across a year end and print back', () => {
  expect(monthIndex('2026-02-01') - monthIndex('2025-11-30')).toBe(3);
  expect(monthLabel(monthIndex('2025-11-30'))).toBe('2025-11');
});
