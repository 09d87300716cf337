import { z } from 'zod';
import { categoryOfProperties, INTENT_WEIGHTS } from '../domain/customers/intent';
import { addDays, type LocalDate } from '../domain/time';
import type { Warehouse } from '../ports/warehouse';
import { type BrandScope, queryRows } from '../ports/warehouse-rows';
import { customerOrdersSql } from './customer-key';

/**
 * How far back interest counts: four intent half-lives (7 days, domain/customers/intent.ts), after
 * which a signal weighs under 6 % of a fresh one; it is also the category affinity's half-life.
 */
export const INTEREST_DAYS = 30;

/** A product as the interest audience looks for it in events and order lines. */
export interface InterestTarget {
  /** The variant (gid://shopify/ProductVariant/…): what stock and the recommendations are about. */
  variantId: string;
  /** Its parent product, when the catalog knows it: pixel events often carry only that. */
  productId: string | null;
}

export interface InterestAudience {
  /** Store customers with an intent signal on the product or an event in its category. */
  customers: number;
  /** Of them, those with an intent signal (view, search, wishlist, cart, checkout) on the product. */
  byIntent: number;
  /** The product's category as its own events name it (most frequent), or null. */
  category: string | null;
}

const countRow = z.object({
  customers: z.union([z.number(), z.bigint()]),
  by_intent: z.union([z.number(), z.bigint()]).nullable(),
});
const propertiesRow = z.object({ properties: z.string().nullable() });

// Empty lists are passed as one impossible value so both engines type the parameter as strings.
const NONE = '\u0000';

/**
 * The LIKE patterns that find a category in an event's properties (stored as compact JSON by
 * customers/events/rows.ts). Not escaped: the two engines disagree on LIKE's escape character, and
 * a `%` or `_` in a category name can only widen the match, never drop a customer.
 */
function categoryPatterns(category: string | null): { c1: string; c2: string; c3: string } {
  if (category === null) return { c1: NONE, c2: NONE, c3: NONE };
  const at = (key: string) => `%"${key}":${JSON.stringify(category)}%`;
  return { c1: at('category'), c2: at('product_type'), c3: at('productType') };
}

/**
 * One row per interested customer: events of the window with intent on the product or in its
 * category → their identifiers → the store customer (Shopify id, or an email its orders carry),
 * less those who bought the product in the window.
 */
const INTERESTED_SQL = `WITH matched AS (
   SELECT e.event_id AS event_id,
          CASE WHEN e.type IN (SELECT * FROM UNNEST(@types))
                AND (e.variant_id = @variant OR e.product_id IN (@variant, @product))
               THEN 1 ELSE 0 END AS intent
     FROM {{events}} e
    WHERE e.brand_id = @brand AND e.day BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
      AND ((e.type IN (SELECT * FROM UNNEST(@types))
            AND (e.variant_id = @variant OR e.product_id IN (@variant, @product)))
           OR e.properties LIKE @c1 OR e.properties LIKE @c2 OR e.properties LIKE @c3)
 ),
 keyed AS (
   SELECT i.identifier_key AS identifier_key, MAX(m.intent) AS intent
     FROM matched m
     JOIN {{event_identifiers}} i ON i.event_id = m.event_id AND i.brand_id = @brand
    GROUP BY i.identifier_key
 ),
 customers AS (
   SELECT DISTINCT o.customer_id AS customer_id, k.intent AS intent
     FROM keyed k
     JOIN (${customerOrdersSql('@brand')}) o
       ON o.brand_id = @brand AND o.customer_id IS NOT NULL
      AND ((k.identifier_key LIKE 'shopify_customer_id:%' AND o.customer_id = SUBSTR(k.identifier_key, 21))
        OR (k.identifier_key LIKE 'email:%' AND LOWER(o.email) = SUBSTR(k.identifier_key, 7)))
 ),
 bought AS (
   SELECT DISTINCT o.customer_id AS customer_id
     FROM {{order_lines}} l
     JOIN (${customerOrdersSql('@brand')}) o ON o.order_id = l.order_id AND o.brand_id = @brand
    WHERE l.brand_id = @brand AND l.date >= CAST(@from AS DATE) AND o.cancelled_at IS NULL
      AND (l.variant_id = @variant OR l.product_id = @product)
 )
 SELECT c.customer_id AS customer_id, c.intent AS intent
   FROM (SELECT customer_id, MAX(intent) AS intent FROM customers GROUP BY customer_id) c
  WHERE c.customer_id NOT IN (SELECT customer_id FROM bought WHERE customer_id IS NOT NULL)`;

/**
 * Who is interested in a product, counted in the warehouse: the customers whose events of the last
 * `INTEREST_DAYS` show product intent on it (the intent event types of domain/customers/intent.ts)
 * or an event in its category, and who have not bought it since the window began. An event reaches
 * a customer through its resolved identifiers (`event_identifiers`): the Shopify customer id, or an
 * email the customer's orders carry. Only store customers count, because a campaign can only reach
 * a customer the store has contact details for.
 */
export function createProductInterest(warehouse: Pick<Warehouse, 'query'>) {
  async function categoryFor(scope: BrandScope, target: InterestTarget, from: LocalDate) {
    const rows = await queryRows(
      warehouse,
      scope,
      propertiesRow,
      `SELECT properties FROM {{events}}
        WHERE brand_id = @brand AND day >= CAST(@from AS DATE)
          AND (variant_id = @variant OR product_id IN (@variant, @product))
        ORDER BY occurred_at DESC LIMIT 200`,
      { from, variant: target.variantId, product: target.productId ?? NONE },
    );
    const counts = new Map<string, number>();
    for (const r of rows) {
      const c = categoryOfProperties(r.properties);
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  }

  /**
   * The interested customers as a query (`customer_id`, `intent` 1|0), with its parameters, for
   * callers that select from it (the campaign audience pages through it).
   */
  async function interested(scope: BrandScope, target: InterestTarget, asOf: LocalDate) {
    const from = addDays(asOf, -(INTEREST_DAYS - 1));
    const category = await categoryFor(scope, target, from);
    return {
      category,
      sql: INTERESTED_SQL,
      params: {
        from,
        to: asOf,
        types: Object.keys(INTENT_WEIGHTS),
        variant: target.variantId,
        product: target.productId ?? NONE,
        ...categoryPatterns(category),
      },
    };
  }

  return {
    interested,
    async audience(scope: BrandScope, target: InterestTarget, asOf: LocalDate): Promise<InterestAudience> {
      const q = await interested(scope, target, asOf);
      const [row] = await queryRows(
        warehouse,
        scope,
        countRow,
        `SELECT COUNT(*) AS customers, SUM(intent) AS by_intent FROM (${q.sql}) c`,
        q.params,
      );
      return {
        customers: Number(row?.customers ?? 0),
        byIntent: Number(row?.by_intent ?? 0),
        category: q.category,
      };
    },
  };
}
export type ProductInterest = ReturnType<typeof createProductInterest>;
