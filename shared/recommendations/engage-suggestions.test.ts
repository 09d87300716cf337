import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anOrderRow } from '../../test/support/builders';
import { anEventRow } from '../../test/support/identity-records';
import { WORLD } from '../../test/support/world';
import { openWorld, type World } from '../../test/support/world-harness';
import { addDays, localDate } from '../domain/time';
import { createRecommendJob } from './recommend-job';

let w: World;
beforeEach(async () => {
  w = await openWorld();
});
afterEach(async () => {
  await w.close();
});

const message = (key: string) => ({
  tenantId: WORLD.tenantId,
  brandId: WORLD.brandId,
  idempotencyKey: key,
  range: { from: addDays(WORLD.asOf, -30), to: WORLD.asOf },
});

/**
 * Twelve store customers interested in the world's overstocked Alpine Throw five days before
 * asOf: four carted it, eight viewed another product of its category (Blankets).
 */
async function plantInterest() {
  const day = addDays(WORLD.asOf, -5);
  const at = `${day}T15:00:00Z`;
  const customers = Array.from({ length: 12 }, (_, i) => `gid://shopify/Customer/${900 + i}`);
  const events = customers.map((_, i) => ({
    ...anEventRow(WORLD.brandId, `ev-${i}`, at, {
      type: i < 4 ? 'product_added_to_cart' : 'product_viewed',
      productId: i < 4 ? 'gid://shopify/Product/2' : 'gid://shopify/Product/99',
      properties: { category: 'Blankets' },
    }),
    variant_id: i < 4 ? WORLD.products.overstock : null,
  }));
  const keys = customers.map((c, i) => ({
    brand_id: WORLD.brandId,
    event_id: `ev-${i}`,
    day,
    identifier_key: `shopify_customer_id:${c}`,
  }));
  const orders = customers.map((c, i) =>
    anOrderRow(WORLD.brandId, `old-${i}`, '2026-09-01', 3_000, {
      customer_id: c,
      email: `c${i}@example.com`,
    }),
  );
  const range = { brandId: WORLD.brandId, from: localDate('2026-09-01'), to: WORLD.asOf };
  await w.warehouse.replaceRange(w.ctx, 'events', range, events);
  await w.warehouse.replaceRange(w.ctx, 'event_identifiers', range, keys);
  await w.warehouse.replaceRange(w.ctx, 'orders', range, orders);
}

describe('recommend job: overstock → engagement campaign suggestion', () => {
  it('suggests a campaign to the customers interested in the overstocked product, valued by decision 931', async () => {
    await createRecommendJob(w)(message('k1'));
    const before = await w.store.recommendations.list(w.ctx, WORLD.brandId);
    expect(before.filter((r) => r.type === 'engage')).toEqual([]);

    await plantInterest();
    await createRecommendJob(w)(message('k2'));
    const engage = (await w.store.recommendations.list(w.ctx, WORLD.brandId)).filter(
      (r) => r.type === 'engage',
    );
    expect(engage).toHaveLength(1);
    expect(engage[0]).toMatchObject({
      status: 'open',
      change: { productId: WORLD.products.overstock, currency: 'USD' },
      evidence: {
        audience_customers: 12,
        audience_by_intent: 4,
        audience_by_category: 8,
        category: 'Blankets',
        price_minor: 8_900,
        stock_available: 2_600,
      },
      // 4 × 2 % + 8 × 0.5 % = 0.12 buyers × $89.00 = $10.68
      expectedImpact: { amountMinor: 1_068, currency: 'USD' },
    });
    expect(engage[0]?.title).toBe(
      'Offer Alpine Throw — OS (PP-OVERSTOCK) to the 12 customers interested in it',
    );
    expect(engage[0]?.expectedImpact.description).toContain('$10.68');
  });

  it("values the suggestion at the brand's own campaign conversion when engagement measured enough", async () => {
    await plantInterest();
    const asked: unknown[] = [];
    await createRecommendJob({
      ...w,
      // 3 campaigns, 600 delivered, 12 orders for $600.00: 2 % per message, $50.00 per order.
      engagementConversion: async (_scope, asOf, timeZone, days) => {
        asked.push({ asOf, timeZone, days });
        return { campaigns: 3, delivered: 600, orders: 12, revenueMinor: 60_000 };
      },
    })(message('k1'));
    const [engage] = (await w.store.recommendations.list(w.ctx, WORLD.brandId)).filter(
      (r) => r.type === 'engage',
    );
    expect(asked).toEqual([{ asOf: WORLD.asOf, timeZone: expect.any(String), days: 180 }]);
    // 12 customers × 2 % = 0.24 orders × $50.00 = $12.00
    expect(engage?.expectedImpact).toMatchObject({ amountMinor: 1_200, currency: 'USD' });
    expect(engage?.reason).toContain(
      'based on your last 3 campaigns: 2% of recipients ordered, $50.00 per order',
    );
    expect(engage?.evidence).toMatchObject({ conversion_basis: 'measured', measured_order_rate: 0.02 });
  });
});
