import type { LocalDate } from '../../shared/domain/time';

/**
 * The rollup loader's refund reads as they were before decision 1006: every refund joined to the
 * brand's orders for its order's day and cancelled flag. Kept verbatim as the oracle the new reads
 * are compared with (shared/reporting/rollup-loader.test.ts) and the baseline they are timed
 * against (test/bench/refund-reads.bench.ts). Parameters: @brand, @currency, @allKinds and, for
 * some days, @days/@from/@to.
 */
const onDays = (days: readonly LocalDate[] | null, column: string) =>
  days
    ? ` AND ${column} BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE) AND CAST(${column} AS STRING) IN (SELECT * FROM UNNEST(@days))`
    : '';
export const BEFORE_1006 = {
  refund_day: (days: readonly LocalDate[] | null) => `SELECT r.date AS d, SUM(r.amount_minor) AS v
  FROM {{refunds}} r LEFT JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id
  WHERE r.brand_id = @brand AND r.currency = @currency AND o.cancelled_at IS NULL AND (@allKinds OR r.kind = 'line')${onDays(days, 'r.date')}
  GROUP BY r.date`,
  order_day: (days: readonly LocalDate[] | null) => `SELECT o.date AS d, SUM(r.amount_minor) AS v
  FROM {{refunds}} r JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id
  WHERE r.brand_id = @brand AND r.currency = @currency AND o.cancelled_at IS NULL AND (@allKinds OR r.kind = 'line')${onDays(days, 'o.date')}
  GROUP BY o.date`,
  linked: (days: readonly LocalDate[]) => `SELECT CAST(o.date AS STRING) AS d
  FROM {{refunds}} r JOIN {{orders}} o ON o.brand_id = r.brand_id AND o.order_id = r.order_id
  WHERE r.brand_id = @brand${onDays(days, 'r.date')}
  UNION DISTINCT
  SELECT CAST(r.date AS STRING) AS d
  FROM {{orders}} o JOIN {{refunds}} r ON r.brand_id = o.brand_id AND r.order_id = o.order_id
  WHERE o.brand_id = @brand${onDays(days, 'o.date')}`,
};
