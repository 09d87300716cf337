import { describe, expect, it } from 'vitest';
import { linesWithRevenue, orderRevenueMinor, refundCounts } from './revenue';

const line = (totalMinor: number, variantId = `v${totalMinor}`) => ({
  variantId,
  productId: null,
  quantity: 1,
  totalMinor,
  unitCostMinor: null,
});

describe('revenue definitions', () => {
  // $100.00 of goods after a $10.00 discount, $7.95 shipping, $7.83 tax: the customer paid $105.78.
  const order = { totalMinor: 10_578, shippingMinor: 795, taxMinor: 783 };

  it('order total is what the customer paid, shipping and tax included (as platforms report purchase value)', () => {
    expect(orderRevenueMinor(order, 'order_total')).toBe(10_578);
  });

  it('net sales leaves shipping and tax out', () => {
    expect(orderRevenueMinor(order, 'net_sales')).toBe(9_000);
  });

  it('refunded shipping and tax count against order total only', () => {
    expect(refundCounts('line', 'order_total')).toBe(true);
    expect(refundCounts('other', 'order_total')).toBe(true);
    expect(refundCounts('line', 'net_sales')).toBe(true);
    expect(refundCounts('other', 'net_sales')).toBe(false);
  });

  it('spreads the revenue over the lines by their value, the cent going to the largest remainder', () => {
    // 10,578 × 6,000/9,000 = 7,052.00 and × 3,000/9,000 = 3,526.00; 10,001 splits 6,667.33 / 3,333.67.
    expect(linesWithRevenue([line(6_000), line(3_000)], 10_578).map((l) => l.totalMinor)).toEqual([
      7_052, 3_526,
    ]);
    expect(linesWithRevenue([line(6_000), line(3_000)], 10_001).map((l) => l.totalMinor)).toEqual([
      6_667, 3_334,
    ]);
  });

  it('an order imported with totals only gets one line without a variant', () => {
    expect(linesWithRevenue([], 4_200)).toEqual([
      { variantId: null, productId: null, quantity: 0, totalMinor: 4_200, unitCostMinor: null },
    ]);
  });

  it('free lines share a total evenly rather than losing it', () => {
    expect(linesWithRevenue([line(0, 'a'), line(0, 'b')], 995).map((l) => l.totalMinor)).toEqual([498, 497]);
  });
});
