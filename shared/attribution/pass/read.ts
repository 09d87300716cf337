import { z } from 'zod';
import { type AttributionModel, attributionModelSchema } from '../../domain/entities/brand';
import { addDays, type LocalDate } from '../../domain/time';
import type { Warehouse, WarehouseParam } from '../../ports/warehouse';
import { type BrandScope, queryRows } from '../../ports/warehouse-rows';
import { attributionColumns } from '../../ports/warehouse-tables';

const str = z.string();
const optStr = z.string().nullable();
const int = z.number().int();
const optInt = z.number().int().nullable();

const range = (from: LocalDate, to: LocalDate) => ({ from, to });
const IN_RANGE = 'brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';

/**
 * The pass reads millions of rows, so they come back lean: timestamps as epoch milliseconds
 * (UNIX_MILLIS, as FLOAT64 so no 64-bit integer is boxed), lines and touches tied to their order by
 * its position in the chunk (`seq`, 1-based, in the order `orders` returns them) rather than by its
 * id, and a touch's UTMs and click kind as a `shape` number whose strings come once, on the row
 * that `defines` it.
 */
export const orderRowSchema = z.object({
  order_id: str,
  created_ms: int,
  date: str,
  currency: str,
  region: optStr,
  discount_codes: optStr,
  cancelled_ms: optInt,
  fulfillment_cost_minor: optInt,
});
export type OrderRow = z.infer<typeof orderRowSchema>;

export const lineRowSchema = z.object({
  seq: int,
  variant_id: optStr,
  product_id: optStr,
  quantity: int,
  total_minor: int,
  unit_cost_minor: optInt,
});
export type LineRow = z.infer<typeof lineRowSchema>;

const shapeRowSchema = z.object({
  shape: int,
  defines: z.boolean(),
  utm_source: optStr,
  utm_medium: optStr,
  utm_campaign: optStr,
  click_type: optStr,
});
export type ShapeRow = z.infer<typeof shapeRowSchema>;

/** A journey touch of an order: what the models need of it. */
export const touchRowSchema = shapeRowSchema.extend({ seq: int, touchpoint_id: str, at_ms: int });
export type TouchRow = z.infer<typeof touchRowSchema>;

/** A touch that led to no order: only its customer (numbered; null when anonymous) and shape. */
export const strayRowSchema = shapeRowSchema.extend({ who: optInt });
export type StrayRow = z.infer<typeof strayRowSchema>;

const earlierLineSchema = lineRowSchema.omit({ seq: true }).extend({ order_id: str });

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

const cancelledEarlierSchema = z.object({
  order_id: str,
  cancelled_ms: int,
  currency: str,
  region: optStr,
});

/**
 * How far before a pass's range its refunds and cancellations still reach back for the order they
 * belong to: an order is rarely refunded or cancelled more than a year after it was placed, and the
 * bound keeps BigQuery's partition pruning.
 */
export const EARLIER_DAYS = 365;

export const campaignRowSchema = z.object({ campaign_id: str, promoted_product_ids: optStr });

/** The chunk's orders numbered in the order `orders` returns them; lines and touches join it. */
const NUMBERED_ORDERS = `SELECT order_id, ROW_NUMBER() OVER (ORDER BY created_at, order_id) AS seq
  FROM {{orders}} WHERE ${IN_RANGE}`;
/** Where a touch points, as columns of a touch row `t`. */
const SHAPE_OF = (t: string) => `${t}.utm_source, ${t}.utm_medium, ${t}.utm_campaign,
  CASE WHEN ${t}.click_id IS NOT NULL THEN ${t}.click_id_type END AS click_type`;
/** Numbers the shapes of the touches in `x`: the number, and the shape's strings on one row each. */
const SHAPE_COLUMNS = `CAST(DENSE_RANK() OVER (ORDER BY utm_source, utm_medium, utm_campaign, click_type) AS INTEGER) AS shape,
  rn = 1 AS defines, CASE WHEN rn = 1 THEN utm_source END AS utm_source,
  CASE WHEN rn = 1 THEN utm_medium END AS utm_medium, CASE WHEN rn = 1 THEN utm_campaign END AS utm_campaign,
  CASE WHEN rn = 1 THEN click_type END AS click_type`;
const SHAPE_RN = `ROW_NUMBER() OVER (PARTITION BY utm_source, utm_medium, utm_campaign, click_type ORDER BY touchpoint_id) AS rn`;

