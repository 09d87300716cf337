import type { Brand } from '../domain/entities';
import type { Alignment } from '../domain/inventory/alignment';
import type { BrandRollup, DimensionDay } from '../domain/reporting/rollup';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { Warehouse, WarehouseParam } from '../ports/warehouse';
import { attributionColumns } from '../ports/warehouse-tables';

/**
 * Reads one brand's whole history as daily aggregates: spend, sales and refunds per day from the
 * truth tables, and unified_performance per day × channel / region / product and per day × the
 * pairs drilldowns show (channel → campaign, campaign → product, region → channel). The attribution
 * pass replaces whole date ranges with rows of the brand's model of the moment, so each day holds
 * one model's rows and nothing here filters by model.
 */
type Num = number | null;
type Sums = Record<'spend' | 'revenue' | 'profit' | 'orders' | 'units' | 'rows' | 'stock' | 'cover', Num>;
const n = (v: Num | undefined): number => Number(v ?? 0);

const SUMS = `SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue, SUM(profit_minor) AS profit,
  SUM(orders) AS orders, SUM(units) AS units, COUNT(*) AS "rows", MAX(stock_available) AS stock, MAX(days_of_cover) AS cover`;
const key = (column: string) => `COALESCE(${column}, 'unknown')`;

function toDay(r: Sums & { d: LocalDate }): DimensionDay {
  return {
    day: r.d,
    spend: n(r.spend),
    revenue: n(r.revenue),
    profit: n(r.profit),
    orders: n(r.orders),
    units: n(r.units),
    rows: n(r.rows),
    stock: r.stock,
    cover: r.cover,
  };
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/**
 * A filter to some days of `column` (with a leading AND), or none for the whole history: a range
 * first, which lets the engine skip partitions (BigQuery) or row groups (DuckDB zone maps), then the
 * exact days. `@days`, `@from` and `@to` are bound by `loadRollup`.
 */
const onDays = (days: readonly LocalDate[] | null, column: string) =>
  days
    ? ` AND ${column} BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE) AND CAST(${column} AS STRING) IN (SELECT * FROM UNNEST(@days))`
    : '';

/**
 * Refunds are read without joining the brand's orders (decision 1006): a refund row carries its
 * order's day (`order_date`), and the cancelled check reads only the cancelled orders. Rows whose
 * `order_date` is still NULL (written before their order arrived, or before the column) join
 * their order as before, so the numbers are the join's either way. That join scans every order
 * even when no row needs it, so it is left out when the brand has no such row (`unfilled`).
 */
const REFUND_OF = `r.brand_id = @brand AND r.currency = @currency AND (@allKinds OR r.kind = 'line')`;
const NOT_CANCELLED = `r.order_id NOT IN (SELECT order_id FROM {{orders}} WHERE brand_id = @brand AND cancelled_at IS NOT NULL)`;
const ITS_ORDER = 'JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id';
const UNFILLED = 'SELECT COUNT(*) AS n FROM {{refunds}} WHERE brand_id = @brand AND order_date IS NULL';
const orJoined = (unfilled: boolean, union: string, sql: string) =>
  unfilled ? `\n  ${union}\n  ${sql}` : '';

/**
 * Refunds under the brand's revenue definition, as the attribution pass reads them
 * (shared/attribution/pass/read.ts): none of a cancelled order (it is left out whole), refunded
 * shipping and tax only under order total, on the refund's day or the order's. On the refund's
 * day a refund whose order is not in the warehouse counts; on the order's day it cannot.
 */
const refundsOnRefundDay = (
  days: readonly LocalDate[] | null,
) => `SELECT r.date AS d, SUM(r.amount_minor) AS v FROM {{refunds}} r
  WHERE ${REFUND_OF} AND ${NOT_CANCELLED}${onDays(days, 'r.date')}
  GROUP BY r.date`;
const refundsOnOrderDay = (
  days: readonly LocalDate[] | null,
  unfilled: boolean,
) => `SELECT d, SUM(v) AS v FROM (
    SELECT r.order_date AS d, r.amount_minor AS v FROM {{refunds}} r
    WHERE ${REFUND_OF} AND r.order_date IS NOT NULL AND ${NOT_CANCELLED}${onDays(days, 'r.order_date')}${orJoined(
      unfilled,
      'UNION ALL',
      `SELECT o.date AS d, r.amount_minor AS v FROM {{refunds}} r ${ITS_ORDER}
    WHERE ${REFUND_OF} AND r.order_date IS NULL AND o.cancelled_at IS NULL${onDays(days, 'o.date')}`,
    )}
  ) x GROUP BY d`;

/**
 * The days a refund ties to the given days: the order days of their refunds and the refund days
 * of their orders. A cancellation on the order's day drops its refunds from their own days, and a
 * refund moves its order's day for a brand that books refunds there, so both are read again.
 */
const linkedDays = (
  days: readonly LocalDate[],
  unfilled: boolean,
) => `SELECT CAST(r.order_date AS STRING) AS d FROM {{refunds}} r
  WHERE r.brand_id = @brand AND r.order_date IS NOT NULL${onDays(days, 'r.date')}
  UNION DISTINCT
  SELECT CAST(r.date AS STRING) AS d FROM {{refunds}} r
  WHERE r.brand_id = @brand${onDays(days, 'r.order_date')}${orJoined(
    unfilled,
    'UNION DISTINCT',
    `SELECT CAST(o.date AS STRING) AS d FROM {{refunds}} r ${ITS_ORDER}
  WHERE r.brand_id = @brand AND r.order_date IS NULL${onDays(days, 'r.date')}
  UNION DISTINCT
  SELECT CAST(r.date AS STRING) AS d FROM {{refunds}} r ${ITS_ORDER}
  WHERE r.brand_id = @brand AND r.order_date IS NULL${onDays(days, 'o.date')}`,
  )}`;

/** The refund reads, by name, for the benchmark that times them against the join (test/bench/refund-reads.bench.ts). */
export const REFUND_READS = {
  unfilled: UNFILLED,
  refund_day: refundsOnRefundDay,
  order_day: refundsOnOrderDay,
  linked: linkedDays,
};

/** Whether any of the brand's refunds still lacks its order's day (and so needs the join). */
async function hasUnfilled(warehouse: Pick<Warehouse, 'query'>, ctx: TenantContext, brandId: string) {
  const [row] = await warehouse.query<{ n: number }>(ctx, UNFILLED, { brand: brandId });
  return Number(row?.n ?? 0) > 0;
}

const dayParams = (brandId: string, days: readonly LocalDate[] | null): Record<string, WarehouseParam> =>
  days ? { brand: brandId, days, from: days[0]!, to: days[days.length - 1]! } : { brand: brandId };

/** The given days and the days refunds tie to them, sorted. */
async function withLinkedDays(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brandId: string,
  days: readonly LocalDate[],
  unfilled: boolean,
): Promise<LocalDate[]> {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) return sorted;
  const linked = await warehouse.query<{ d: LocalDate }>(
    ctx,
    linkedDays(sorted, unfilled),
    dayParams(brandId, sorted),
  );
  return [...new Set([...sorted, ...linked.map((r) => r.d)])].sort();
}

