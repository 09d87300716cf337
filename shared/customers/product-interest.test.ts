import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOrderRow } from '../../test/support/builders';
import { anEventRow } from '../../test/support/identity-records';
import { createDuckdbWarehouse } from '../adapters/embedded/duckdb-warehouse';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import type { Warehouse, WarehouseRow } from '../ports/warehouse';
import { createProductInterest } from './product-interest';

const ctx = systemContext('shop', 'test');
const scope = { ctx, brandId: 'b' };
const SCARF = { variantId: 'gid://shopify/ProductVariant/11', productId: 'gid://shopify/Product/1' };
const cust = (n: number) => `gid://shopify/Customer/${n}`;
let dir: string;
let warehouse: Warehouse;

/** An event with its resolved identifier keys (what identity resolution writes). */
function event(id: string, at: string, type: string, keys: string[], over: Partial<WarehouseRow> = {}) {
  return {
    row: { ...anEventRow('b', id, at, { type }), ...over },
    keys: keys.map((k) => ({ brand_id: 'b', event_id: id, day: at.slice(0, 10), identifier_key: k })),
  };
}

/**
 * As of 2026-11-30 (window 2026-11-01 … 30):
 * 1 viewed the scarf (by Shopify customer id) → intent;
 * 2 carted it by variant, known by email only → intent;
 * 3 viewed another knitwear product → category only;
 * 4 viewed the scarf, then bought it → left out;
 * 5 viewed the scarf in October → too old;
 * 6 viewed the scarf but has no order, so no contact the store knows → not reachable;
 * 7 viewed a mug (homeware) → not interested.
 */
const EVENTS = [
  event('e1', '2026-11-20T10:00:00Z', 'product_viewed', [`shopify_customer_id:${cust(1)}`], {
    product_id: SCARF.productId,
    properties: JSON.stringify({ category: 'Knitwear' }),
  }),
  event('e2', '2026-11-25T10:00:00Z', 'product_added_to_cart', ['email:ana@example.com'], {
    variant_id: SCARF.variantId,
  }),
  event('e3', '2026-11-26T10:00:00Z', 'product_viewed', [`shopify_customer_id:${cust(3)}`], {
    product_id: 'gid://shopify/Product/2',
    properties: JSON.stringify({ product_type: 'Knitwear' }),
  }),
  event('e4', '2026-11-05T10:00:00Z', 'product_viewed', [`shopify_customer_id:${cust(4)}`], {
    product_id: SCARF.productId,
  }),
  event('e5', '2026-10-15T10:00:00Z', 'product_viewed', [`shopify_customer_id:${cust(5)}`], {
    product_id: SCARF.productId,
  }),
  event('e6', '2026-11-21T10:00:00Z', 'product_viewed', [`shopify_customer_id:${cust(6)}`], {
    product_id: SCARF.productId,
  }),
  event('e7', '2026-11-22T10:00:00Z', 'product_viewed', [`shopify_customer_id:${cust(7)}`], {
    product_id: 'gid://shopify/Product/3',
    properties: JSON.stringify({ category: 'Homeware' }),
  }),
];
const ORDERS = [1, 2, 3, 4, 5, 7].map((n) =>
  anOrderRow('b', `o${n}`, '2026-09-01', 5_000, {
    customer_id: cust(n),
    email: n === 2 ? 'Ana@Example.com' : `c${n}@example.com`,
  }),
);
const SCARF_SALE = anOrderRow('b', 'o4b', '2026-11-10', 4_500, { customer_id: cust(4) });
const LINE = {
  brand_id: 'b',
  order_id: 'o4b',
  line_id: 'l1',
  date: '2026-11-10',
  variant_id: SCARF.variantId,
  product_id: SCARF.productId,
  quantity: 1,
  price_minor: 4_500,
  discount_minor: 0,
  total_minor: 4_500,
  currency: 'USD',
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-interest-'));
  warehouse = await createDuckdbWarehouse(join(dir, 'wh.duckdb'));
  await warehouse.ensureTenant(ctx);
  const range = { brandId: 'b', from: localDate('2026-09-01'), to: localDate('2026-11-30') };
  await warehouse.replaceRange(
    ctx,
    'events',
    range,
    EVENTS.map((e) => e.row),
  );
  await warehouse.replaceRange(
    ctx,
    'event_identifiers',
    range,
    EVENTS.flatMap((e) => e.keys),
  );
  await warehouse.replaceRange(ctx, 'orders', range, [...ORDERS, SCARF_SALE]);
  await warehouse.replaceRange(ctx, 'order_lines', range, [LINE]);
}, 60_000);
afterAll(async () => {
  await warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('product interest audience', () => {
  it('counts reachable customers with recent intent on the product or its category, not those who bought it', async () => {
    const audience = await createProductInterest(warehouse).audience(scope, SCARF, localDate('2026-11-30'));
    expect(audience).toEqual({ customers: 3, byIntent: 2, category: 'Knitwear' });
  });

  it('without a category in its events, only intent on the product counts', async () => {
    const audience = await createProductInterest(warehouse).audience(
      scope,
      { variantId: SCARF.variantId, productId: null },
      localDate('2026-11-30'),
    );
    // Only customer 2 carted the variant itself; the parent product's views are not found without its id.
    expect(audience).toEqual({ customers: 1, byIntent: 1, category: null });
  });
});
