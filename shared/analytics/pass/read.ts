import { z } from 'zod';
import { type AttributionModel, attributionModelSchema } from '../../domain/entities/brand';
import { addDays, type LocalDate } from '../../domain/time';
import type { Warehouse, WarehouseParam } from '../../ports/warehouse';
import { attributionColumns } from '../../ports/warehouse-tables';
import { type BrandScope, queryRows } from '../rows';

const str = z.string();
const optStr = z.string().nullable();
const int = z.number().int();
const optInt = z.number().int().nullable();

const range = (from: LocalDate, to: LocalDate) => ({ from, to });
const IN_RANGE = 'brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';

/** Timestamps are read as epoch milliseconds (UNIX_MILLIS): millions of them, never re-parsed. */
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
  order_id: str,
  variant_id: optStr,
  product_id: optStr,
  quantity: int,
  total_minor: int,
  unit_cost_minor: optInt,
});
export type LineRow = z.infer<typeof lineRowSchema>;

export const refundRowSchema = z.object({
  order_id: str,
  date: str,
  variant_id: optStr,
  quantity: int,
  amount_minor: int,
  currency: str,
});
export type RefundRow = z.infer<typeof refundRowSchema>;

/** A journey touch of an order: what the models need of it. */
export const touchRowSchema = z.object({
  touchpoint_id: str,
  order_id: str,
  at_ms: int,
  utm_source: optStr,
  utm_medium: optStr,
  utm_campaign: optStr,
  click_id_type: optStr,
});
export type TouchRow = z.infer<typeof touchRowSchema>;

/** A touch that led to no order: only its customer (to chain paths) and where it points. */
export const strayRowSchema = z.object({
  customer_id: optStr,
  utm_source: optStr,
  utm_medium: optStr,
  utm_campaign: optStr,
  click_id_type: optStr,
});
export type StrayRow = z.infer<typeof strayRowSchema>;

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

/** Where a touch points; `t` qualifies the columns with a table alias ('t.'). */
const shapeColumns = (t = '') =>
  `${t}utm_source, ${t}utm_medium, ${t}utm_campaign,
   CASE WHEN ${t}click_id IS NOT NULL THEN ${t}click_id_type END AS click_id_type`;

/** The warehouse reads of one pass, each bounded by brand and local-date range. */
export function createPassReader(warehouse: Warehouse, scope: BrandScope) {
  const q = <S extends z.ZodType>(schema: S, sql: string, params: Record<string, WarehouseParam>) =>
    queryRows(warehouse, scope, schema, sql, params);
  return {
    orders: (from: LocalDate, to: LocalDate) =>
      q(
        orderRowSchema,
        `SELECT order_id, UNIX_MILLIS(created_at) AS created_ms, date, currency, region,
           discount_codes, UNIX_MILLIS(cancelled_at) AS cancelled_ms, fulfillment_cost_minor
         FROM {{orders}} WHERE ${IN_RANGE} ORDER BY created_at, order_id`,
        range(from, to),
      ),
    /** Lines of the orders placed in [from, to], in the order `orders` returns them. */
    lines: (from: LocalDate, to: LocalDate) =>
      q(
        lineRowSchema,
        `SELECT l.order_id, l.variant_id, l.product_id, l.quantity, l.total_minor, l.unit_cost_minor
         FROM {{order_lines}} l JOIN {{orders}} o ON o.brand_id = l.brand_id AND o.order_id = l.order_id
         WHERE l.brand_id = @brand AND l.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
           AND o.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
         ORDER BY o.created_at, o.order_id, l.line_id`,
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
     * Journey touches (Shopify's customer journey) of the orders placed in [from, to], in the order
     * `orders` returns them: joined on the order so no touch is read twice across chunks; the
     * touch-date bound keeps BigQuery's partition pruning.
     */
    orderTouches: (from: LocalDate, to: LocalDate, windowDays: number) =>
      q(
        touchRowSchema,
        `SELECT t.touchpoint_id, t.order_id, UNIX_MILLIS(t.occurred_at) AS at_ms, ${shapeColumns('t.')}
         FROM {{touchpoints}} t JOIN {{orders}} o ON o.brand_id = t.brand_id AND o.order_id = t.order_id
         WHERE t.brand_id = @brand AND o.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
           AND t.date BETWEEN CAST(@touchFrom AS DATE) AND CAST(@to AS DATE)
         ORDER BY o.created_at, o.order_id`,
        { from, to, touchFrom: addDays(from, -windowDays - 1) },
      ),
    /** Touches that led to no order: the non-converting journeys the Markov chain needs. */
    strayTouches: (from: LocalDate, to: LocalDate) =>
      q(
        strayRowSchema,
        `SELECT customer_id, ${shapeColumns()} FROM {{touchpoints}} WHERE ${IN_RANGE} AND order_id IS NULL
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
            lineRowSchema,
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
