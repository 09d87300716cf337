import { z } from 'zod';
import { customerOrdersSql, ERASED_PREFIX } from '../customers/customer-key';
import { createProductInterest, type InterestTarget } from '../customers/product-interest';
import type { ChannelKind } from '../domain/engagement/channel';
import { UTM_SOURCE } from '../domain/engagement/links';
import type { LinkOrders } from '../domain/engagement/results';
import { localDate } from '../domain/time';
import { type Clock, systemClock } from '../ports/clock';
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

/** Who a campaign goes to: an RFM segment, optionally narrowed to the customers interested in a product. */
export interface CampaignAudience {
  /** An RFM segment (`at_risk`, `lost`, …); null = every scored customer. */
  segment: string | null;
  /** Only the customers with recent interest in this product or its category (customers/product-interest.ts). */
  interestIn?: InterestTarget | undefined;
}

export interface AudienceSource {
  /** The audience's customers, in customer id order. */
  recipients(
    scope: BrandScope,
    audience: CampaignAudience,
    brandTimeZone: string,
    page?: AudiencePage,
  ): Promise<Recipient[]>;
  count(scope: BrandScope, audience: CampaignAudience): Promise<number>;
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
  /**
   * Orders (not cancelled) on local days from..to whose converting visit came from this campaign's
   * links (the order's converting visit carries the UTMs: its `last_visit` touchpoint, or its
   * `first_visit` when that was the only visit).
   */
  ordersFromLinks?(scope: BrandScope, utmCampaign: string, from: string, to: string): Promise<LinkOrders[]>;
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
const linkOrdersRow = z.object({
  utm_content: z.string().nullable(),
  orders: z.union([z.number(), z.bigint()]),
  revenue_minor: z.union([z.number(), z.bigint()]),
});
const segmentFilter = (segment: string | null) => (segment ? 'AND p.segment = @segment' : '');
/** An erased customer still counts in their segment but is nobody to message (decision 1019). */
const NOT_ERASED = `AND p.customer_id NOT LIKE '${ERASED_PREFIX}%'`;
const today = (clock: Clock) => localDate(clock.now().toISOString().slice(0, 10));
const CHUNK = 1_000;

/**
 * The audience from customer analytics (`customer_predictions`: one row per customer with its
 * RFM segment) and the contact details of the customer's orders. The customer's own timezone is
 * not known from orders, so the brand's stands in until profiles carry one.
 */
export function createWarehouseAudience(
  warehouse: Pick<Warehouse, 'query'>,
  clock: Clock = systemClock,
): AudienceSource & OrdersSource {
  const interest = createProductInterest(warehouse);
  /**
   * The filters and parameters of an audience. Interest is counted up to today's UTC date: the
   * 30-day window moves by the day, and every batch of one send sees the same day but at midnight.
   */
  async function filtersOf(scope: BrandScope, audience: CampaignAudience) {
    const { segment, interestIn } = audience;
    const q = interestIn ? await interest.interested(scope, interestIn, today(clock)) : undefined;
    return {
      sql: `${NOT_ERASED} ${segmentFilter(segment)} ${q ? `AND p.customer_id IN (SELECT customer_id FROM (${q.sql}) i)` : ''}`,
      params: { ...(segment ? { segment } : {}), ...(q?.params ?? {}) },
    };
  }
  return {
    async recipients(scope, audience, brandTimeZone, page) {
      // Keyset paging on the customer id (a stable order that needs no offset scan); LIMIT takes a
      // literal, checked to be a positive integer, because BigQuery and DuckDB differ on parameters there.
      if (page && !(Number.isInteger(page.limit) && page.limit > 0))
        throw new RangeError('page.limit must be a positive integer');
      const after = page?.after ? 'AND p.customer_id > @after' : '';
      const limit = page ? `LIMIT ${page.limit}` : '';
      const filters = await filtersOf(scope, audience);
      const rows = await queryRows(
        warehouse,
        scope,
        recipientRow,
        `SELECT p.customer_id AS customer_id, o.email AS email, o.customer_name AS customer_name
         FROM {{customer_predictions}} p
         LEFT JOIN (SELECT customer_id, MAX(email) AS email, MAX(customer_name) AS customer_name
                    FROM (${customerOrdersSql('@brand')}) k GROUP BY customer_id) o
           ON o.customer_id = p.customer_id
         WHERE p.brand_id = @brand ${filters.sql} ${after}
         ORDER BY p.customer_id ${limit}`,
        { ...filters.params, ...(page?.after ? { after: page.after } : {}) },
      );
      return rows.map((r) => ({
        customerId: r.customer_id,
        timeZone: brandTimeZone,
        addresses: { email: r.email },
        values: { first_name: r.customer_name?.split(' ')[0] ?? null },
      }));
    },
    async count(scope, audience) {
      const filters = await filtersOf(scope, audience);
      const [row] = await queryRows(
        warehouse,
        scope,
        countRow,
        `SELECT COUNT(*) AS customers FROM {{customer_predictions}} p WHERE p.brand_id = @brand ${filters.sql}`,
        filters.params,
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
          `SELECT customer_id, COUNT(*) AS orders, SUM(total_minor) AS revenue_minor
           FROM (${customerOrdersSql('@brand')}) o
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
    async ordersFromLinks(scope, utmCampaign, from, to) {
      const rows = await queryRows(
        warehouse,
        scope,
        linkOrdersRow,
        // The order's UTMs are those of its converting visit: the `last_visit` touchpoint, or the
        // `first_visit` when the journey was that one visit (Shopify's lastVisit is then the same
        // visit, and the order's rows keep it once, as its first).
        `SELECT t.utm_content AS utm_content, COUNT(*) AS orders, SUM(o.total_minor) AS revenue_minor
         FROM {{orders}} o JOIN {{touchpoints}} t
           ON t.brand_id = o.brand_id AND t.order_id = o.order_id
          AND (t.kind = 'last_visit' OR (t.kind = 'first_visit' AND NOT EXISTS (
                 SELECT 1 FROM {{touchpoints}} l
                 WHERE l.brand_id = t.brand_id AND l.order_id = t.order_id AND l.kind = 'last_visit')))
         WHERE o.brand_id = @brand AND o.cancelled_at IS NULL
           AND o.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
           AND t.utm_source = @source AND t.utm_campaign = @campaign
         GROUP BY t.utm_content`,
        { from, to, source: UTM_SOURCE, campaign: utmCampaign },
      );
      return rows.map((r) => ({
        content: r.utm_content,
        orders: Number(r.orders),
        revenueMinor: Number(r.revenue_minor),
      }));
    },
  };
}
