import type { Brand } from '../domain/entities';
import { ratio } from '../domain/reporting/kpis';
import type { Period } from '../domain/reporting/period';
import type { TenantContext } from '../domain/tenancy';
import { eachDay } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import type { Breakdown, TrendPoint } from './dashboard';

export const DRILLDOWN_DIMENSIONS = ['channel', 'campaign', 'product', 'region'] as const;
export type DrilldownDimension = (typeof DRILLDOWN_DIMENSIONS)[number];

const COLUMN: Record<DrilldownDimension, string> = {
  channel: 'channel',
  campaign: 'campaign_id',
  product: 'product_id',
  region: 'region',
};
/** What one level down means for each dimension. */
const NEXT: Record<DrilldownDimension, DrilldownDimension> = {
  channel: 'campaign',
  campaign: 'product',
  product: 'campaign',
  region: 'channel',
};

export interface Drilldown {
  dimension: DrilldownDimension;
  id: string;
  currency: string;
  period: Period;
  totals: Omit<Breakdown, 'key'> & { units: number };
  trend: TrendPoint[];
  breakdown: { dimension: DrilldownDimension; rows: Breakdown[] };
}

type Num = number | null;
const n = (v: Num | undefined) => Number(v ?? 0);

/** One channel, campaign, product or region over a period, from unified_performance. */
export function createDrilldownQueries(warehouse: Pick<Warehouse, 'query'>) {
  return {
    /** Undefined when the brand has never had a row for this id (so the API answers 404). */
    async drilldown(
      ctx: TenantContext,
      brand: Brand,
      dimension: DrilldownDimension,
      id: string,
      period: Period,
    ): Promise<Drilldown | undefined> {
      const col = COLUMN[dimension];
      const next = NEXT[dimension];
      const p = {
        brand: brand.id,
        id,
        from: period.from,
        to: period.to,
      };
      const base = `brand_id = @brand AND ${col} = @id`;
      const inRange = `${base} AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)`;
      type Agg = { spend: Num; revenue: Num; profit: Num; orders: Num; units: Num };
      const sums =
        'SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue, SUM(profit_minor) AS profit, SUM(orders) AS orders, SUM(units) AS units';
      // Totals are the sum of the daily rows: two reads, not three.
      const [daily, rows] = await Promise.all([
        warehouse.query<Agg & { d: string }>(
          ctx,
          `SELECT date AS d, ${sums} FROM {{unified_performance}} WHERE ${inRange} GROUP BY date`,
          p,
        ),
        warehouse.query<Agg & { k: string }>(
          ctx,
          `SELECT COALESCE(${COLUMN[next]}, 'unknown') AS k, ${sums} FROM {{unified_performance}} WHERE ${inRange} GROUP BY k ORDER BY spend DESC, k`,
          p,
        ),
      ]);
      // Nothing in the period: is it an id with a quiet period, or one this brand never had?
      if (daily.length === 0) {
        const known = await warehouse.query(
          ctx,
          `SELECT 1 AS x FROM {{unified_performance}} WHERE ${base} LIMIT 1`,
          p,
        );
        if (known.length === 0) return undefined;
      }
      const t = daily.reduce(
        (acc, d) => ({
          spend: acc.spend + n(d.spend),
          revenue: acc.revenue + n(d.revenue),
          profit: acc.profit + n(d.profit),
          orders: acc.orders + n(d.orders),
          units: acc.units + n(d.units),
        }),
        { spend: 0, revenue: 0, profit: 0, orders: 0, units: 0 },
      );
      const byDay = new Map(daily.map((d) => [d.d, d]));
      return {
        dimension,
        id,
        currency: brand.currency,
        period,
        totals: {
          spendMinor: t.spend,
          revenueMinor: t.revenue,
          profitMinor: t.profit,
          orders: t.orders,
          units: t.units,
          roas: ratio(t.revenue, t.spend),
        },
        trend: eachDay(period.from, period.to).map((date) => {
          const d = byDay.get(date);
          return {
            date,
            spendMinor: n(d?.spend),
            revenueMinor: n(d?.revenue),
            roas: ratio(n(d?.revenue), n(d?.spend)),
          };
        }),
        breakdown: {
          dimension: next,
          rows: rows.map((r) => ({
            key: r.k,
            spendMinor: n(r.spend),
            revenueMinor: n(r.revenue),
            profitMinor: n(r.profit),
            orders: n(r.orders),
            roas: ratio(n(r.revenue), n(r.spend)),
          })),
        },
      };
    },
  };
}
export type DrilldownQueries = ReturnType<typeof createDrilldownQueries>;
