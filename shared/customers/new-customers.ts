/**
 * New and returning customers in a period (docs/decisions/1004). A customer is **new** in the
 * period when their first order with the brand ever — the earliest by creation time of the brand's
 * orders that name them and were not cancelled — falls in it; **returning** when they ordered in
 * the period but had ordered before it. A customer is the store customer key (decision 1011: the
 * Shopify customer, else the order's email); orders with neither are counted apart, so the three rows add up to the period's orders.
 *
 * Revenue is each order's value under the brand's revenue basis less what has been refunded on it
 * since (all refunds under `order_total`, refunded lines under `net_sales`; decision 832), so a
 * first order is worth what the LTV figures count it at (853). Computed in the warehouse on
 * request, in the SQL subset BigQuery and DuckDB share; dates arrive as parameters.
 */

import type { Brand } from '../domain/entities/brand';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { firstOrdersSql, netOrdersSql } from './activity-query';
import { customerOrdersSql } from './customer-key';

function newVsReturningSql(brand: Brand): string {
  const t = brand.targets;
  const value =
    t.revenueBasis === 'order_total' ? 'o.total_minor' : 'o.total_minor - o.shipping_minor - o.tax_minor';
  const kinds = t.revenueBasis === 'order_total' ? '' : ` AND kind = 'line'`;
  return `
WITH net AS (${netOrdersSql}),
firsts AS (${firstOrdersSql('net')}),
refunded AS (
  SELECT order_id, SUM(amount_minor) AS refunded_minor FROM {{refunds}}
  WHERE brand_id = @brandId${kinds} GROUP BY order_id
),
period_orders AS (
  SELECT o.order_id, o.customer_id, ${value} - COALESCE(r.refunded_minor, 0) AS value_minor
  FROM (${customerOrdersSql('@brandId')}) o LEFT JOIN refunded r ON r.order_id = o.order_id
  WHERE o.brand_id = @brandId AND o.cancelled_at IS NULL
    AND o.date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
)
SELECT CASE WHEN p.customer_id IS NULL THEN 'no_customer'
            WHEN f.first_date >= CAST(@from AS DATE) THEN 'new' ELSE 'returning' END AS kind,
       COUNT(DISTINCT p.customer_id) AS customers,
       COUNT(*) AS orders,
       SUM(p.value_minor) AS revenue_minor,
       SUM(CASE WHEN p.order_id = f.first_order_id THEN p.value_minor ELSE 0 END) AS first_order_minor
FROM period_orders p LEFT JOIN firsts f ON f.customer_id = p.customer_id
GROUP BY 1`;
}

interface Row {
  kind: 'new' | 'returning' | 'no_customer';
  customers: number | bigint;
  orders: number | bigint;
  revenue_minor: number | bigint | null;
  first_order_minor: number | bigint | null;
}

export interface CustomerGroup {
  readonly customers: number;
  readonly orders: number;
  readonly revenueMinor: number;
}

export interface NewVsReturning {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Customers whose first order ever was in the period, with every order they placed in it. */
  readonly new: CustomerGroup & {
    /** Their first orders alone (one per new customer). */
    readonly firstOrderRevenueMinor: number;
    /** First-order revenue per new customer: the average first order; null without new customers. */
    readonly firstOrderAovMinor: number | null;
  };
  /** Customers who ordered in the period and had ordered before it. */
  readonly returning: CustomerGroup;
  /** Orders that name no customer: neither new nor returning. */
  readonly withoutCustomer: Omit<CustomerGroup, 'customers'>;
  readonly orders: number;
}

const n = (v: number | bigint | null | undefined) => Number(v ?? 0);

export function createNewCustomerQueries(warehouse: Pick<Warehouse, 'query'>) {
  return {
    async newVsReturning(
      ctx: TenantContext,
      brand: Brand,
      period: { from: LocalDate; to: LocalDate },
    ): Promise<NewVsReturning> {
      const rows = await warehouse.query<Row>(ctx, newVsReturningSql(brand), {
        brandId: brand.id,
        from: period.from,
        to: period.to,
        // First orders up to the period's end: a later one cannot be in the period.
        asOf: period.to,
      });
      const of = (kind: Row['kind']) => {
        const r = rows.find((x) => x.kind === kind);
        return {
          customers: n(r?.customers),
          orders: n(r?.orders),
          revenueMinor: n(r?.revenue_minor),
          firstOrderMinor: n(r?.first_order_minor),
        };
      };
      const fresh = of('new');
      const returning = of('returning');
      const guest = of('no_customer');
      return {
        from: period.from,
        to: period.to,
        new: {
          customers: fresh.customers,
          orders: fresh.orders,
          revenueMinor: fresh.revenueMinor,
          firstOrderRevenueMinor: fresh.firstOrderMinor,
          firstOrderAovMinor:
            fresh.customers > 0 ? Math.round(fresh.firstOrderMinor / fresh.customers) : null,
        },
        returning: {
          customers: returning.customers,
          orders: returning.orders,
          revenueMinor: returning.revenueMinor,
        },
        withoutCustomer: { orders: guest.orders, revenueMinor: guest.revenueMinor },
        orders: fresh.orders + returning.orders + guest.orders,
      };
    },
  };
}
export type NewCustomerQueries = ReturnType<typeof createNewCustomerQueries>;
