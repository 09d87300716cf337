import { expect, it } from 'vitest';
import { ltvRoas } from './ltv-roas';

it('a campaign losing money on first orders can clear the target on lifetime value', () => {
  // 10,000 spent for 20 customers whose first orders brought 8,000 and who are expected to
  // spend another 14,000 over the next year.
  const r = ltvRoas({
    spendMinor: 10_000,
    acquiredCustomers: 20,
    firstOrderRevenueMinor: 8_000,
    predictedValue365Minor: 14_000,
    grossMargin: 0.5,
  });
  expect(r.firstOrderRoas).toBe(0.8);
  expect(r.ltvRoas).toBe(2.2);
  expect(r.cacMinor).toBe(500);
  expect(r.ltvPerCustomerMinor).toBe(1100);
  // 1,100 of revenue at 50 % margin is 550 against a CAC of 500.
  expect(r.ltvToCac).toBeCloseTo(1.1, 12);
});

it('has no ratios without spend or acquired customers', () => {
  const r = ltvRoas({
    spendMinor: 0,
    acquiredCustomers: 0,
    firstOrderRevenueMinor: 0,
    predictedValue365Minor: 0,
    grossMargin: null,
  });
  expect(r).toMatchObject({ cacMinor: null, firstOrderRoas: null, ltvRoas: null, ltvToCac: null });
});
