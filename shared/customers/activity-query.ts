/**
 * What the nightly job reads: one row per customer of a brand, aggregated in the warehouse (a
 * million customers' five million orders never cross into Node as orders). Shared SQL subset:
 * dates arrive as parameters, window functions and conditional aggregation only.
 */
import { z } from 'zod';
import type { AttributionModel } from '../domain/entities/brand';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { attributionColumns } from '../ports/warehouse-tables';
import { type ActivityColumns, createActivityCollector } from './activity-columns';
import { customerOrdersSql } from './customer-key';

/**
 * Orders that count: the brand's, with a customer (its store customer key, decision 1011), not
 * cancelled, up to the as-of day, each worth its total less what was refunded on it (decision 103:
 * refunds are rows of their own).
 */
export const netOrdersSql = `
  SELECT o.customer_id, o.order_id, o.date, o.created_at,
         o.total_minor - COALESCE(r.refunded_minor, 0) AS value_minor
  FROM (${customerOrdersSql('@brandId')}) o
  LEFT JOIN (
    SELECT order_id, SUM(amount_minor) AS refunded_minor FROM {{refunds}}
    WHERE brand_id = @brandId GROUP BY order_id
  ) r ON r.order_id = o.order_id
  WHERE o.brand_id = @brandId AND o.customer_id IS NOT NULL AND o.cancelled_at IS NULL
    AND o.date <= CAST(@asOf AS DATE)`;

/**
 * Each customer's first order among `source`'s rows (customer_id, order_id, date, created_at):
 * the earliest by creation time, ties broken by order id, as `first_order_id` and `first_date`,
 * with `carry`'s column kept under its new name. What "first order" means everywhere customers
 * are counted (the nightly activity, new customers in a period).
 */
export function firstOrdersSql(source: string, carry?: readonly [column: string, as: string]): string {
  return `SELECT customer_id, order_id AS first_order_id, date AS first_date${carry ? `, ${carry[0]} AS ${carry[1]}` : ''}
  FROM (
    SELECT customer_id, order_id, date${carry ? `, ${carry[0]}` : ''},
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at, order_id) AS rn
    FROM ${source}
  ) ranked WHERE rn = 1`;
}

function activitySql(model: AttributionModel): string {
  const credit = attributionColumns(model).credit;
  return `
WITH net AS (${netOrdersSql}),
firsts AS (${firstOrdersSql('net', ['value_minor', 'first_order_minor'])}),
days AS (
  SELECT customer_id, date, SUM(value_minor) AS value_minor FROM net GROUP BY customer_id, date
),
per AS (
  SELECT d.customer_id,
         COUNT(*) AS order_days,
         MAX(d.date) AS last_date,
         SUM(d.value_minor) AS revenue_minor,
         SUM(CASE WHEN d.date = f.first_date THEN d.value_minor ELSE 0 END) AS first_day_minor,
         MIN(CASE WHEN d.date > f.first_date THEN d.date END) AS second_date,
         SUM(CASE WHEN d.date <= CAST(@cutoff AS DATE) THEN 1 ELSE 0 END) AS cal_days,
         MAX(CASE WHEN d.date <= CAST(@cutoff AS DATE) THEN d.date END) AS cal_last_date,
         SUM(CASE WHEN d.date <= CAST(@cutoff AS DATE) AND d.date > f.first_date THEN d.value_minor ELSE 0 END) AS cal_repeat_minor
  FROM days d JOIN firsts f ON f.customer_id = d.customer_id
  GROUP BY d.customer_id
),
acquisition AS (
  SELECT order_id, channel, platform, campaign_id FROM (
    SELECT a.order_id, a.channel, a.platform, a.campaign_id,
           ROW_NUMBER() OVER (PARTITION BY a.order_id ORDER BY a.${credit} DESC, a.channel, a.campaign_id) AS rn
    FROM {{attributions}} a JOIN firsts f ON f.first_order_id = a.order_id
    WHERE a.brand_id = @brandId AND a.${credit} > 0
  ) ranked WHERE rn = 1
)
SELECT p.customer_id, f.first_order_id, f.first_date, f.first_order_minor,
       p.order_days, p.last_date, p.revenue_minor, p.first_day_minor,
       p.second_date,
       p.cal_days, p.cal_last_date, p.cal_repeat_minor,
       a.channel AS acquisition_channel, a.platform AS acquisition_platform, a.campaign_id AS acquisition_campaign_id
FROM per p
JOIN firsts f ON f.customer_id = p.customer_id
LEFT JOIN acquisition a ON a.order_id = f.first_order_id
ORDER BY p.customer_id`;
}

const count = z.coerce.number().int().nonnegative();
const minor = z.coerce.number().int();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const customerActivitySchema = z.object({
  customer_id: z.string().min(1),
  first_order_id: z.string().min(1),
  first_date: day,
  first_order_minor: minor,
  order_days: count.min(1),
  last_date: day,
  revenue_minor: minor,
  first_day_minor: minor,
  second_date: day.nullable(),
  cal_days: count,
  cal_last_date: day.nullable(),
  cal_repeat_minor: minor,
  acquisition_channel: z.string().nullable(),
  acquisition_platform: z.string().nullable(),
  acquisition_campaign_id: z.string().nullable(),
});
export type CustomerActivity = z.infer<typeof customerActivitySchema>;

/**
 * Reads the activity rows, `batchRows` at a time, into columns, in customer order: the model is
 * fitted on a strided sample of them and its sums run in their order, so a fixed order makes a
 * run reproducible (the engine's own order varies with its threads). A million rows through zod would
 * cost seconds, so the first rows are parsed in full (proving the query's shape) and the rest are
 * trusted to be the same columns.
 */
export async function readCustomerActivity(
  warehouse: Warehouse,
  ctx: TenantContext,
  q: { brandId: string; asOf: LocalDate; cutoff: LocalDate; model: AttributionModel },
  batchRows: number,
): Promise<ActivityColumns> {
  const collector = createActivityCollector();
  const params = { brandId: q.brandId, asOf: q.asOf, cutoff: q.cutoff };
  let unchecked = 100;
  for await (const rows of warehouse.queryBatches<CustomerActivity>(
    ctx,
    activitySql(q.model),
    params,
    batchRows,
  )) {
    for (const row of rows.slice(0, unchecked)) customerActivitySchema.parse(row);
    unchecked = Math.max(0, unchecked - rows.length);
    collector.add(rows);
  }
  return collector.columns();
}
