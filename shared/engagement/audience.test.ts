import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../adapters/embedded/duckdb-warehouse';
import { orderRow } from '../customers/test-store';
import { UTM_SOURCE } from '../domain/engagement/links';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { createWarehouseAudience } from './audience';

const ctx = systemContext('shop', 'test');
const scope = { ctx, brandId: 'b' };
const day = localDate('2026-11-22');
let dir: string;
let warehouse: Warehouse;

const touch = (orderId: string, kind: 'first_visit' | 'last_visit', campaign: string | null) => ({
  brand_id: 'b',
  touchpoint_id: `${orderId}:${kind}`,
  customer_id: null,
  order_id: orderId,
  date: day,
  occurred_at: '2026-11-22T10:00:00.000Z',
  kind,
  utm_source: campaign ? UTM_SOURCE : 'google',
  utm_medium: campaign ? 'email' : 'organic',
  utm_campaign: campaign,
  utm_content: campaign ? 'a' : null,
  utm_term: null,
  landing_page: null,
  referrer: null,
  click_id: null,
  click_id_type: null,
});

/**
 * o1: one visit, from the campaign's link (Shopify's first and last visit are the same visit, kept
 * once as the first) → counts. o2: first visit from the campaign, last from search → does not.
 * o3: first from search, last from the campaign → counts. o4: both rows from the campaign → once.
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-audience-'));
  warehouse = await createDuckdbWarehouse(join(dir, 'wh.duckdb'));
  const range = { brandId: 'b', from: day, to: day };
  await warehouse.replaceRange(
    ctx,
    'orders',
    range,
    ['o1', 'o2', 'o3', 'o4'].map((orderId, i) =>
      orderRow({ brandId: 'b', orderId, customerId: `c${i}`, date: day, totalMinor: 1_000 * (i + 1) }),
    ),
  );
  await warehouse.replaceRange(ctx, 'touchpoints', range, [
    touch('o1', 'first_visit', 'win-back'),
    touch('o2', 'first_visit', 'win-back'),
    touch('o2', 'last_visit', null),
    touch('o3', 'first_visit', null),
    touch('o3', 'last_visit', 'win-back'),
    touch('o4', 'first_visit', 'win-back'),
    touch('o4', 'last_visit', 'win-back'),
  ]);
});
afterAll(async () => {
  await warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("counts an order from a campaign's links by its converting visit, the only visit of a one-visit journey included", async () => {
  const audience = createWarehouseAudience(warehouse);
  const linked = await audience.ordersFromLinks?.(scope, 'win-back', day, day);
  expect(linked).toEqual([{ content: 'a', orders: 3, revenueMinor: 1_000 + 3_000 + 4_000 }]);
});