export async function loadBrandRollup(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brand: Brand,
): Promise<BrandRollup> {
  return loadRollup(warehouse, ctx, brand, null, await hasUnfilled(warehouse, ctx, brand.id));
}

/**
 * The rollup's entries on the given days only — and on the days refunds tie to them — with the
 * latest stock (a level, not a day's flow): what replaces those days in a loaded rollup after an
 * incremental update (shared/domain/reporting/rollup-days.ts, decision 963). `days` is every day
 * read, so a day that lost all its rows is known to be empty.
 */
export async function loadRollupDays(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brand: Brand,
  changed: readonly LocalDate[],
): Promise<{ days: LocalDate[]; rollup: BrandRollup }> {
  const unfilled = await hasUnfilled(warehouse, ctx, brand.id);
  const days = await withLinkedDays(warehouse, ctx, brand.id, changed, unfilled);
  return { days, rollup: await loadRollup(warehouse, ctx, brand, days, unfilled) };
}

async function loadRollup(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brand: Brand,
  days: readonly LocalDate[] | null,
  unfilled: boolean,
): Promise<BrandRollup> {
  const p = dayParams(brand.id, days);
  const onDate = onDays(days, 'date');
  const single = async (column: string, where = '') => {
    const rows = await warehouse.query<Sums & { d: LocalDate; k: string }>(
      ctx,
      `SELECT date AS d, ${key(column)} AS k, ${SUMS} FROM {{unified_performance}} WHERE brand_id = @brand${where}${onDate} GROUP BY date, k`,
      p,
    );
    const out = new Map<string, DimensionDay[]>();
    for (const r of rows) push(out, r.k, toDay(r));
    return out;
  };
  const pair = async (parent: string, child: string, where = '') => {
    const rows = await warehouse.query<Sums & { d: LocalDate; a: string; k: string }>(
      ctx,
      `SELECT date AS d, ${key(parent)} AS a, ${key(child)} AS k, ${SUMS} FROM {{unified_performance}} WHERE brand_id = @brand${where}${onDate} GROUP BY date, a, k`,
      p,
    );
    const out = new Map<string, Map<string, DimensionDay[]>>();
    for (const r of rows) {
      const children = out.get(r.a) ?? new Map<string, DimensionDay[]>();
      push(children, r.k, toDay(r));
      out.set(r.a, children);
    }
    return out;
  };
  type Daily = { d: string; v: Num; c?: Num };
  const t = brand.targets;
  const def = { currency: brand.currency, allKinds: t.revenueBasis === 'order_total' };
  const { revenue: modelColumn } = attributionColumns(t.attributionModel);
  const [
    spend,
    sales,
    refunds,
    modelled,
    channel,
    region,
    product,
    channelCampaign,
    campaignProduct,
    regionChannel,
    variant,
    campaignVariant,
    stock,
  ] = await Promise.all([
    warehouse.query<Daily>(
      ctx,
      `SELECT date AS d, SUM(spend_minor) AS v FROM {{ad_performance}} WHERE brand_id = @brand${onDate} GROUP BY date`,
      p,
    ),
    warehouse.query<Daily>(
      ctx,
      `SELECT date AS d, SUM(${t.revenueBasis === 'order_total' ? 'total_minor' : 'total_minor - shipping_minor - tax_minor'}) AS v,
         COUNT(*) AS c
       FROM {{orders}} WHERE brand_id = @brand AND cancelled_at IS NULL AND currency = @currency${onDate} GROUP BY date`,
      { ...p, ...def },
    ),
    warehouse.query<Daily>(
      ctx,
      t.refundTiming === 'order_day' ? refundsOnOrderDay(days, unfilled) : refundsOnRefundDay(days),
      { ...p, ...def },
    ),
    t.geoFallback
      ? warehouse.query<Daily>(
          ctx,
          `SELECT date AS d, SUM(${modelColumn}) AS v FROM {{attributions}}
           WHERE brand_id = @brand AND method = 'geo_time'${onDate} GROUP BY date`,
          p,
        )
      : Promise.resolve(null),
    single('channel'),
    single('region'),
    single('product_id', ' AND product_id IS NOT NULL'),
    pair('channel', 'campaign_id'),
    pair('campaign_id', 'product_id'),
    pair('region', 'channel'),
    single('variant_id', ' AND variant_id IS NOT NULL'),
    pair('campaign_id', 'variant_id', ' AND variant_id IS NOT NULL'),
    warehouse.query<{ v: string; available: number; cover: Num; alignment: Alignment }>(
      ctx,
      `SELECT variant_id AS v, available, days_of_cover AS cover, alignment FROM {{inventory_status}}
         WHERE brand_id = @brand AND location_id = '*'
           AND date = (SELECT MAX(date) FROM {{inventory_status}} WHERE brand_id = @brand)`,
      { brand: brand.id },
    ),
  ]);
  return {
    spend: new Map(spend.map((r) => [r.d, n(r.v)])),
    sales: new Map(sales.map((r) => [r.d, { gross: n(r.v), count: n(r.c) }])),
    refunds: new Map(refunds.map((r) => [r.d, n(r.v)])),
    modelled: modelled && new Map(modelled.map((r) => [r.d, n(r.v)])),
    channel,
    region,
    product,
    channelCampaign,
    campaignProduct,
    regionChannel,
    variant,
    campaignVariant,
    stockByVariant: new Map(
      stock.map((r) => [r.v, { available: r.available, daysOfCover: r.cover, alignment: r.alignment }]),
    ),
  };
}
