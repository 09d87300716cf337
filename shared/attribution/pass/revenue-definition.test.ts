import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrand, rows, type TestBrand } from '../../../test/support/attribution-pass';
import { META } from '../../../test/support/planted-scenarios';
import type { Brand } from '../../domain/entities/brand';
import { orderRevenueMinor, type RevenueDefinition, refundCounts } from '../../domain/performance/revenue';
import { attributionSplitOf, kpisOf } from '../../domain/reporting/rollup';
import { addDays, type LocalDate, localDate } from '../../domain/time';
import { seededRandom } from '../../kernel/util/random';
import type { WarehouseRow } from '../../ports/warehouse';
import { loadBrandRollup } from '../../reporting/rollup-loader';
import { runAttributionPass } from './run';

/**
 * Property-style: a generated store (shipping, tax, several lines, refunds of lines and of
 * shipping, refunds that come days later, voided and refunded cancellations, orders in another
 * currency, paid, email and direct journeys) under every revenue definition. Whatever the setting,
 * the pass's attributed + unattributed revenue, the dashboard's revenue and a direct count from
 * the generated orders agree to the cent, day by day.
 */
const NOW = '2026-03-31T16:00:00Z';
const FIRST = localDate('2026-03-02');
const DAYS = 28;
/** The pass's last day (today): refunds are generated up to it. */
const LAST = localDate('2026-03-31');

interface Generated {
  orders: WarehouseRow[];
  lines: WarehouseRow[];
  refunds: WarehouseRow[];
  touches: WarehouseRow[];
}

function generate(seed: number, count: number): Generated {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const g: Generated = { orders: [], lines: [], refunds: [], touches: [] };
  for (let i = 0; i < count; i++) {
    const id = `g${seed}-${i}`;
    const date = addDays(FIRST, int(0, DAYS - 1));
    const at = `${date}T15:00:00.000Z`;
    const currency = rand() < 0.05 ? 'EUR' : 'USD';
    const lineTotals = Array.from({ length: int(0, 3) }, () => int(0, 20_000));
    const subtotal = lineTotals.reduce((a, b) => a + b, 0) || int(500, 9_000);
    const shipping = rand() < 0.3 ? 0 : int(100, 1_500);
    const tax = int(0, Math.floor(subtotal * 0.1));
    const total = subtotal + shipping + tax;
    const cancelled = rand() < 0.1;
    g.orders.push(
      rows.order({
        id,
        at,
        date,
        region: 'US-CA',
        currency,
        total,
        shipping,
        tax,
        ...(cancelled ? { cancelledAt: `${addDays(date, int(0, 2))}T16:00:00.000Z` } : {}),
      }),
    );
    lineTotals.forEach((t, k) => {
      g.lines.push(rows.line(id, date, `v${k}`, int(1, 3), t, 300, currency));
    });
    // Refunds: a line back, shipping back, or both; some days later (inside the range). A voided
    // cancellation has none; a refunded one has its money back.
    if (rand() < 0.3 || (cancelled && rand() < 0.5)) {
      const later = addDays(date, int(0, 3));
      const day = [later, LAST].sort()[0]!;
      const rAt = `${day}T17:00:00.000Z`;
      if (lineTotals.length > 0) {
        const refund = rows.refund(id, day, rAt, int(0, lineTotals[0]!), 'v0', 1);
        g.refunds.push({ ...refund, currency });
      }
      if (rand() < 0.5) {
        const refund = rows.refund(id, day, rAt, shipping + int(0, tax), null, 0);
        g.refunds.push({ ...refund, currency });
      }
    }
    const kind = rand();
    if (kind < 0.4)
      g.touches.push(
        rows.touch({
          id: `t-${id}`,
          orderId: id,
          at: `${addDays(date, -1)}T12:00:00.000Z`,
          date: addDays(date, -1),
          source: 'facebook',
          medium: 'paid',
          campaign: 'Spring+Launch',
        }),
      );
    else if (kind < 0.6)
      g.touches.push(
        rows.touch({
          id: `t-${id}`,
          orderId: id,
          at: `${date}T10:00:00.000Z`,
          date,
          source: 'klaviyo',
          medium: 'email',
        }),
      );
  }
  return g;
}

