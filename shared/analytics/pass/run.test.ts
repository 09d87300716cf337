import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, type LocalDate, localDate } from '../../domain/time';
import { runAttributionPass } from './run';
import { createTestBrand, rows } from './testing';

const NOW = '2026-03-31T16:00:00Z';
const META = 'meta:act_1:101';
const TIKTOK = 'tiktok:700:201';
const GOOGLE = 'google_ads:123:301';
const FIRST = localDate('2026-03-02');
const DAYS = 30;

type World = Awaited<ReturnType<typeof createTestBrand>>;

/**
 * Planted: FAST sells 5 a day with 40 left and takes most of the spend (Meta); OVER sells one
 * every five days with 2600 on hand and no campaign; OUT is out of stock while TikTok still
 * spends on it; OK is healthy. Plus a refund, a cancellation at 23:30 New York time, a EUR order.
 */
async function plant(w: World) {
  const { warehouse } = w.deps;
  const ctx = w.ctx;
  const orders = [];
  const lines = [];
  const touches = [];
  const spend = [];
  let n = 0;
  const sell = (
    date: LocalDate,
    variant: string,
    price: number,
    cost: number,
    region: string,
    click?: [string, string],
  ) => {
    const id = `o${++n}`;
    const at = `${date}T15:00:00.000Z`;
    orders.push(rows.order({ id, at, date, region }));
    lines.push(rows.line(id, date, variant, 1, price, cost));
    if (click) {
      const day = addDays(date, -1);
      touches.push(
        rows.touch({
          id: `t${n}`,
          orderId: id,
          at: `${day}T14:00:00.000Z`,
          date: day,
          campaign: click[1],
          clickType: click[0],
        }),
      );
    }
    return id;
  };
  for (let i = 0; i < DAYS; i++) {
    const d = addDays(FIRST, i);
    for (let k = 0; k < 5; k++) sell(d, 'v-fast', 12_900, 4_100, 'US-CA', ['fbclid', '101']);
    for (let k = 0; k < 5; k++) sell(d, 'v-ok', 3_400, 900, 'US-NY', ['gclid', '301']);
    if (i % 5 === 0) sell(d, 'v-over', 8_900, 3_100, 'DE-BE');
    if (i < 10) for (let k = 0; k < 2; k++) sell(d, 'v-out', 3_400, 900, 'US-TX', ['ttclid', '201']);
    spend.push(
      rows.spend(d, 'meta', META, 'US-CA', 50_000, 90_000),
      rows.spend(d, 'tiktok', TIKTOK, 'US-TX', 5_000),
      rows.spend(d, 'google_ads', GOOGLE, 'US-NY', 20_000, 17_000),
    );
  }
  // Someone browsing from a Meta ad who never bought: a non-converting journey.
  touches.push(
    rows.touch({
      id: 'stray',
      orderId: null,
      customerId: 'c9',
      at: '2026-03-20T10:00:00.000Z',
      date: '2026-03-20',
      clickType: 'fbclid',
      campaign: '101',
    }),
  );
  const refunded = 'o1';
  const refunds = [rows.refund(refunded, '2026-03-05', '2026-03-05T12:00:00.000Z', 12_900, 'v-fast', 1)];
  // Cancelled at 03:30 UTC on the 11th = 23:30 on the 10th in New York: the 10th's cancellation.
  orders.push(
    rows.order({
      id: 'late',
      at: '2026-03-10T20:00:00.000Z',
      date: '2026-03-10',
      region: 'US-NY',
      cancelledAt: '2026-03-11T03:30:00.000Z',
    }),
  );
  lines.push(rows.line('late', '2026-03-10', 'v-ok', 1, 3_400, 900));
  orders.push(
    rows.order({
      id: 'eur',
      at: '2026-03-12T12:00:00.000Z',
      date: '2026-03-12',
      region: 'DE-BE',
      currency: 'EUR',
    }),
  );
  lines.push(rows.line('eur', '2026-03-12', 'v-ok', 1, 3_100, 900, 'EUR'));
  const range = { brandId: 'b1', from: localDate('2026-01-01'), to: localDate('2026-03-31') };
  await warehouse.replaceRange(ctx, 'orders', range, orders);
  await warehouse.replaceRange(ctx, 'order_lines', range, lines);
  await warehouse.replaceRange(ctx, 'touchpoints', range, touches);
  await warehouse.replaceRange(ctx, 'refunds', range, refunds);
  await warehouse.replaceRange(ctx, 'ad_performance', range, spend);
  await warehouse.replaceRange(ctx, 'campaigns', range, [
    rows.campaign('2026-03-31', 'meta', META, ['SKU-FAST']),
    rows.campaign('2026-03-31', 'tiktok', TIKTOK, ['SKU-OUT']),
    rows.campaign('2026-03-31', 'google_ads', GOOGLE, ['SKU-OK']),
  ]);
  const stock: Record<string, [number, number]> = {
    'v-fast': [25, 15],
    'v-over': [2000, 600],
    'v-out': [0, 0],
    'v-ok': [200, 100],
  };
  await w.deps.store.products.upsertMany(
    ctx,
    'b1',
    Object.keys(stock).map((v) => ({
      id: v,
      productId: `p-${v}`,
      title: v,
      sku: `SKU-${v.slice(2).toUpperCase()}`,
      priceMinor: 1000,
      currency: 'USD',
      status: 'active' as const,
      updatedAt: NOW,
    })),
  );
  await w.deps.store.inventory.upsertMany(
    ctx,
    'b1',
    Object.entries(stock).flatMap(([v, [a, b]]) => [
      {
        id: `${v}@l1`,
        variantId: v,
        inventoryItemId: `ii-${v}`,
        locationId: 'l1',
        available: a,
        onHand: a,
        committed: 0,
        incoming: 0,
        updatedAt: NOW,
      },
      {
        id: `${v}@l2`,
        variantId: v,
        inventoryItemId: `ii-${v}`,
        locationId: 'l2',
        available: b,
        onHand: b,
        committed: 0,
        incoming: 0,
        updatedAt: NOW,
      },
    ]),
  );
  const gross = lines.filter((l) => l.currency === 'USD').reduce((a, l) => a + Number(l.total_minor), 0);
  return { gross, net: gross - 12_900 - 3_400 };
}

