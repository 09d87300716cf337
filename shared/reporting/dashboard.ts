import type { Brand } from '../domain/entities';
import type { Kpis } from '../domain/reporting/kpis';
import type { Period } from '../domain/reporting/period';
import {
  type BrandRollup,
  type Dashboard,
  type DimensionDay,
  dashboardOf,
  kpisOf,
} from '../domain/reporting/rollup';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import { type Clock, systemClock } from '../ports/clock';
import type { Warehouse } from '../ports/warehouse';

export type { Breakdown, Dashboard, InventorySpendRow, TrendPoint } from '../domain/reporting/rollup';

/**
 * The dashboard's numbers. Spend comes from ad_performance and revenue/orders from Shopify's
 * orders and refunds (the truth, whatever attribution says); profit and the breakdowns from
 * unified_performance. The attribution pass writes unified rows for the brand's model of the
 * moment and replaces whole date ranges, so each day holds exactly one model's rows: reports do
 * not filter by model (after a model change, days outside the re-computed window keep the old one).
 *
 * Each brand's history is read once as daily aggregates (a few thousand rows however many
 * orders) and kept for `ttlMs`; every period is then summed in memory. Data lands by hourly
 * syncs, so a minute of staleness is invisible, and it turns a dashboard from ~12 warehouse
 * queries into none (docs/decisions/503-dashboard-rollups.md).
 */
type Num = number | null;
const n = (v: Num | undefined): number => Number(v ?? 0);

export async function loadBrandRollup(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brand: Brand,
): Promise<BrandRollup> {
  const p = { brand: brand.id };
  const perDimension = (column: string) =>
    warehouse.query<
      { d: LocalDate; k: string } & Record<
        'spend' | 'revenue' | 'profit' | 'orders' | 'units' | 'rows' | 'stock' | 'cover',
        Num
      >
    >(
      ctx,
      `SELECT date AS d, COALESCE(${column}, 'unknown') AS k, SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue,
              SUM(profit_minor) AS profit, SUM(orders) AS orders, SUM(units) AS units, COUNT(*) AS "rows",
              MAX(stock_available) AS stock, MAX(days_of_cover) AS cover
       FROM {{unified_performance}} WHERE brand_id = @brand${column === 'product_id' ? ' AND product_id IS NOT NULL' : ''}
       GROUP BY date, k`,
      p,
    );
  const [spend, sales, refunds, channel, region, product] = await Promise.all([
    warehouse.query<{ d: string; v: Num }>(
      ctx,
      'SELECT date AS d, SUM(spend_minor) AS v FROM {{ad_performance}} WHERE brand_id = @brand GROUP BY date',
      p,
    ),
    warehouse.query<{ d: string; v: Num; c: Num }>(
      ctx,
      'SELECT date AS d, SUM(total_minor) AS v, COUNT(*) AS c FROM {{orders}} WHERE brand_id = @brand AND cancelled_at IS NULL GROUP BY date',
      p,
    ),
    warehouse.query<{ d: string; v: Num }>(
      ctx,
      'SELECT date AS d, SUM(amount_minor) AS v FROM {{refunds}} WHERE brand_id = @brand GROUP BY date',
      p,
    ),
    perDimension('channel'),
    perDimension('region'),
    perDimension('product_id'),
  ]);
  const group = (rows: Awaited<ReturnType<typeof perDimension>>) => {
    const out = new Map<string, DimensionDay[]>();
    for (const r of rows) {
      const list = out.get(r.k) ?? [];
      list.push({
        day: r.d,
        spend: n(r.spend),
        revenue: n(r.revenue),
        profit: n(r.profit),
        orders: n(r.orders),
        units: n(r.units),
        rows: n(r.rows),
        stock: r.stock,
        cover: r.cover,
      });
      out.set(r.k, list);
    }
    return out;
  };
  return {
    spend: new Map(spend.map((r) => [r.d, n(r.v)])),
    sales: new Map(sales.map((r) => [r.d, { gross: n(r.v), count: n(r.c) }])),
    refunds: new Map(refunds.map((r) => [r.d, n(r.v)])),
    channel: group(channel),
    region: group(region),
    product: group(product),
  };
}

export interface DashboardQueryOptions {
  clock?: Clock;
  /** How long a brand's rollup is reused (default 60 s; 0 reads the warehouse every time). */
  ttlMs?: number;
  /** Brands kept in memory at once (least recently used go first). */
  maxBrands?: number;
}

export function createDashboardQueries(
  warehouse: Pick<Warehouse, 'query'>,
  options: DashboardQueryOptions = {},
) {
  const clock = options.clock ?? systemClock;
  const ttl = options.ttlMs ?? 60_000;
  const maxBrands = options.maxBrands ?? 500;
  const cache = new Map<string, { at: number; rollup: Promise<BrandRollup> }>();

  /** One load per brand at a time: 32 cold requests share a single read. */
  function rollupOf(ctx: TenantContext, brand: Brand): Promise<BrandRollup> {
    const key = `${ctx.tenantId}/${brand.id}/${brand.targets.attributionModel}`;
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < ttl) {
      cache.delete(key);
      cache.set(key, hit);
      return hit.rollup;
    }
    const rollup = loadBrandRollup(warehouse, ctx, brand);
    cache.set(key, { at: now, rollup });
    rollup.catch(() => cache.delete(key));
    while (cache.size > maxBrands) cache.delete(cache.keys().next().value as string);
    return rollup;
  }

  return {
    async kpis(
      ctx: TenantContext,
      brand: Brand,
      period: Period,
      previous: Period,
    ): Promise<{ current: Kpis; previous: Kpis }> {
      const r = await rollupOf(ctx, brand);
      return { current: kpisOf(r, period), previous: kpisOf(r, previous) };
    },
    async dashboard(ctx: TenantContext, brand: Brand, period: Period): Promise<Dashboard> {
      return dashboardOf(await rollupOf(ctx, brand), brand, period);
    },
    /** Drops a brand's rollup (after a sync or attribution pass this instance knows of). */
    invalidate(tenantId: string, brandId: string): void {
      for (const key of cache.keys()) if (key.startsWith(`${tenantId}/${brandId}/`)) cache.delete(key);
    },
  };
}
export type DashboardQueries = ReturnType<typeof createDashboardQueries>;
