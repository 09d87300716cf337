import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBrand } from '../../test/support/builders';
import { createTestWarehouse } from '../../test/support/warehouse';
import { systemContext } from '../domain/tenancy';
import { type LocalDate, localDate } from '../domain/time';
import { createMemoryLogger } from '../kernel/logging/logger';
import { fixedClock } from '../ports/clock';
import type { WarehouseRow } from '../ports/warehouse';
import {
  customerOrdersSql,
  emailCustomerKey,
  profileIdentifierKey,
  pseudonymiseCustomerKeys,
} from './customer-key';
import { createCustomerAnalyticsJob } from './job';
import { createNewCustomerQueries } from './new-customers';
import { orderRow } from './test-store';

const ctx = systemContext('t1', 'test');
const MIA = 'gid://shopify/Customer/1';
let wh: Awaited<ReturnType<typeof createTestWarehouse>>;

const order = (
  brandId: string,
  orderId: string,
  customerId: string | null,
  email: string | null,
  date: string,
  totalMinor = 4_000,
): WarehouseRow => ({
  ...orderRow({ brandId, orderId, customerId, date: localDate(date), totalMinor }),
  email,
});

beforeAll(async () => {
  wh = await createTestWarehouse();
  await wh.warehouse.ensureTenant(ctx);
  await wh.load(ctx, 'orders', 'b1', [
    // Mia ordered signed in once, and twice as a guest with her email typed differently.
    order('b1', 'o1', MIA, 'mia@example.com', '2026-01-05'),
    order('b1', 'o2', null, ' Mia@Example.COM ', '2026-02-05'),
    order('b1', 'o3', null, 'mia@example.com', '2026-03-05'),
    // Two guests known only by their emails, one of them twice.
    order('b1', 'o4', null, 'guest@example.com', '2026-01-10'),
    order('b1', 'o5', null, 'GUEST@example.com', '2026-03-10'),
    order('b1', 'o6', null, 'solo@example.com', '2026-02-20'),
    // No customer id and no email: nobody's.
    order('b1', 'o7', null, null, '2026-02-01'),
    order('b1', 'o8', null, '  ', '2026-02-02'),
  ]);
  // Another brand of the same tenant: Mia's Shopify account there is not hers here.
  await wh.load(ctx, 'orders', 'b2', [order('b2', 'p1', null, 'mia@example.com', '2026-02-05')]);
}, 60_000);
afterAll(async () => wh?.close());

const keys = (brandId: string) =>
  wh.warehouse.query<{ order_id: string; customer_id: string | null }>(
    ctx,
    `SELECT order_id, customer_id FROM (${customerOrdersSql('@brandId')}) o ORDER BY order_id`,
    { brandId },
  );

describe('the store customer an order belongs to (decision 1011)', () => {
  it("is the Shopify customer, else that customer's by the same email, else the email, else no one", async () => {
    expect(await keys('b1')).toEqual([
      { order_id: 'o1', customer_id: MIA },
      { order_id: 'o2', customer_id: MIA },
      { order_id: 'o3', customer_id: MIA },
      { order_id: 'o4', customer_id: 'email:guest@example.com' },
      { order_id: 'o5', customer_id: 'email:guest@example.com' },
      { order_id: 'o6', customer_id: 'email:solo@example.com' },
      { order_id: 'o7', customer_id: null },
      { order_id: 'o8', customer_id: null },
    ]);
  });

  it("never borrows another brand's Shopify customer for the same email", async () => {
    expect(await keys('b2')).toEqual([{ order_id: 'p1', customer_id: 'email:mia@example.com' }]);
  });

  it('is the identifier-index key of the profile that holds it', () => {
    expect(emailCustomerKey(' Mia@Example.COM ')).toBe('email:mia@example.com');
    expect(emailCustomerKey('  ')).toBeNull();
    expect(profileIdentifierKey('email:mia@example.com')).toBe('email:mia@example.com');
    expect(profileIdentifierKey(MIA)).toBe(`shopify_customer_id:${MIA}`);
    expect(profileIdentifierKey('email:not-an-address')).toBeNull();
  });
});

describe('customer analytics over email-keyed customers', () => {
  const asOf: LocalDate = localDate('2026-03-31');
  beforeAll(async () => {
    const brand = aBrand('b1', { currency: 'USD', timezone: 'Etc/UTC' });
    await createCustomerAnalyticsJob({
      directory: { listTenantIds: async () => ['t1'] },
      brands: { list: async () => [brand] },
      warehouse: wh.warehouse,
      clock: fixedClock('2026-04-01T06:00:00Z'),
      logger: createMemoryLogger('ERROR'),
    }).runBrand(ctx, brand, asOf);
  }, 60_000);

  it('segments and predicts every store customer, the guests by their email, Mia once with all three orders', async () => {
    const rows = await wh.warehouse.query<{ customer_id: string; orders: number; revenue_minor: number }>(
      ctx,
      `SELECT customer_id, orders, revenue_minor FROM {{customer_predictions}}
        WHERE brand_id = @brandId ORDER BY customer_id`,
      { brandId: 'b1' },
    );
    expect(rows.map((r) => [r.customer_id, Number(r.orders), Number(r.revenue_minor)])).toEqual([
      ['email:guest@example.com', 2, 8_000],
      ['email:solo@example.com', 1, 4_000],
      [MIA, 3, 12_000],
    ]);
  });

  it('counts new customers by the same key, and orders with no email apart', async () => {
    const brand = aBrand('b1', { currency: 'USD', timezone: 'Etc/UTC' });
    const got = await createNewCustomerQueries(wh.warehouse).newVsReturning(ctx, brand, {
      from: localDate('2026-02-01'),
      to: localDate('2026-03-31'),
    });
    // February–March: solo is new; Mia and guest return; o7 and o8 name no one.
    expect(got.new.customers).toBe(1);
    expect(got.returning.customers).toBe(2);
    expect(got.withoutCustomer.orders).toBe(2);
  });

  it('erasing a customer moves every row keyed by their email or Shopify id to one pseudonym, and leaves the others', async () => {
    const scope = { ctx, brandId: 'b1' };
    const moved = await pseudonymiseCustomerKeys(
      wh.warehouse,
      scope,
      ['email:guest@example.com', `shopify_customer_id:${MIA}`],
      'erased:x1',
    );
    const predictions = await wh.warehouse.query<{ customer_id: string; orders: number }>(
      ctx,
      'SELECT customer_id, orders FROM {{customer_predictions}} WHERE brand_id = @brandId ORDER BY customer_id',
      { brandId: 'b1' },
    );
    // One prediction for the one (erased) person: the one with the most orders, Mia's 3.
    expect(predictions.map((r) => [r.customer_id, Number(r.orders)])).toEqual([
      ['email:solo@example.com', 1],
      ['erased:x1', 3],
    ]);
    const orders = await wh.warehouse.query<{ customer_id: string | null }>(
      ctx,
      `SELECT DISTINCT customer_id FROM {{orders}} WHERE brand_id = @brandId AND customer_id IS NOT NULL
        ORDER BY customer_id`,
      { brandId: 'b1' },
    );
    expect(orders.map((r) => r.customer_id)).toEqual(['erased:x1']);
    expect(moved).toBeGreaterThan(2);
    // A re-run finds nothing left under the old keys.
    expect(
      await pseudonymiseCustomerKeys(wh.warehouse, scope, [`shopify_customer_id:${MIA}`], 'erased:x2'),
    ).toBe(0);
  });
});
