import type { Brand } from '../domain/entities';
import { type Alignment, classifyAlignment } from '../domain/reporting/alignment';
import { type KpiChanges, type Kpis, kpiChanges, ratio } from '../domain/reporting/kpis';
import { type Period, previousPeriod } from '../domain/reporting/period';
import type { TenantContext } from '../domain/tenancy';
import { eachDay, type LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';

/**
 * The dashboard's numbers, straight from the warehouse. Spend comes from ad_performance and
 * revenue/orders from Shopify's orders and refunds (the truth, whatever the attribution says);
 * profit and the breakdowns come from unified_performance under the brand's attribution model.
 * SQL stays in the subset BigQuery and DuckDB share: dates are parameters cast to DATE.
 */
export interface Breakdown {
  key: string;
  spendMinor: number;
  revenueMinor: number;
  profitMinor: number;
  orders: number;
  roas: number | null;
}

export interface TrendPoint {
  date: LocalDate;
  spendMinor: number;
  revenueMinor: number;
  roas: number | null;
}

export interface InventorySpendRow {
  productId: string;
  spendMinor: number;
  spendShare: number;
  revenueMinor: number;
  units: number;
  stockAvailable: number | null;
  daysOfCover: number | null;
  alignment: Alignment;
}

export interface Dashboard {
  currency: string;
  period: Period;
  previousPeriod: Period;
  model: string;
  kpis: Kpis;
  previous: Kpis;
  change: KpiChanges;
  byChannel: Breakdown[];
  byRegion: Breakdown[];
  trend: TrendPoint[];
  inventory: InventorySpendRow[];
}

type Num = number | null;
const n = (v: Num | undefined): number => Number(v ?? 0);

export function createDashboardQueries(warehouse: Pick<Warehouse, 'query'>) {
  const scope = (brand: Brand, from: string, to: string) => ({
    brand: brand.id,
    from,
    to,
    model: brand.targets.attributionModel,
  });

  async function kpiPair(ctx: TenantContext, brand: Brand, period: Period, prev: Period) {
    const p = { ...scope(brand, prev.from, period.to), cur: period.from };
    const split = (col: string) =>
      `SUM(CASE WHEN date >= CAST(@cur AS DATE) THEN ${col} ELSE 0 END) AS cur, SUM(CASE WHEN date < CAST(@cur AS DATE) THEN ${col} ELSE 0 END) AS prev`;
    const range = 'brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';
    type Pair = { cur: Num; prev: Num };
    const [spend, sales, refunds, profit] = await Promise.all([
      warehouse.query<Pair>(ctx, `SELECT ${split('spend_minor')} FROM {{ad_performance}} WHERE ${range}`, p),
      warehouse.query<Pair & { cur_orders: Num; prev_orders: Num }>(
        ctx,
        `SELECT ${split('total_minor')}, SUM(CASE WHEN date >= CAST(@cur AS DATE) THEN 1 ELSE 0 END) AS cur_orders, SUM(CASE WHEN date < CAST(@cur AS DATE) THEN 1 ELSE 0 END) AS prev_orders FROM {{orders}} WHERE ${range} AND cancelled_at IS NULL`,
        p,
      ),
      warehouse.query<Pair>(ctx, `SELECT ${split('amount_minor')} FROM {{refunds}} WHERE ${range}`, p),
      warehouse.query<Pair & { cur_rows: Num; prev_rows: Num }>(
        ctx,
        `SELECT ${split('profit_minor')}, SUM(CASE WHEN date >= CAST(@cur AS DATE) THEN 1 ELSE 0 END) AS cur_rows, SUM(CASE WHEN date < CAST(@cur AS DATE) THEN 1 ELSE 0 END) AS prev_rows FROM {{unified_performance}} WHERE ${range} AND model = @model`,
        p,
      ),
    ]);
    const build = (which: 'cur' | 'prev'): Kpis => {
      const spendMinor = n(spend[0]?.[which]);
      const revenueMinor = n(sales[0]?.[which]) - n(refunds[0]?.[which]);
      const hasProfit = n(profit[0]?.[which === 'cur' ? 'cur_rows' : 'prev_rows']) > 0;
      return {
        spendMinor,
        revenueMinor,
        blendedRoas: ratio(revenueMinor, spendMinor),
        profitMinor: hasProfit ? n(profit[0]?.[which]) : null,
        orders: n(sales[0]?.[which === 'cur' ? 'cur_orders' : 'prev_orders']),
      };
    };
    return { current: build('cur'), previous: build('prev') };
  }

  async function breakdown(ctx: TenantContext, brand: Brand, period: Period, column: 'channel' | 'region') {
    const rows = await warehouse.query<{ k: string; spend: Num; revenue: Num; profit: Num; orders: Num }>(
      ctx,
      `SELECT COALESCE(${column}, 'unknown') AS k, SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue, SUM(profit_minor) AS profit, SUM(orders) AS orders
       FROM {{unified_performance}} WHERE brand_id = @brand AND model = @model AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
       GROUP BY k ORDER BY spend DESC, k`,
      scope(brand, period.from, period.to),
    );
    return rows.map(
      (r): Breakdown => ({
        key: r.k,
        spendMinor: n(r.spend),
        revenueMinor: n(r.revenue),
        profitMinor: n(r.profit),
        orders: n(r.orders),
        roas: ratio(n(r.revenue), n(r.spend)),
      }),
    );
  }

  async function trend(ctx: TenantContext, brand: Brand, period: Period): Promise<TrendPoint[]> {
    const p = scope(brand, period.from, period.to);
    const range = 'brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';
    type Daily = { d: string; v: Num };
    const [spend, sales, refunds] = await Promise.all([
      warehouse.query<Daily>(
        ctx,
        `SELECT date AS d, SUM(spend_minor) AS v FROM {{ad_performance}} WHERE ${range} GROUP BY date`,
        p,
      ),
      warehouse.query<Daily>(
        ctx,
        `SELECT date AS d, SUM(total_minor) AS v FROM {{orders}} WHERE ${range} AND cancelled_at IS NULL GROUP BY date`,
        p,
      ),
      warehouse.query<Daily>(
        ctx,
        `SELECT date AS d, SUM(amount_minor) AS v FROM {{refunds}} WHERE ${range} GROUP BY date`,
        p,
      ),
    ]);
    const byDay = (rows: Daily[]) => new Map(rows.map((r) => [r.d, n(r.v)]));
    const [s, o, r] = [byDay(spend), byDay(sales), byDay(refunds)];
    return eachDay(period.from, period.to).map((date) => {
      const spendMinor = s.get(date) ?? 0;
      const revenueMinor = (o.get(date) ?? 0) - (r.get(date) ?? 0);
      return { date, spendMinor, revenueMinor, roas: ratio(revenueMinor, spendMinor) };
    });
  }

  async function inventory(ctx: TenantContext, brand: Brand, period: Period): Promise<InventorySpendRow[]> {
    const p = scope(brand, period.from, period.to);
    const where =
      'brand_id = @brand AND model = @model AND product_id IS NOT NULL AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';
    const [totals, stock] = await Promise.all([
      warehouse.query<{ product_id: string; spend: Num; revenue: Num; units: Num }>(
        ctx,
        `SELECT product_id, SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue, SUM(units) AS units FROM {{unified_performance}} WHERE ${where} GROUP BY product_id`,
        p,
      ),
      // Stock and cover are levels, not flows: take them from each product's latest day.
      warehouse.query<{ product_id: string; stock: Num; cover: Num }>(
        ctx,
        `SELECT u.product_id AS product_id, MAX(u.stock_available) AS stock, MAX(u.days_of_cover) AS cover
         FROM {{unified_performance}} u
         JOIN (SELECT product_id, MAX(date) AS d FROM {{unified_performance}} WHERE ${where} AND stock_available IS NOT NULL GROUP BY product_id) latest
           ON u.product_id = latest.product_id AND u.date = latest.d
         WHERE u.brand_id = @brand AND u.model = @model
         GROUP BY u.product_id`,
        p,
      ),
    ]);
    const levels = new Map(stock.map((s) => [s.product_id, s]));
    const totalSpend = totals.reduce((sum, t) => sum + n(t.spend), 0);
    return totals
      .map((t): InventorySpendRow => {
        const level = levels.get(t.product_id);
        const spendMinor = n(t.spend);
        const spendShare = totalSpend === 0 ? 0 : spendMinor / totalSpend;
        const stockAvailable = level?.stock ?? null;
        const daysOfCover = level?.cover ?? null;
        return {
          productId: t.product_id,
          spendMinor,
          spendShare,
          revenueMinor: n(t.revenue),
          units: n(t.units),
          stockAvailable,
          daysOfCover,
          alignment: classifyAlignment({
            spendMinor,
            spendShare,
            stockAvailable,
            daysOfCover,
            lowCoverDays: brand.targets.lowCoverDays,
            overstockCoverDays: brand.targets.overstockCoverDays,
          }),
        };
      })
      .sort((a, b) => b.spendMinor - a.spendMinor || a.productId.localeCompare(b.productId));
  }

  return {
    kpis: kpiPair,
    async dashboard(ctx: TenantContext, brand: Brand, period: Period): Promise<Dashboard> {
      const prev = previousPeriod(period);
      const [pair, byChannel, byRegion, series, rows] = await Promise.all([
        kpiPair(ctx, brand, period, prev),
        breakdown(ctx, brand, period, 'channel'),
        breakdown(ctx, brand, period, 'region'),
        trend(ctx, brand, period),
        inventory(ctx, brand, period),
      ]);
      return {
        currency: brand.currency,
        period,
        previousPeriod: prev,
        model: brand.targets.attributionModel,
        kpis: pair.current,
        previous: pair.previous,
        change: kpiChanges(pair.current, pair.previous),
        byChannel,
        byRegion,
        trend: series,
        inventory: rows,
      };
    },
  };
}
export type DashboardQueries = ReturnType<typeof createDashboardQueries>;
