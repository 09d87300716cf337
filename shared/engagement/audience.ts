import { z } from 'zod';
import type { ChannelKind } from '../domain/engagement/channel';
import type { Warehouse } from '../ports/warehouse';
import { type BrandScope, queryRows } from '../ports/warehouse-rows';

/** One customer a campaign may reach, with what personalisation needs. */
export interface Recipient {
  customerId: string;
  timeZone: string;
  addresses: Partial<Record<ChannelKind, string | null>>;
  values: Record<string, string | null>;
}

/** A slice of an audience in customer id order: the customers after `after`, at most `limit`. */
export interface AudiencePage {
  after: string | null;
  limit: number;
}

export interface AudienceSource {
  /** Customers in an RFM segment (all scored customers when null), in customer id order. */
  recipients(
    scope: BrandScope,
    segment: string | null,
    brandTimeZone: string,
    page?: AudiencePage,
  ): Promise<Recipient[]>;
  count(scope: BrandScope, segment: string | null): Promise<number>;
}

export interface CustomerOrders {
  customerId: string;
  orders: number;
  revenueMinor: number;
}
export interface OrdersSource {
  /** Orders (not cancelled) per customer placed on local days from..to inclusive. */
  ordersBy(
    scope: BrandScope,
    customerIds: readonly string[],
    from: string,
    to: string,
  ): Promise<CustomerOrders[]>;
}

const recipientRow = z.object({
  customer_id: z.string(),
  email: z.string().nullable(),
  customer_name: z.string().nullable(),
});
const countRow = z.object({ customers: z.union([z.number(), z.bigint()]) });
const ordersRow = z.object({
  customer_id: z.string(),
  orders: z.union([z.number(), z.bigint()]),
  revenue_minor: z.union([z.number(), z.bigint()]),
});
const segmentFilter = (segment: string | null) => (segment ? 'AND p.segment = @segment' : '');
const CHUNK = 1_000;

/**
 * The audience from customer analytics (`customer_predictions`: one row per customer with its
 * RFM segment) and the contact details of the customer's orders. The customer's own timezone is
 * not known from orders, so the brand's stands in until profiles carry one.
 */
export function createWarehouseAudience(warehouse: Pick<Warehouse, 'query'>): AudienceSource & OrdersSource {
  return {
    async recipients(scope, segment, brandTimeZone, page) {
      // Keyset paging on the customer id (a stable order that needs no offset scan); LIMIT takes a
      // literal, checked to be a positive integer, because BigQuery and DuckDB differ on parameters there.
      if (page && !(Number.isInteger(page.limit) && page.limit > 0))
        throw new RangeError('page.limit must be a positive integer');
      const after = page?.after ? 'AND p.customer_id > @after' : '';
      const limit = page ? `LIMIT ${page.limit}` : '';
      const rows = await queryRows(
        warehouse,
        scope,
        recipientRow,
        `SELECT p.customer_id AS customer_id, o.email AS email, o.customer_name AS customer_name
         FROM {{customer_predictions}} p
         LEFT JOIN (SELECT customer_id, MAX(email) AS email, MAX(customer_name) AS customer_name
                    FROM {{orders}} WHERE brand_id = @brand GROUP BY customer_id) o
           ON o.customer_id = p.customer_id
         WHERE p.brand_id = @brand ${segmentFilter(segment)} ${after}
         ORDER BY p.customer_id ${limit}`,
        { ...(segment ? { segment } : {}), ...(page?.after ? { after: page.after } : {}) },
      );
      return rows.map((r) => ({
        customerId: r.customer_id,
        timeZone: brandTimeZone,
        addresses: { email: r.email },
        values: { first_name: r.customer_name?.split(' ')[0] ?? null },
      }));
    },
    async count(scope, segment) {
      const [row] = await queryRows(
        warehouse,
        scope,
        countRow,
        `SELECT COUNT(*) AS customers FROM {{customer_predictions}} p WHERE p.brand_id = @brand ${segmentFilter(segment)}`,
        segment ? { segment } : {},
      );
      return Number(row?.customers ?? 0);
    },
    async ordersBy(scope, customerIds, from, to) {
      const out: CustomerOrders[] = [];
      for (let i = 0; i < customerIds.length; i += CHUNK) {
        const rows = await queryRows(
          warehouse,
          scope,
          ordersRow,
          `SELECT customer_id, COUNT(*) AS orders, SUM(total_minor) AS revenue_minor FROM {{orders}}
           WHERE brand_id = @brand AND cancelled_at IS NULL AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
             AND customer_id IN (SELECT * FROM UNNEST(@ids))
           GROUP BY customer_id`,
          { from, to, ids: customerIds.slice(i, i + CHUNK) },
        );
        for (const r of rows)
          out.push({
            customerId: r.customer_id,
            orders: Number(r.orders),
            revenueMinor: Number(r.revenue_minor),
          });
      }
      return out;
    },
  };
}
