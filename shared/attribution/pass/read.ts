import { z } from 'zod';
import { type AttributionModel, attributionModelSchema } from '../../domain/entities/brand';
import type { RevenueDefinition } from '../../domain/performance/revenue';
import { addDays, type LocalDate } from '../../domain/time';
import type { Warehouse, WarehouseParam } from '../../ports/warehouse';
import { type ColumnRead, type ColumnSpec, readColumns } from '../../ports/warehouse-columns';
import { type BrandScope, queryRows } from '../../ports/warehouse-rows';
import { attributionColumns } from '../../ports/warehouse-tables';

const str = z.string();
const optStr = z.string().nullable();
const int = z.number().int();
const optInt = z.number().int().nullable();

const range = (from: LocalDate, to: LocalDate) => ({ from, to });
const IN_RANGE = 'brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';

/**
 * The pass reads millions of rows, so its chunk reads come back as columns (`readColumns`, no
 * object per row) and lean: timestamps as epoch milliseconds (UNIX_MILLIS, as FLOAT64 so no 64-bit
 * integer is boxed), lines and touches tied to their order by its position in the chunk (`seq`,
 * 1-based, in the order `orders` returns them) rather than by its id, and a touch's UTMs and click
 * kind as a `shape` number whose strings come once, on the row that `defines` it.
 */
export const orderColumns = {
  order_id: 'string',
  created_ms: 'number',
  date: 'string',
  currency: 'string',
  region: 'string?',
  discount_codes: 'string?',
  cancelled_ms: 'number?',
  fulfillment_cost_minor: 'number?',
  total_minor: 'number',
  shipping_minor: 'number',
  tax_minor: 'number',
} as const;
export type OrderColumns = ColumnRead<typeof orderColumns>;

export const lineColumns = {
  seq: 'number',
  variant_id: 'string?',
  product_id: 'string?',
  quantity: 'number',
  total_minor: 'number',
  unit_cost_minor: 'number?',
} as const;
export type LineColumns = ColumnRead<typeof lineColumns>;

export const shapeColumns = {
  shape: 'number',
  defines: 'boolean',
  utm_source: 'string?',
  utm_medium: 'string?',
  utm_campaign: 'string?',
  click_type: 'string?',
  /** The campaign a click-id mapping (click_campaigns) gives the touch's click id, and its platform. */
  click_platform: 'string?',
  click_campaign: 'string?',
} as const;
export type ShapeColumns = ColumnRead<typeof shapeColumns>;

/** Journey touches of orders: what the models need of each. */
export const touchColumns = {
  ...shapeColumns,
  seq: 'number',
  touchpoint_id: 'string',
  at_ms: 'number',
} as const;
export type TouchColumns = ColumnRead<typeof touchColumns>;

/**
 * Touches that led to no order: only each one's customer (numbered; null when anonymous), shape,
 * and the chunk of the pass (its index) whose days hold it.
 */
export const strayColumns = { ...shapeColumns, who: 'number?', chunk: 'number' } as const;
export type StrayColumns = ColumnRead<typeof strayColumns>;

const earlierLineSchema = z.object({
  order_id: str,
  variant_id: optStr,
  product_id: optStr,
  quantity: int,
  total_minor: int,
  unit_cost_minor: optInt,
});

export const refundRowSchema = z.object({
  order_id: str,
  date: str,
  variant_id: optStr,
  quantity: int,
  amount_minor: int,
  currency: str,
});
export type RefundRow = z.infer<typeof refundRowSchema>;

export const spendRowSchema = z.object({
  date: str,
  platform: str,
  campaign_id: str,
  region: optStr,
  spend_minor: int,
  claimed_minor: int,
});
export type SpendRow = z.infer<typeof spendRowSchema>;

const earlierCreditSchema = z.object({
  order_id: str,
  channel: str,
  platform: optStr,
  campaign_id: optStr,
  credit: z.number(),
  region: optStr,
});

/**
 * How far before a pass's range its refunds and cancellations still reach back for the order they
 * belong to: an order is rarely refunded or cancelled more than a year after it was placed, and the
 * bound keeps BigQuery's partition pruning.
 */
export const EARLIER_DAYS = 365;

export const campaignRowSchema = z.object({ campaign_id: str, promoted_product_ids: optStr });