describe('attribution pass over a planted brand', () => {
  let w: World;
  let planted: { gross: number; net: number };
  beforeEach(async () => {
    w = await createTestBrand(NOW);
    planted = await plant(w);
  });
  afterEach(async () => w.close());

  const q = <T>(sql: string) => w.deps.warehouse.query<T>(w.ctx, sql, { brand: 'b1' });

  it('classifies the planted inventory situations', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const status = await q<{
      variant_id: string;
      status: string;
      alignment: string;
      days_of_cover: number | null;
    }>(
      `SELECT variant_id, status, alignment, days_of_cover FROM {{inventory_status}} WHERE brand_id = @brand AND location_id = '*' ORDER BY variant_id`,
    );
    expect(status).toEqual([
      expect.objectContaining({ variant_id: 'v-fast', status: 'low', alignment: 'overspending_low_stock' }),
      expect.objectContaining({ variant_id: 'v-ok', status: 'healthy', alignment: 'aligned' }),
      expect.objectContaining({ variant_id: 'v-out', status: 'stockout', alignment: 'spending_on_stockout' }),
      expect.objectContaining({
        variant_id: 'v-over',
        status: 'overstock',
        alignment: 'underspending_overstock',
      }),
    ]);
    expect(status[0]!.days_of_cover).toBeCloseTo(8, 0);
  });

  it('attributed plus unattributed revenue equals Shopify net revenue to the cent', async () => {
    const result = await runAttributionPass(w.deps, w.ctx, 'b1');
    expect(result.foreignCurrencyOrders).toBe(1);
    const [sums] = await q<{ attributed: number; unattributed: number }>(
      `SELECT SUM(CASE WHEN campaign_id IS NOT NULL THEN revenue_minor ELSE 0 END) AS attributed,
              SUM(CASE WHEN campaign_id IS NULL THEN revenue_minor ELSE 0 END) AS unattributed
       FROM {{unified_performance}} WHERE brand_id = @brand`,
    );
    expect(sums!.attributed + sums!.unattributed).toBe(planted.net);
    expect(sums!.unattributed).toBe(6 * 8_900); // OVER's orders in a region no campaign reached
  });

  it('every model credits each order fully and shares out exactly its revenue', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const perModel = await q<{ model: string; revenue: number; worst: number; orders: number }>(
      `SELECT model, SUM(revenue) AS revenue, MAX(ABS(credit - 1)) AS worst, COUNT(*) AS orders FROM (
         SELECT model, order_id, SUM(revenue_minor) AS revenue, SUM(credit) AS credit
         FROM {{attributions}} WHERE brand_id = @brand GROUP BY model, order_id) x GROUP BY model ORDER BY model`,
    );
    expect(perModel).toHaveLength(6);
    for (const m of perModel) {
      expect(m.revenue).toBe(planted.gross);
      expect(m.worst).toBeLessThan(1e-9);
    }
  });

  it('puts the refund and the 23:30 cancellation on their own local days', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const day = async (d: string) =>
      (
        await q<{ revenue: number }>(
          `SELECT SUM(revenue_minor) AS revenue FROM {{unified_performance}} WHERE brand_id = @brand AND date = CAST('${d}' AS DATE) AND variant_id = 'v-fast'`,
        )
      )[0]!.revenue;
    expect(await day('2026-03-05')).toBe(5 * 12_900 - 12_900);
    const [cancel] = await q<{ revenue: number; orders: number }>(
      `SELECT SUM(revenue_minor) AS revenue, SUM(orders) AS orders FROM {{unified_performance}} WHERE brand_id = @brand AND date = CAST('2026-03-10' AS DATE) AND variant_id = 'v-ok'`,
    );
    expect(cancel!.revenue).toBe(5 * 3_400);
    expect(cancel!.orders).toBeCloseTo(5, 9);
  });

  it('gives ROAS only where there is spend and reconciles platform claims per week', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const [meta] = await q<{ spend: number; revenue: number; roas: number | null }>(
      `SELECT spend_minor AS spend, revenue_minor AS revenue, roas FROM {{unified_performance}} WHERE brand_id = @brand AND campaign_id = '${META}' AND date = CAST('2026-03-20' AS DATE)`,
    );
    expect(meta).toEqual({ spend: 50_000, revenue: 5 * 12_900, roas: (5 * 12_900) / 50_000 });
    const noSpend = await q<{ n: number }>(
      `SELECT COUNT(*) AS n FROM {{unified_performance}} WHERE brand_id = @brand AND spend_minor = 0 AND roas IS NOT NULL`,
    );
    expect(noSpend[0]!.n).toBe(0);
    const [week] = await q<{
      attributed_revenue_minor: number;
      claimed_value_minor: number;
      over_claim_ratio: number;
    }>(
      `SELECT attributed_revenue_minor, claimed_value_minor, over_claim_ratio FROM {{reconciliation}} WHERE brand_id = @brand AND platform = 'meta' AND date = CAST('2026-03-16' AS DATE)`,
    );
    // Last touch: a whole week of FAST orders at 5 × 129.00 a day against Meta's 900.00 a day.
    expect(week).toEqual({
      attributed_revenue_minor: 7 * 5 * 12_900,
      claimed_value_minor: 7 * 90_000,
      over_claim_ratio: 90_000 / (5 * 12_900),
    });
  });

  it('a re-run over the range replaces exactly that range', async () => {
    const sentinel = {
      brand_id: 'b1',
      date: '2025-11-03',
      channel: 'meta',
      currency: 'USD',
      spend_minor: 1,
      revenue_minor: 0,
      orders: 0,
      units: 0,
      cogs_minor: 0,
      profit_minor: -1,
      model: 'last_touch',
    };
    await w.deps.warehouse.replaceRange(
      w.ctx,
      'unified_performance',
      { brandId: 'b1', from: localDate('2025-11-03'), to: localDate('2025-11-03') },
      [sentinel],
    );
    const first = await runAttributionPass(w.deps, w.ctx, 'b1');
    const count = async () =>
      (
        await q<{ n: number }>(`SELECT COUNT(*) AS n FROM {{unified_performance}} WHERE brand_id = @brand`)
      )[0]!.n;
    const before = await count();
    const second = await runAttributionPass(w.deps, w.ctx, 'b1');
    expect(second.unifiedRows).toBe(first.unifiedRows);
    expect(await count()).toBe(before);
    expect(before).toBe(first.unifiedRows + 1);
  });
});
