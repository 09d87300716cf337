/**
 * Cohort cells, aggregated in the warehouse from the orders and the customers' acquisition as
 * the job just wrote it to `customer_predictions`.
 */
import type { CohortCell, CohortDimension, CohortSize } from '../domain/customers/cohorts';
import { monthLabel } from '../domain/customers/cohorts';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { netOrdersSql } from './activity-query';

const COHORT_KEY: Record<CohortDimension, string> = {
  month: `'month'`,
  channel: `COALESCE(acquisition_channel, 'unattributed')`,
  campaign: `COALESCE(acquisition_campaign_id, 'unattributed')`,
};

const monthOf = (column: string) => `(EXTRACT(YEAR FROM ${column}) * 12 + EXTRACT(MONTH FROM ${column}) - 1)`;

function customersSql(dimension: CohortDimension): string {
  return `SELECT customer_id, ${COHORT_KEY[dimension]} AS cohort, ${monthOf('date')} AS first_month
    FROM {{customer_predictions}} WHERE brand_id = @brandId`;
}

function cellsSql(dimension: CohortDimension): string {
  return `
WITH net AS (${netOrdersSql}),
cm AS (
  SELECT customer_id, ${monthOf('date')} AS ym, SUM(value_minor) AS value_minor
  FROM net GROUP BY customer_id, ${monthOf('date')}
),
c AS (${customersSql(dimension)})
SELECT c.cohort, c.first_month, cm.ym - c.first_month AS month_offset,
       COUNT(*) AS active_customers, SUM(cm.value_minor) AS revenue_minor
FROM cm JOIN c ON c.customer_id = cm.customer_id
GROUP BY c.cohort, c.first_month, cm.ym - c.first_month`;
}

function sizesSql(dimension: CohortDimension): string {
  return `WITH c AS (${customersSql(dimension)})
SELECT cohort, first_month, COUNT(*) AS customers FROM c GROUP BY cohort, first_month`;
}

interface CellRow {
  cohort: string;
  first_month: number;
  month_offset: number;
  active_customers: number;
  revenue_minor: number;
}
interface SizeRow {
  cohort: string;
  first_month: number;
  customers: number;
}

export async function readCohortInputs(
  warehouse: Warehouse,
  ctx: TenantContext,
  q: { brandId: string; asOf: LocalDate; dimension: CohortDimension },
): Promise<{ sizes: CohortSize[]; cells: CohortCell[] }> {
  const params = { brandId: q.brandId, asOf: q.asOf };
  const [cells, sizes] = await Promise.all([
    warehouse.query<CellRow>(ctx, cellsSql(q.dimension), params),
    warehouse.query<SizeRow>(ctx, sizesSql(q.dimension), { brandId: q.brandId }),
  ]);
  // A month cohort is named by its month; the SQL only knows the month's index.
  const name = (cohort: string, firstMonth: number) =>
    q.dimension === 'month' ? monthLabel(firstMonth) : cohort;
  return {
    sizes: sizes.map((s) => ({
      cohort: name(s.cohort, Number(s.first_month)),
      firstMonth: Number(s.first_month),
      customers: Number(s.customers),
    })),
    cells: cells.map((c) => ({
      cohort: name(c.cohort, Number(c.first_month)),
      firstMonth: Number(c.first_month),
      monthOffset: Number(c.month_offset),
      activeCustomers: Number(c.active_customers),
      revenueMinor: Number(c.revenue_minor),
    })),
  };
}
