import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBrand, anOrderRow, aRefundRow } from '../../test/support/builders';
import { createTestWarehouse } from '../../test/support/warehouse';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import { createNewCustomerQueries } from './new-customers';

/**
 * A small store, November 2026 asked about (Nov 10 – Nov 16):
 * - ann: first order Oct 2 ($40), orders again Nov 11 ($60)            → returning
 * - bob: first order Nov 12 ($50, $10 refunded), again Nov 14 ($30)    → new, 2 orders
 * - cat: a cancelled order Oct 20, first real order Nov 13 ($70)       → new
 * - dan: first order Nov 18, after the period                          → not counted
 * - a guest order Nov 15 ($25)                                          → no customer
 * - eve: orders Nov 12 in another brand of the tenant, and another tenant has the same brand id
 *   with its own new customer: neither may be counted.
 */
const ctx = systemContext('t_new', 'test');
const other = systemContext('t_other', 'test');
const B = 'shop';
const brand = aBrand(B);
const period = { from: localDate('2026-11-10'), to: localDate('2026-11-16') };

let w: Awaited<ReturnType<typeof createTestWarehouse>>;
beforeAll(async () => {
  w = await createTestWarehouse();
  const order = (id: string, date: string, minor: number, customer: string | null, over = {}) =>
    anOrderRow(B, id, date, minor, { customer_id: customer, ...over });
  await w.load(ctx, 'orders', B, [
    order('o1', '2026-10-02', 4_000, 'ann'),
    order('o2', '2026-10-20', 9_900, 'cat', { cancelled_at: '2026-10-20T18:00:00Z' }),
    order('o3', '2026-11-11', 6_000, 'ann'),
    order('o4', '2026-11-12', 5_000, 'bob'),
    order('o5', '2026-11-13', 7_000, 'cat'),
    order('o6', '2026-11-14', 3_000, 'bob'),
    order('o7', '2026-11-15', 2_500, null),
    order('o8', '2026-11-18', 8_000, 'dan'),
  ]);
  await w.load(ctx, 'refunds', B, [aRefundRow(B, 'o4', '2026-11-20', 1_000)]);
  await w.load(ctx, 'orders', 'elsewhere', [
    anOrderRow('elsewhere', 'x1', '2026-11-12', 9_000, { customer_id: 'eve' }),
  ]);
  await w.load(other, 'orders', B, [anOrderRow(B, 'y1', '2026-11-12', 9_000, { customer_id: 'zed' })]);
});
afterAll(() => w?.close());

describe('new and returning customers in a period', () => {
  it('counts as new only customers whose first order ever falls in the period, with their orders and first orders', async () => {
    const r = await createNewCustomerQueries(w.warehouse).newVsReturning(ctx, brand, period);
    expect(r.new).toEqual({
      customers: 2, // bob and cat (cat's cancelled October order is not an order)
      orders: 3, // o4, o5, o6
      revenueMinor: 4_000 + 7_000 + 3_000, // o4 net of its $10 refund
      firstOrderRevenueMinor: 4_000 + 7_000,
      firstOrderAovMinor: 5_500,
    });
    expect(r.returning).toEqual({ customers: 1, orders: 1, revenueMinor: 6_000 });
    expect(r.withoutCustomer).toEqual({ orders: 1, revenueMinor: 2_500 });
    expect(r.orders).toBe(5);
  });

  it('takes refunds back only from the refunded lines under the net-sales basis', async () => {
    const netSales = aBrand(B, { targets: { ...brand.targets, revenueBasis: 'net_sales' } });
    const r = await createNewCustomerQueries(w.warehouse).newVsReturning(ctx, netSales, period);
    // The builder's refund is kind 'refund', not a refunded line: not subtracted here.
    expect(r.new.firstOrderRevenueMinor).toBe(5_000 + 7_000);
  });

  it('sees only its own brand and tenant', async () => {
    const q = createNewCustomerQueries(w.warehouse);
    const theirs = await q.newVsReturning(other, brand, period);
    expect(theirs.new.customers).toBe(1);
    expect(theirs.orders).toBe(1);
    const empty = await q.newVsReturning(ctx, aBrand('nobody'), period);
    expect(empty.new).toMatchObject({ customers: 0, firstOrderAovMinor: null });
    expect(empty.orders).toBe(0);
  });
});
