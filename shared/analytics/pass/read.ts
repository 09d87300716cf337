import { z } from 'zod';
import { addDays, type LocalDate } from '../../domain/time';
import type { Warehouse, WarehouseParam } from '../../ports/warehouse';
import { type BrandScope, queryRows } from '../rows';

const str = z.string();
const optStr = z.string().nullable();
const int = z.number().int();
const optInt = z.number().int().nullable();

const range = (from: LocalDate, to: LocalDate) => ({ from, to });
const IN_RANGE = 'brand_id = @brand AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)';

export const orderRowSchema = z.object({
  order_id: str,
  created_at: str,
  date: str,
  currency: str,
  region: optStr,
  discount_codes: optStr,
  cancelled_at: optStr,
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

export const touchRowSchema = z.object({
  touchpoint_id: str,
  order_id: optStr,
  customer_id: optStr,
  occurred_at: str,
  utm_source: optStr,
  utm_medium: optStr,
  utm_campaign: optStr,
  click_id: optStr,
  click_id_type: optStr,
});
export type TouchRow = z.infer<typeof touchRowSchema>;

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

export const campaignRowSchema = z.object({ campaign_id: str, promoted_product_ids: optStr });

const TOUCH_COLUMNS =
  'touchpoint_id, order_id, customer_id, occurred_at, utm_source, utm_medium, utm_campaign, click_id, click_id_type';

/** The warehouse reads of one pass, each bounded by brand and local-date range. */
export function createPassReader(warehouse: Warehouse, scope: BrandScope) {
  const q = <S extends z.ZodType>(schema: S, sql: string, params: Record<string, WarehouseParam>) =>
    queryRows(warehouse, scope, schema, sql, params);
  return {
    orders: (from: LocalDate, to: LocalDate) =>
      q(
        orderRowSchema,
        `SELECT order_id, created_at, date, currency, region,
           discount_codes, cancelled_at, fulfillment_cost_minor
         FROM {{orders}} WHERE ${IN_RANGE} ORDER BY created_at, order_id`,
        range(from, to),
      ),
    lines: (from: LocalDate, to: LocalDate) =>
      q(
        lineRowSchema,
        `SELECT order_id, variant_id, product_id, quantity, total_minor, unit_cost_minor
         FROM {{order_lines}} WHERE ${IN_RANGE} ORDER BY order_id, line_id`,
        range(from, to),
      ),
    refunds: (from: LocalDate, to: LocalDate) =>
      q(
        refundRowSchema,
        `SELECT order_id, date, variant_id, quantity, amount_minor, currency
         FROM {{refunds}} WHERE ${IN_RANGE} ORDER BY created_at, refund_id`,
        range(from, to),
      ),
    /** Journey touches linked to orders (Shopify's customer journey), by the touch's day. */
    /**
     * Journey touches (Shopify's customer journey) of the orders placed in [from, to]: joined on
     * the order so no touch is read twice across chunks; the touch-date bound keeps BigQuery's
     * partition pruning.
     */
    orderTouches: (from: LocalDate, to: LocalDate, windowDays: number) =>
      q(
        touchRowSchema,
        `SELECT ${TOUCH_COLUMNS.split(', ')
          .map((c) => `t.${c}`)
          .join(', ')}
         FROM {{touchpoints}} t JOIN {{orders}} o ON o.brand_id = t.brand_id AND o.order_id = t.order_id
         WHERE t.brand_id = @brand AND o.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
           AND t.date BETWEEN CAST(@touchFrom AS DATE) AND CAST(@to AS DATE)`,
        { from, to, touchFrom: addDays(from, -windowDays - 1) },
      ),
    /** Touches that led to no order: the non-converting journeys the Markov chain needs. */
    strayTouches: (from: LocalDate, to: LocalDate) =>
      q(
        touchRowSchema,
        `SELECT ${TOUCH_COLUMNS} FROM {{touchpoints}} WHERE ${IN_RANGE} AND order_id IS NULL
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
    /** Stored credits (one model) and region of orders sold before the range, for their refunds. */
    earlierCredits: (orderIds: readonly string[], model: string) =>
      orderIds.length === 0
        ? Promise.resolve([])
        : q(
            earlierCreditSchema,
            `SELECT a.order_id, a.channel, a.platform, a.campaign_id, a.credit, o.region
             FROM {{attributions}} a JOIN {{orders}} o ON o.brand_id = a.brand_id AND o.order_id = a.order_id
             WHERE a.brand_id = @brand AND a.model = @model AND a.order_id IN (SELECT * FROM UNNEST(@ids))`,
            { ids: orderIds, model },
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
