/**
 * The brand's customers as a list a merchant can sort, filter by segment and page (issue 15):
 * one row per store customer, its orders and revenue counted live as Customer 360 counts them,
 * its segment and predicted value from the latest customer-analytics run as Segments & LTV shows
 * them, and its name and email from the profile that holds it. The warehouse sorts and pages;
 * only the page's profiles are read (decision 1009).
 */
import { z } from 'zod';
import type { CustomerProfile } from '../domain/customers/profile';
import { identifierIndexSchema } from '../domain/customers/records';
import { SEGMENT_LABELS, SEGMENTS } from '../domain/customers/segments/rfm';
import type { DocReader } from '../ports/document-db';
import type { Warehouse } from '../ports/warehouse';
import type { BrandScope } from '../ports/warehouse-rows';
import { customerOrdersSql, profileIdentifierKey } from './customer-key';
import type {
  CustomerListQuery,
  CustomerListResponse,
  CustomerListRow,
  CustomerListSort,
} from './list-schema';
import { activeProfile } from './profiles/documents';
import { docPath } from './profiles/paths';
import { createCustomerReadModel } from './read-model';

export interface CustomerListDeps {
  db: DocReader;
  warehouse: Pick<Warehouse, 'query'>;
}

const SORT_SQL: Record<CustomerListSort, string> = {
  revenue: 'revenue_minor',
  orders: 'orders',
  last_order: 'last_order_at',
  value_365: 'value_365_minor',
};

const rowSchema = z.object({
  customer_id: z.string(),
  orders: z.coerce.number(),
  revenue_minor: z.coerce.number(),
  last_order_at: z.string().nullable(),
  segment: z.enum(SEGMENTS).nullable(),
  value_365_minor: z.coerce.number().nullable(),
  total: z.coerce.number(),
});

/**
 * Live per-customer orders (non-cancelled, each less its refunds: Customer 360's sums) joined in
 * full to the latest predictions, so a segment's rows are exactly the run's customers in it and a
 * customer who ordered since the run is listed without one. Ties fall back to the customer id.
 */
function listSql(q: CustomerListQuery): string {
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return `
WITH refunded AS (
  SELECT order_id, SUM(amount_minor) AS refunded_minor FROM {{refunds}}
  WHERE brand_id = @brandId GROUP BY order_id
),
live AS (
  SELECT o.customer_id, COUNT(*) AS orders,
         SUM(o.total_minor - COALESCE(r.refunded_minor, 0)) AS revenue_minor,
         MAX(o.created_at) AS last_order_at
  FROM (${customerOrdersSql('@brandId')}) o LEFT JOIN refunded r ON r.order_id = o.order_id
  WHERE o.brand_id = @brandId AND o.customer_id IS NOT NULL AND o.cancelled_at IS NULL
  GROUP BY o.customer_id
),
predicted AS (
  SELECT customer_id, segment, value_365_minor FROM {{customer_predictions}} WHERE brand_id = @brandId
),
listed AS (
  SELECT COALESCE(l.customer_id, p.customer_id) AS customer_id,
         COALESCE(l.orders, 0) AS orders,
         COALESCE(l.revenue_minor, 0) AS revenue_minor,
         l.last_order_at, p.segment, p.value_365_minor
  FROM live l FULL OUTER JOIN predicted p ON p.customer_id = l.customer_id
)
SELECT customer_id, orders, revenue_minor, last_order_at, segment, value_365_minor,
       COUNT(*) OVER () AS total
FROM listed
${q.segment ? 'WHERE segment = @segment' : ''}
ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, customer_id
LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}`;
}

/** How many rows the list has, for a page asked past its end (the window count needs a row). */
function countSql(q: CustomerListQuery): string {
  return listSql({ ...q, page: 1, size: 1 });
}

export function createCustomerList(deps: CustomerListDeps) {
  const analytics = createCustomerReadModel(deps.warehouse);

  /** The active profile a store customer belongs to, following merges; null when none holds it. */
  async function profileOf(scope: BrandScope, customerId: string): Promise<CustomerProfile | null> {
    const key = profileIdentifierKey(customerId);
    if (!key) return null;
    const entry = await deps.db.get(docPath(scope, 'identifiers', key));
    if (!entry) return null;
    for (const start of identifierIndexSchema.parse(entry.data).profileIds) {
      const p = await activeProfile(deps.db, scope, start);
      if (p) return p;
    }
    return null;
  }

  async function list(
    scope: BrandScope,
    currency: string,
    q: CustomerListQuery,
  ): Promise<CustomerListResponse> {
    const params = { brandId: scope.brandId, ...(q.segment ? { segment: q.segment } : {}) };
    const [found, model] = await Promise.all([
      deps.warehouse.query(scope.ctx, listSql(q), params),
      analytics.latestModel(scope.ctx, scope.brandId),
    ]);
    const parsed = found.map((r) => rowSchema.parse(r));
    let total = parsed[0]?.total ?? 0;
    if (parsed.length === 0 && q.page > 1) {
      const [first] = await deps.warehouse.query(scope.ctx, countSql(q), params);
      total = first ? rowSchema.parse(first).total : 0;
    }
    const rows: CustomerListRow[] = await Promise.all(
      parsed.map(async (r) => {
        const p = await profileOf(scope, r.customer_id);
        const name = [p?.person?.firstName, p?.person?.lastName].filter(Boolean).join(' ');
        return {
          customerId: r.customer_id,
          profileId: p?.id ?? null,
          name: name || null,
          email: p?.identifiers.find((i) => i.kind === 'email')?.value ?? null,
          orders: r.orders,
          revenueMinor: r.revenue_minor,
          lastOrderAt: r.last_order_at,
          segment: r.segment,
          segmentLabel: r.segment ? SEGMENT_LABELS[r.segment] : null,
          value365Minor: r.value_365_minor,
        };
      }),
    );
    return { currency, asOf: model?.trainingTo ?? null, total, page: q.page, size: q.size, rows };
  }

  return { list };
}
export type CustomerList = ReturnType<typeof createCustomerList>;