/** The warehouse reads of one pass, each bounded by brand and local-date range. */
export function createPassReader(warehouse: Warehouse, scope: BrandScope) {
  const q = <S extends z.ZodType>(schema: S, sql: string, params: Record<string, WarehouseParam>) =>
    queryRows(warehouse, scope, schema, sql, params);
  return {
    orders: (from: LocalDate, to: LocalDate) =>
      q(
        orderRowSchema,
        `SELECT order_id, CAST(UNIX_MILLIS(created_at) AS FLOAT64) AS created_ms, date, currency, region,
           discount_codes, CAST(UNIX_MILLIS(cancelled_at) AS FLOAT64) AS cancelled_ms, fulfillment_cost_minor
         FROM {{orders}} WHERE ${IN_RANGE} ORDER BY created_at, order_id`,
        range(from, to),
      ),
    /** Lines of the orders placed in [from, to], by their order's `seq`. */
    lines: (from: LocalDate, to: LocalDate) =>
      q(
        lineRowSchema,
        `WITH o AS (${NUMBERED_ORDERS})
         SELECT CAST(o.seq AS INTEGER) AS seq, l.variant_id, l.product_id, l.quantity, l.total_minor,
           l.unit_cost_minor
         FROM {{order_lines}} l JOIN o ON o.order_id = l.order_id
         WHERE l.brand_id = @brand AND l.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
         ORDER BY o.seq, l.line_id`,
        range(from, to),
      ),
    refunds: (from: LocalDate, to: LocalDate) =>
      q(
        refundRowSchema,
        `SELECT order_id, date, variant_id, quantity, amount_minor, currency
         FROM {{refunds}} WHERE ${IN_RANGE} ORDER BY created_at, refund_id`,
        range(from, to),
      ),
    /**
     * Journey touches (Shopify's customer journey) of the orders placed in [from, to], by their
     * order's `seq`: joined on the order so no touch is read twice across chunks; the touch-date
     * bound keeps BigQuery's partition pruning.
     */
    orderTouches: (from: LocalDate, to: LocalDate, windowDays: number) =>
      q(
        touchRowSchema,
        `WITH o AS (${NUMBERED_ORDERS}),
         t AS (SELECT o.seq, t.touchpoint_id, t.occurred_at, ${SHAPE_OF('t')}
               FROM {{touchpoints}} t JOIN o ON o.order_id = t.order_id
               WHERE t.brand_id = @brand AND t.date BETWEEN CAST(@touchFrom AS DATE) AND CAST(@to AS DATE))
         SELECT CAST(seq AS INTEGER) AS seq, touchpoint_id, CAST(UNIX_MILLIS(occurred_at) AS FLOAT64) AS at_ms,
           ${SHAPE_COLUMNS}
         FROM (SELECT t.*, ${SHAPE_RN} FROM t) x
         ORDER BY seq`,
        { from, to, touchFrom: addDays(from, -windowDays - 1) },
      ),
    /**
     * Touches that led to no order, the non-converting journeys the Markov chain needs: each
     * customer's together, oldest first.
     */
    strayTouches: (from: LocalDate, to: LocalDate) =>
      q(
        strayRowSchema,
        `WITH t AS (SELECT customer_id, touchpoint_id, occurred_at, ${SHAPE_OF('s')}
                    FROM {{touchpoints}} s WHERE ${IN_RANGE} AND order_id IS NULL)
         SELECT CASE WHEN customer_id IS NOT NULL
             THEN CAST(DENSE_RANK() OVER (ORDER BY customer_id) AS INTEGER) END AS who,
           ${SHAPE_COLUMNS}
         FROM (SELECT t.*, ${SHAPE_RN} FROM t) x
         ORDER BY customer_id, occurred_at`,
        range(from, to),
      ),
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
    /**
     * Orders sold in the year before `from` and cancelled in [from, to] (give or take a day for
     * the brand's timezone; the caller keeps those whose local cancellation day is in range).
     */
    cancelledEarlier: (from: LocalDate, to: LocalDate) =>
      q(
        cancelledEarlierSchema,
        `SELECT order_id, UNIX_MILLIS(cancelled_at) AS cancelled_ms, currency, region FROM {{orders}}
         WHERE brand_id = @brand AND date >= CAST(@since AS DATE) AND date < CAST(@from AS DATE)
           AND cancelled_at >= CAST(@after AS TIMESTAMP) AND cancelled_at < CAST(@before AS TIMESTAMP)`,
        {
          since: addDays(from, -EARLIER_DAYS),
          from,
          after: `${addDays(from, -1)} 00:00:00`,
          before: `${addDays(to, 2)} 00:00:00`,
        },
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
    /** What was refunded, before `from`, of orders sold in the year before it. */
    earlierRefunds: (orderIds: readonly string[], from: LocalDate) =>
      orderIds.length === 0
        ? Promise.resolve([])
        : q(
            refundRowSchema,
            `SELECT order_id, date, variant_id, quantity, amount_minor, currency
             FROM {{refunds}} WHERE brand_id = @brand AND order_id IN (SELECT * FROM UNNEST(@ids))
               AND date >= CAST(@since AS DATE) AND date < CAST(@from AS DATE)`,
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