/** Refunds of orders placed in a range, on the order's own day (refund timing `order_day`). */
const REFUNDS_BY_ORDER_DAY = `SELECT r.order_id, o.date AS date, r.variant_id, r.quantity, r.amount_minor, r.currency
  FROM {{refunds}} r JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id
  WHERE r.brand_id = @brand AND r.date >= CAST(@from AS DATE) AND o.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
    AND o.cancelled_at IS NULL AND (@allKinds OR r.kind = 'line')
  ORDER BY r.created_at, r.refund_id`;
/** Refunds made in a range, on their own day; an order the warehouse does not hold counts (as unattributed). */
const REFUNDS_BY_REFUND_DAY = `SELECT r.order_id, r.date, r.variant_id, r.quantity, r.amount_minor, r.currency
  FROM {{refunds}} r LEFT JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id
  WHERE r.brand_id = @brand AND r.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
    AND o.cancelled_at IS NULL AND (@allKinds OR r.kind = 'line')
  ORDER BY r.created_at, r.refund_id`;

/** The chunk's orders numbered in the order `orders` returns them; lines and touches join it. */
const NUMBERED_ORDERS = `SELECT order_id, ROW_NUMBER() OVER (ORDER BY created_at, order_id) AS seq
  FROM {{orders}} WHERE ${IN_RANGE}`;
/** Where a touch points, as columns of a touch row `t`. */
const SHAPE_OF = (t: string) => `${t}.utm_source, ${t}.utm_medium, ${t}.utm_campaign,
  CASE WHEN ${t}.click_id IS NOT NULL THEN ${t}.click_id_type END AS click_type,
  m.platform AS click_platform, m.campaign AS click_campaign`;
/**
 * The click-id mapping joined to touches `t`: one row per click id (so no touch is doubled), a
 * merchant's imported mapping before Google's click_view, then the latest.
 */
const CLICK_MAP = (t: string) => `LEFT JOIN (SELECT click_id, platform, campaign FROM (
      SELECT click_id, platform, campaign, ROW_NUMBER() OVER (PARTITION BY click_id
        ORDER BY CASE WHEN source = 'import' THEN 0 ELSE 1 END, date DESC, platform, campaign) AS pick
      FROM {{click_campaigns}} WHERE brand_id = @brand) c WHERE pick = 1) m ON m.click_id = ${t}.click_id`;
const SHAPE_COLUMN_NAMES = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'click_type',
  'click_platform',
  'click_campaign',
] as const;
const SHAPE_KEY = SHAPE_COLUMN_NAMES.join(', ');
/**
 * The distinct shapes of the touches in `t`, numbered, each with the first touch that carries it:
 * grouping a chunk's touches and joining the few dozen shapes back costs far less than ranking
 * every touch by six strings (decision 304).
 */
const SHAPES = `shapes AS (SELECT ${SHAPE_KEY}, MIN(touchpoint_id) AS first_id,
    CAST(ROW_NUMBER() OVER () AS INTEGER) AS shape
  FROM t GROUP BY ${SHAPE_KEY})`;
/** Each touch `t` to its shape `s` on all six columns, NULL matching NULL (and never ''). */
const SHAPE_JOIN = `JOIN shapes s ON ${SHAPE_COLUMN_NAMES.map((c) => `t.${c} IS NOT DISTINCT FROM s.${c}`).join(' AND ')}`;
/** A touch's shape number, and the shape's strings on the one row that `defines` it. */
const SHAPE_COLUMNS = `s.shape, t.touchpoint_id = s.first_id AS defines, ${SHAPE_COLUMN_NAMES.map(
  (c) => `CASE WHEN t.touchpoint_id = s.first_id THEN s.${c} END AS ${c}`,
).join(', ')}`;

