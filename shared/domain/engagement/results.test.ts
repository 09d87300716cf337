import { describe, expect, it } from 'vitest';
import { engagementResults, type RecipientOutcome } from './results';

const treated = (
  customerId: string,
  variantId: string,
  clicked = false,
  opened = false,
): RecipientOutcome => ({
  customerId,
  group: 'treated',
  variantId,
  sent: true,
  delivered: false,
  opened,
  clicked,
  unsubscribed: false,
});
const holdout = (customerId: string): RecipientOutcome => ({
  ...treated(customerId, 'x'),
  group: 'holdout',
  variantId: null,
  sent: false,
});

describe('engagementResults', () => {
  it('counts clicks from the send records and orders from links by utm_content', () => {
    const r = engagementResults(
      [treated('c1', 'a', true), treated('c2', 'a'), treated('c3', 'b', true)],
      [{ customerId: 'c1', orders: 1, revenueMinor: 1_000 }],
      [
        // A forwarded link: an order by someone who was not sent the message still counts.
        { content: 'a', orders: 2, revenueMinor: 4_500 },
        { content: 'b', orders: 1, revenueMinor: 900 },
        // Tagged by hand or by another step: not a variant's.
        { content: null, orders: 3, revenueMinor: 9_999 },
      ],
    );
    expect(r.variants.map((v) => [v.variantId, v.clicked, v.orders, v.fromLinks])).toEqual([
      ['a', 1, 1, { orders: 2, revenueMinor: 4_500 }],
      ['b', 1, 0, { orders: 1, revenueMinor: 900 }],
    ]);
  });

  it('has no orders from links when none are given', () => {
    const [v] = engagementResults([treated('c1', 'a')], []).variants;
    expect(v?.fromLinks).toEqual({ orders: 0, revenueMinor: 0 });
  });

  it('counts opens per variant from the send records', () => {
    const r = engagementResults(
      [
        treated('c1', 'a', false, true),
        treated('c2', 'a', true, true),
        treated('c3', 'a'),
        treated('c4', 'b'),
      ],
      [],
    );
    expect(r.variants.map((v) => [v.variantId, v.sent, v.opened, v.clicked])).toEqual([
      ['a', 3, 2, 1],
      ['b', 1, 0, 0],
    ]);
  });

  it('counts messages per row but each customer once in customers, orders, revenue and lift (automation runs)', () => {
    // c1 went through the automation twice (two runs of step 1) and got step 2 once; c2 got step 1.
    const r = engagementResults(
      [
        treated('c1', 'step-1', true, true),
        treated('c1', 'step-1'),
        treated('c1', 'step-2', false, true),
        treated('c2', 'step-1'),
        holdout('h1'),
        holdout('h1'),
        holdout('h2'),
      ],
      [
        { customerId: 'c1', orders: 2, revenueMinor: 6_000 },
        { customerId: 'c2', orders: 1, revenueMinor: 1_000 },
        { customerId: 'h1', orders: 1, revenueMinor: 2_000 },
      ],
    );
    // Holdout: 2 customers, 2,000 → 1,000 per customer.
    expect(r.holdout).toEqual({
      customers: 2,
      orders: 1,
      revenueMinor: 2_000,
      revenuePerCustomerMinor: 1_000,
    });
    expect(r.treated).toEqual({
      customers: 2,
      orders: 3,
      revenueMinor: 7_000,
      revenuePerCustomerMinor: 3_500,
    });
    expect(r.incrementalRevenueMinor).toBe(7_000 - 2 * 1_000);
    expect(
      r.variants.map((v) => [
        v.variantId,
        v.sent,
        v.opened,
        v.clicked,
        v.customers,
        v.revenueMinor,
        v.incrementalRevenueMinor,
      ]),
    ).toEqual([
      ['step-1', 3, 1, 1, 2, 7_000, 5_000],
      ['step-2', 1, 1, 0, 1, 6_000, 5_000],
    ]);
  });

  it('orders rows step-2 before step-10', () => {
    const r = engagementResults(
      [treated('c1', 'step-10'), treated('c1', 'step-2'), treated('c1', 'step-1')],
      [],
    );
    expect(r.variants.map((v) => v.variantId)).toEqual(['step-1', 'step-2', 'step-10']);
  });
});
