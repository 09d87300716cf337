import { describe, expect, it } from 'vitest';
import { engagementResults, type RecipientOutcome } from './results';

const treated = (customerId: string, variantId: string, clicked = false): RecipientOutcome => ({
  customerId,
  group: 'treated',
  variantId,
  sent: true,
  delivered: false,
  clicked,
  unsubscribed: false,
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
});
