/**
 * The store customer an order belongs to, for everything that groups orders by customer (segments,
 * lifetime value, cohorts, new customers, the customer list, audiences, product interest). Decision
 * 1011:
 * - an order with a Shopify customer id belongs to that id (the gid), as before;
 * - an order without one (the admin's orders CSV export has only `Email`) belongs to the Shopify
 *   customer of the brand whose orders carry the same email, when there is one, else to the key
 *   `email:<address>` (trimmed, lower-cased: the identifier index's own key for that email, so a
 *   row finds its profile directly);
 * - an order with neither belongs to no one.
 * The email key is personal data, and so is the Shopify id: customers/redact moves the rows that
 * carry either to the erasure's pseudonym (`pseudonymiseCustomerKeys`, decision 1019).
 */
import { identifierKey, normaliseIdentifier, parseIdentifierKey } from '../domain/customers/identifiers';
import type { Warehouse, WarehouseRow } from '../ports/warehouse';
import type { BrandScope } from '../ports/warehouse-rows';
import { TENANT_TABLES, type TenantTable } from '../ports/warehouse-tables';

const EMAIL_PREFIX = 'email:';
const normalisedEmail = (column: string) => `LOWER(NULLIF(TRIM(${column}), ''))`;

/**
 * The brand's orders (every column of `orders`) with `customer_id` replaced by the store customer
 * key, as a subquery body: `FROM (${customerOrdersSql('@brandId')}) o`. `brandParam` names the
 * query's brand parameter. Orders with an id pass as they are; only those without one are joined,
 * and only to the Shopify customers of their own emails, so a synced store (every order with an
 * id) pays one scan more, not a grouping of all its emails. The join is on the email alone: a
 * condition on the order's side in the ON of a LEFT JOIN turns DuckDB's hash join into a nested
 * loop (50,000 customers' orders took minutes).
 */
export function customerOrdersSql(brandParam: string): string {
  const names = TENANT_TABLES.orders.columns.map((c) => c.name).filter((c) => c !== 'customer_id');
  const columns = names.map((c) => `o.${c}`).join(', ');
  const email = normalisedEmail('o.email');
  return `SELECT ${columns}, o.customer_id FROM {{orders}} o
  WHERE o.brand_id = ${brandParam} AND o.customer_id IS NOT NULL
  UNION ALL
  SELECT ${columns}, COALESCE(g.customer_id, '${EMAIL_PREFIX}' || ${email}) AS customer_id
  FROM {{orders}} o
  LEFT JOIN (
    SELECT ${normalisedEmail('k.email')} AS email_key, MIN(k.customer_id) AS customer_id FROM {{orders}} k
    WHERE k.brand_id = ${brandParam} AND k.customer_id IS NOT NULL
      AND ${normalisedEmail('k.email')} IN (
        SELECT ${normalisedEmail('email')} FROM {{orders}}
        WHERE brand_id = ${brandParam} AND customer_id IS NULL)
    GROUP BY ${normalisedEmail('k.email')}
  ) g ON g.email_key = ${email}
  WHERE o.brand_id = ${brandParam} AND o.customer_id IS NULL`;
}

/** The store customer key of an email, as the queries above make it; null for a blank one. */
export function emailCustomerKey(email: string): string | null {
  const e = email.trim().toLowerCase();
  return e ? `${EMAIL_PREFIX}${e}` : null;
}

/** The identifier-index key that finds a store customer's profile: its Shopify id, or its email. */
export function profileIdentifierKey(customerId: string): string | null {
  const raw = customerId.startsWith(EMAIL_PREFIX)
    ? { kind: 'email' as const, value: customerId.slice(EMAIL_PREFIX.length) }
    : { kind: 'shopify_customer_id' as const, value: customerId };
  const id = normaliseIdentifier(raw);
  return id.ok ? identifierKey(id.value) : null;
}

/** The prefix of an erased customer's key: what their rows are counted under once they are erased. */
export const ERASED_PREFIX = 'erased:';

/**
 * customers/redact (decision 1019): every warehouse row keyed by one of the subject's store
 * customer keys (their Shopify ids, the `email:` keys of their emails) is moved to the erasure's
 * pseudonym, so the person is counted as one anonymous customer — segments, cohorts, lifetime
 * value and engagement conversions keep their totals — and nothing holds an id that names them.
 * Every table with a `customer_id` column is covered, so a new one is too; a customer has one
 * prediction, so of theirs the one with the most orders is kept. One transaction per table;
 * a re-run finds nothing left under the old keys. Returns the rows moved.
 */
export async function pseudonymiseCustomerKeys(
  warehouse: Pick<Warehouse, 'query' | 'replaceKeys'>,
  scope: BrandScope,
  identifierKeys: readonly string[],
  pseudonym: string,
): Promise<number> {
  const keys = [
    ...new Set(
      identifierKeys.map(parseIdentifierKey).flatMap((id) => {
        if (id.kind === 'email') return [emailCustomerKey(id.value)].filter((k): k is string => k !== null);
        return id.kind === 'shopify_customer_id' ? [id.value] : [];
      }),
    ),
  ];
  if (keys.length === 0) return 0;
  let moved = 0;
  for (const table of CUSTOMER_KEYED_TABLES) {
    const rows = await warehouse.query<WarehouseRow>(
      scope.ctx,
      `SELECT * FROM {{${table}}} WHERE brand_id = @brand AND customer_id IN (SELECT * FROM UNNEST(@keys))`,
      { brand: scope.brandId, keys },
    );
    if (rows.length === 0) continue;
    const kept =
      table === 'customer_predictions'
        ? [rows.reduce((a, b) => (Number(b.orders) > Number(a.orders) ? b : a))]
        : rows;
    await warehouse.replaceKeys(
      scope.ctx,
      table,
      { brandId: scope.brandId, keyColumn: 'customer_id', keys },
      kept.map((r) => ({ ...r, customer_id: pseudonym })),
    );
    moved += rows.length;
  }
  return moved;
}

const CUSTOMER_KEYED_TABLES = (Object.keys(TENANT_TABLES) as TenantTable[]).filter((t) =>
  TENANT_TABLES[t].columns.some((c) => c.name === 'customer_id'),
);
