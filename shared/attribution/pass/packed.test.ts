import { describe, expect, it } from 'vitest';
import { creditOrder } from '../../domain/attribution/attribute';
import type { CreditedTouch } from '../../domain/attribution/types';
import type { LineFacts } from '../../domain/performance/types';
import { localDate } from '../../domain/time';
import type { PreparedOrder } from './journeys';
import { createPackedBuilder } from './packed';

/** Orders written into a builder field by field, as prepareOrders writes them. */
function packOrders(orders: readonly PreparedOrder[]) {
  const b = createPackedBuilder(orders.length, 100, 100);
  for (const o of orders) {
    const f = o.facts;
    b.addOrder(f.orderId, f.at, f.date, f.region, f.discountCodes, f.revenueMinor, o.fulfillmentCostMinor);
    for (const t of o.journey) b.addTouch(t.touchId, t.at, b.destinationIndex(t));
    for (const l of o.lines) b.addLine(l.variantId, l.productId, l.quantity, l.totalMinor, l.unitCostMinor);
  }
  return b.finish();
}

const metaClick: Omit<CreditedTouch, 'touchId' | 'at'> = {
  channel: 'paid_social',
  platform: 'meta',
  campaignId: 'meta:act_1:101',
  method: 'click_id',
  confidence: 0.95,
};
const touch = (over: Partial<CreditedTouch>): CreditedTouch => ({
  ...metaClick,
  touchId: 't',
  at: 1,
  ...over,
});
const line = (over: Partial<LineFacts> = {}): LineFacts => ({
  variantId: 'v1',
  productId: 'p1',
  quantity: 2,
  totalMinor: 1999,
  unitCostMinor: 700,
  ...over,
});
const order = (id: string, over: Partial<PreparedOrder> = {}): PreparedOrder => ({
  facts: {
    orderId: id,
    at: Date.parse('2026-03-02T10:00:00.123Z'),
    date: localDate('2026-03-02'),
    region: 'US-CA',
    discountCodes: [],
    revenueMinor: 1999,
  },
  journey: [touch({ touchId: `${id}-t1` })],
  lines: [line()],
  fulfillmentCostMinor: 350,
  ...over,
});

describe('packed orders', () => {
  it('give back every order field for field, in order, whatever is null or shared', () => {
    const orders = [
      order('o1'),
      // Same campaign, another method and confidence: a destination of its own.
      order('o2', {
        journey: [
          touch({ touchId: 'a', at: 10 }),
          touch({ touchId: 'b', at: 20, method: 'utm', confidence: 0.8 }),
          touch({ touchId: 'c', at: 30, channel: 'email', platform: null, campaignId: null, method: 'utm' }),
        ],
        lines: [line({ unitCostMinor: null, productId: null }), line({ variantId: null, totalMinor: -0 })],
        fulfillmentCostMinor: null,
      }),
      // Ids are cut back out of one string per column: an empty id stays apart from a null one,
      // and ids of any length and alphabet come back whole.
      order('ordre-é-№4-a-long-identifier-past-thirteen-characters', {
        journey: [touch({ touchId: '', at: 1 }), touch({ touchId: 'ü', at: 2 })],
      }),
      // The fallback: no touch id, credited at the order's time.
      order('o3', {
        facts: { ...order('o3').facts, region: null, discountCodes: ['SPRING', 'VIP'], revenueMinor: 0 },
        journey: [touch({ touchId: null, at: 5, method: 'discount_code', confidence: 0.6 })],
        lines: [],
      }),
    ];
    const packed = packOrders(orders);
    expect(packed.length).toBe(4);
    expect([...packed]).toStrictEqual(orders);
    // Iterating again gives them again: crediting may only start after the fit.
    expect([...packed]).toStrictEqual(orders);
  });

  it("name each order's last touch and revenue as creditOrder's last_touch credits them", () => {
    const orders = [
      order('o1'),
      order('o2', {
        facts: { ...order('o2').facts, revenueMinor: 1234 },
        journey: [
          touch({ touchId: 'a', at: 10 }),
          touch({ touchId: 'b', at: 20, channel: 'email', platform: null, campaignId: null, method: 'utm' }),
        ],
      }),
      order('o3', {
        journey: [
          touch({ touchId: 'b', at: 20 }),
          touch({ touchId: 'c', at: 30, campaignId: 'meta:act_1:102' }),
        ],
      }),
    ];
    const packed = packOrders(orders);
    orders.forEach((o, k) => {
      const [credit, ...rest] = creditOrder(o.facts, o.journey, 'last_touch', {
        windowDays: 7,
        halfLifeDays: 7,
      });
      expect(rest).toEqual([]);
      expect(packed.lastTouch(k).campaignId).toBe(credit!.campaignId);
      expect(packed.lastTouch(k).channel).toBe(credit!.channel);
      expect(packed.revenueMinor(k)).toBe(credit!.revenueMinor);
    });
    expect(packed.lastTouch(1).campaignId).toBeNull();
    expect(packed.lastTouch(2).campaignId).toBe('meta:act_1:102');
  });

  it('hold nothing once released', () => {
    const packed = packOrders([order('o1'), order('o2')]);
    packed.release();
    expect(packed.length).toBe(0);
    expect([...packed]).toEqual([]);
  });

  it('pack an empty chunk', () => {
    expect([...packOrders([])]).toEqual([]);
  });
});