/** The warehouse reads of one pass, each bounded by brand and local-date range. */
export function createPassReader(warehouse: Warehouse, scope: BrandScope) {
  const q = <S extends z.ZodType>(schema: S, sql: string, params: Record<string, WarehouseParam>) =>
    queryRows(warehouse, scope, schema, sql, params);
  const cols = <S extends ColumnSpec>(spec: S, sql: string, params: Record<string, WarehouseParam>) =>
    readColumns(warehouse, scope, spec, sql, params);
  return {
    orders: (from: LocalDate, to: LocalDate) =>
      cols(
        orderColumns,
        `SELECT order_id, CAST(UNIX_MILLIS(created_at) AS FLOAT64) AS created_ms, date, currency, region,
           discount_codes, CAST(UNIX_MILLIS(cancelled_at) AS FLOAT64) AS cancelled_ms, fulfillment_cost_minor,
           total_minor, shipping_minor, tax_minor
         FROM {{orders}} WHERE ${IN_RANGE} ORDER BY created_at, order_id`,
        range(from, to),
      ),
    /** Lines of the orders placed in [from, to], by their order's `seq`. */
    lines: (from: LocalDate, to: LocalDate) =>
      cols(
        lineColumns,
        `WITH o AS (${NUMBERED_ORDERS})
         SELECT CAST(o.seq AS INTEGER) AS seq, l.variant_id, l.product_id, l.quantity, l.total_minor,
           l.unit_cost_minor
         FROM {{order_lines}} l JOIN o ON o.order_id = l.order_id
         WHERE l.brand_id = @brand AND l.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
         ORDER BY o.seq, l.line_id`,
        range(from, to),
      ),
    /**
     * The refunds that count under the revenue definition, on the day it puts them: refunds of
     * cancelled orders never (the order is left out whole), refunded shipping and tax only under
     * `order_total`.
     */
    refunds: (from: LocalDate, to: LocalDate, definition: RevenueDefinition) =>
      q(refundRowSchema, definition.refunds === 'order_day' ? REFUNDS_BY_ORDER_DAY : REFUNDS_BY_REFUND_DAY, {
        from,
        to,
        allKinds: definition.basis === 'order_total',
      }),
    /**
     * Journey touches (Shopify's customer journey) of the orders placed in [from, to], tied to
     * their order by its `seq` and in no particular order (the journeys step groups them by
     * order, which costs less than the warehouse sorting every touch: decision 987): joined on the
     * order so no touch is read twice across chunks; the touch-date bound keeps BigQuery's
     * partition pruning.
     */
    orderTouches: (from: LocalDate, to: LocalDate, windowDays: number) =>
      cols(
        touchColumns,
        `WITH o AS (${NUMBERED_ORDERS}),
         t AS (SELECT o.seq, t.touchpoint_id, t.occurred_at, ${SHAPE_OF('t')}
               FROM {{touchpoints}} t JOIN o ON o.order_id = t.order_id ${CLICK_MAP('t')}
               WHERE t.brand_id = @brand AND t.date BETWEEN CAST(@touchFrom AS DATE) AND CAST(@to AS DATE)),
         ${SHAPES}
         SELECT CAST(t.seq AS INTEGER) AS seq, t.touchpoint_id, CAST(UNIX_MILLIS(t.occurred_at) AS FLOAT64) AS at_ms,
           ${SHAPE_COLUMNS}
         FROM t ${SHAPE_JOIN}`,
        { from, to, touchFrom: addDays(from, -windowDays - 1) },
      ),
    /**
     * Touches that led to no order, the non-converting journeys the Markov chain needs: each
     * chunk's (chunks start on `chunkStarts`, the first being `from`) customers' touches together,
     * oldest first, chunk after chunk. One read for the whole range: a chunk's date bound does not
     * narrow the scan of touches stored out of date order (decision 978). Sorted by the customer's
     * number, which follows (chunk, customer id), rather than by the id string again (decision 987).
     */
    strayTouches: (from: LocalDate, to: LocalDate, chunkStarts: readonly LocalDate[] = [from]) => {
      const later = chunkStarts.slice(1);
      const chunk = later.length
        ? `CASE ${later.map((_, i) => `WHEN s.date < CAST(@chunk${i + 1} AS DATE) THEN ${i}`).join(' ')} ELSE ${later.length} END`
        : '0';
      return cols(
        strayColumns,
        `WITH t AS (SELECT ${chunk} AS chunk, customer_id, touchpoint_id, occurred_at, ${SHAPE_OF('s')}
                    FROM {{touchpoints}} s ${CLICK_MAP('s')}
                    WHERE s.brand_id = @brand AND s.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
                      AND s.order_id IS NULL),
         ${SHAPES}
         SELECT CAST(t.chunk AS INTEGER) AS chunk, CASE WHEN t.customer_id IS NOT NULL
             THEN CAST(DENSE_RANK() OVER (ORDER BY t.chunk, t.customer_id) AS INTEGER) END AS who,
           ${SHAPE_COLUMNS}
         FROM t ${SHAPE_JOIN}
         ORDER BY t.chunk, who, t.occurred_at`,
        { ...range(from, to), ...Object.fromEntries(later.map((d, i) => [`chunk${i + 1}`, d])) },
      );
    },
    spend: (from: LocalDate, to: LocalDate) =>
      q(
        spendRowSchema,
        `SELECT date, platform, campaign_id, region, SUM(spend_minor) AS spend_minor,
           SUM(platform_conversion_value_minor) AS claimed_minor
         FROM {{ad_performance}} WHERE ${IN_RANGE}
         GROUP BY date, platform, campaign_id, region`,
        range(from, to),
      ),
    /** The newest snapshot of each campaign up to `to`. */
    campaigns: (to: LocalDate) =>
      q(
        campaignRowSchema,
        `SELECT c.campaign_id, c.promoted_product_ids FROM {{campaigns}} c
         JOIN (SELECT campaign_id, MAX(date) AS d FROM {{campaigns}}
               WHERE brand_id = @brand AND date <= CAST(@to AS DATE) GROUP BY campaign_id) m
           ON c.campaign_id = m.campaign_id AND c.date = m.d
         WHERE c.brand_id = @brand`,
        { to },
      ),
    /** Stored credits (one model) and region of orders sold in the year before `from`. */
    earlierCredits: (orderIds: readonly string[], model: AttributionModel, from: LocalDate) => {
      const { credit } = attributionColumns(attributionModelSchema.parse(model));
      return orderIds.length === 0
        ? Promise.resolve([])
        : q(
            earlierCreditSchema,
            `SELECT a.order_id, a.channel, a.platform, a.campaign_id, a.${credit} AS credit, o.region
             FROM {{attributions}} a JOIN {{orders}} o ON o.brand_id = a.brand_id AND o.order_id = a.order_id
             WHERE a.brand_id = @brand AND a.${credit} > 0 AND a.order_id IN (SELECT * FROM UNNEST(@ids))
               AND a.date >= CAST(@since AS DATE) AND a.date < CAST(@from AS DATE)
               AND o.date >= CAST(@since AS DATE) AND o.date < CAST(@from AS DATE)`,
            { ids: orderIds, since: addDays(from, -EARLIER_DAYS), from },
          );
    },
    /** Lines of orders sold in the year before `from`. */
    earlierLines: (orderIds: readonly string[], from: LocalDate) =>
      orderIds.length === 0
        ? Promise.resolve([])
        : q(
            earlierLineSchema,
            `SELECT order_id, variant_id, product_id, quantity, total_minor, unit_cost_minor
             FROM {{order_lines}} WHERE brand_id = @brand AND order_id IN (SELECT * FROM UNNEST(@ids))
               AND date >= CAST(@since AS DATE) AND date < CAST(@from AS DATE)
             ORDER BY order_id, line_id`,
            { ids: orderIds, since: addDays(from, -EARLIER_DAYS), from },
          ),
    /** Net units per variant and local day (sales on the order day, refunded units off on theirs). */
    dailyUnits: (from: LocalDate, to: LocalDate) =>
      q(
        z.object({ date: str, variant_id: str, units: z.number() }),
        `SELECT date, variant_id, SUM(units) AS units FROM (
           SELECT date, variant_id, quantity AS units FROM {{order_lines}} WHERE ${IN_RANGE} AND variant_id IS NOT NULL
           UNION ALL
           SELECT date, variant_id, -quantity AS units FROM {{refunds}} WHERE ${IN_RANGE} AND variant_id IS NOT NULL
         ) u GROUP BY date, variant_id`,
        range(from, to),
      ),
    /** Stock per variant and day over all locations, from the daily snapshots. */
    stockByDay: (from: LocalDate, to: LocalDate) =>
      q(
        z.object({ date: str, variant_id: str, available: z.number() }),
        `SELECT date, variant_id, SUM(available) AS available
         FROM {{inventory_snapshots}} WHERE ${IN_RANGE} GROUP BY date, variant_id`,
        range(from, to),
      ),
  };
}
export type PassReader = ReturnType<typeof createPassReader>;