/** The independent count: each order and refund row judged on its own, summed per day. */
function expectedNetByDay(g: Generated, d: RevenueDefinition): Map<string, number> {
  const byDay = new Map<string, number>();
  const add = (day: string, v: number) => byDay.set(day, (byDay.get(day) ?? 0) + v);
  const orderOf = new Map(g.orders.map((o) => [o.order_id as string, o]));
  for (const o of g.orders) {
    if (o.currency !== 'USD' || o.cancelled_at) continue;
    const money = {
      totalMinor: Number(o.total_minor),
      shippingMinor: Number(o.shipping_minor),
      taxMinor: Number(o.tax_minor),
    };
    add(o.date as string, orderRevenueMinor(money, d.basis));
  }
  for (const r of g.refunds) {
    const o = orderOf.get(r.order_id as string)!;
    if (r.currency !== 'USD' || o.cancelled_at || !refundCounts(r.kind as string, d.basis)) continue;
    add((d.refunds === 'order_day' ? o.date : r.date) as string, -Number(r.amount_minor));
  }
  return byDay;
}

const SETTINGS: RevenueDefinition[] = [
  { basis: 'order_total', refunds: 'refund_day' },
  { basis: 'order_total', refunds: 'order_day' },
  { basis: 'net_sales', refunds: 'refund_day' },
  { basis: 'net_sales', refunds: 'order_day' },
];

describe.each(SETTINGS)('revenue defined as $basis, refunds on the $refunds', (definition) => {
  let w: TestBrand;
  let generated: Generated;
  let brand: Brand;
  beforeAll(async () => {
    w = await createTestBrand(NOW);
    brand = {
      ...w.brand,
      targets: { ...w.brand.targets, revenueBasis: definition.basis, refundTiming: definition.refunds },
    };
    await w.deps.store.brands.upsert(w.ctx, brand);
    generated = generate(SETTINGS.indexOf(definition) + 11, 400);
    const range = { brandId: 'b1', from: localDate('2026-01-01'), to: localDate('2026-04-30') };
    await w.deps.warehouse.replaceRange(w.ctx, 'orders', range, generated.orders);
    await w.deps.warehouse.replaceRange(w.ctx, 'order_lines', range, generated.lines);
    await w.deps.warehouse.replaceRange(w.ctx, 'refunds', range, generated.refunds);
    await w.deps.warehouse.replaceRange(w.ctx, 'touchpoints', range, generated.touches);
    await w.deps.warehouse.replaceRange(w.ctx, 'ad_performance', range, [
      { ...rows.spend('2026-03-10', 'meta', META, 'US-CA', 10_000), campaign_name: 'Spring Launch' },
    ]);
    await runAttributionPass(w.deps, w.ctx, 'b1', { range: { from: FIRST, to: LAST } });
  });
  afterAll(async () => w.close());

  it('attributed + unattributed = net, to the cent, on every day', async () => {
    const expected = expectedNetByDay(generated, definition);
    const unified = await w.deps.warehouse.query<{ d: string; revenue: number }>(
      w.ctx,
      `SELECT CAST(date AS STRING) AS d, SUM(revenue_minor) AS revenue FROM {{unified_performance}}
       WHERE brand_id = @brand GROUP BY date`,
      { brand: 'b1' },
    );
    const got = new Map(unified.map((r) => [r.d, Number(r.revenue)]));
    const days = new Set([...expected.keys(), ...got.keys()]);
    for (const day of days) expect([day, got.get(day) ?? 0]).toEqual([day, expected.get(day) ?? 0]);
    // Something was attributed through the campaign named in the UTMs, something was not.
    const [split] = await w.deps.warehouse.query<{ attributed: number; unattributed: number }>(
      w.ctx,
      `SELECT SUM(CASE WHEN campaign_id IS NOT NULL THEN revenue_minor ELSE 0 END) AS attributed,
              SUM(CASE WHEN campaign_id IS NULL THEN revenue_minor ELSE 0 END) AS unattributed
       FROM {{unified_performance}} WHERE brand_id = @brand`,
      { brand: 'b1' },
    );
    expect(split!.attributed).toBeGreaterThan(0);
    expect(split!.unattributed).toBeGreaterThan(0);
  });

  it("the dashboard's revenue is the same net, and its attributed + unattributed add up to it", async () => {
    const expected = expectedNetByDay(generated, definition);
    const rollup = await loadBrandRollup(w.deps.warehouse, w.ctx, brand);
    for (let i = 0; i < DAYS + 2; i++) {
      const day = addDays(FIRST, i) as LocalDate;
      const period = { from: day, to: day };
      expect([day, kpisOf(rollup, period).revenueMinor]).toEqual([day, expected.get(day) ?? 0]);
    }
    const month = { from: FIRST, to: LAST };
    const split = attributionSplitOf(rollup, month);
    expect(
      split.attributedRevenueMinor + split.campaignNotIdentifiedRevenueMinor + split.unattributedRevenueMinor,
    ).toBe(kpisOf(rollup, month).revenueMinor);
    expect(split.modelledRevenueMinor).toBeNull();
  });
});
