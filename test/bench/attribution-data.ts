import type { InventoryLevel, Product } from '../../shared/domain/entities/catalog';
import type { TenantContext } from '../../shared/domain/tenancy';
import type { Warehouse } from '../../shared/ports/warehouse';

/**
 * A generated tenant for the attribution benchmark, written straight into DuckDB with
 * `INSERT … SELECT … FROM range(n)` (bench-only, DuckDB dialect) so generating a million orders
 * takes seconds. Deterministic: every choice is a hash of the row number.
 */
export const BENCH_DAYS = 180;
export const BENCH_LAST_DAY = '2026-03-31';
export const BENCH_VARIANTS = 300;
const REGIONS = ['US-CA', 'US-NY', 'US-TX', 'US-FL', 'US-WA', 'US-IL', 'CA-ON', 'GB-ENG', 'DE-BE', 'AU-NSW'];

export const BENCH_CAMPAIGNS = [
  ['meta', 'act_1001', '120210000000101', 'facebook', 'fbclid'],
  ['meta', 'act_1001', '120210000000102', 'facebook', 'fbclid'],
  ['meta', 'act_1001', '120210000000103', 'instagram', 'fbclid'],
  ['meta', 'act_1001', '120210000000104', 'facebook', 'fbclid'],
  ['tiktok', '7000000000002', '1790000000000201', 'tiktok', 'ttclid'],
  ['tiktok', '7000000000002', '1790000000000202', 'tiktok', 'ttclid'],
  ['tiktok', '7000000000002', '1790000000000203', 'tiktok', 'ttclid'],
  ['google_ads', '1234567890', '20000000301', 'google', 'gclid'],
  ['google_ads', '1234567890', '20000000302', 'google', 'gclid'],
  ['google_ads', '1234567890', '20000000303', 'google', 'gclid'],
  ['google_ads', '1234567890', '20000000304', 'google', 'gclid'],
  ['google_ads', '1234567890', '20000000305', 'google', 'gclid'],
] as const;

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
/** 1-based pick from a list literal by a hash. */
const pick = (xs: readonly string[], h: string) => `${list(xs)}[CAST(1 + (${h}) % ${xs.length} AS BIGINT)]`;

export async function generateBenchTenant(
  warehouse: Warehouse,
  ctx: TenantContext,
  brandId: string,
  orders: number,
): Promise<{ touchpoints: number }> {
  await warehouse.ensureTenant(ctx);
  const first = `CAST('${BENCH_LAST_DAY}' AS DATE) - ${BENCH_DAYS - 1}`;
  const natives = BENCH_CAMPAIGNS.map((c) => c[2]);
  const sources = BENCH_CAMPAIGNS.map((c) => c[3]);
  const clicks = BENCH_CAMPAIGNS.map((c) => c[4]);
  const run = (sql: string) => warehouse.query(ctx, sql, { brand: brandId });
  await run(`INSERT INTO {{orders}} (brand_id, order_id, date, created_at, updated_at, customer_id, currency,
      subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, region, cancelled_at)
    SELECT @brand, 'o' || i, CAST(ts AS DATE), ts, ts, 'c' || (hash(i) % ${Math.max(1, orders / 3)}), 'USD', 0, 0, 0, 0, 0,
      ${pick(REGIONS, 'hash(i * 7)')}, CASE WHEN hash(i * 11) % 200 = 0 THEN ts + INTERVAL 2 DAY END
    FROM (SELECT i, CAST(${first} AS TIMESTAMP) + to_seconds(CAST(i * ${BENCH_DAYS} * 86400 // ${orders} AS BIGINT)) AS ts
          FROM range(${orders}) r(i))`);
  await run(`INSERT INTO {{order_lines}} (brand_id, order_id, line_id, date, variant_id, product_id, quantity,
      price_minor, discount_minor, total_minor, unit_cost_minor, currency)
    SELECT brand_id, order_id, order_id || ':1', date, 'v' || v, 'p' || (v // 3), q, price, 0, price * q, price // 3, 'USD'
    FROM (SELECT brand_id, order_id, date, hash(order_id) % ${BENCH_VARIANTS} AS v, 1 + hash(order_id || 'q') % 2 AS q,
                 1000 + (hash(order_id) % ${BENCH_VARIANTS}) * 37 AS price FROM {{orders}} WHERE brand_id = @brand)`);
  await run(`INSERT INTO {{refunds}} (brand_id, refund_id, order_id, date, created_at, variant_id, quantity, amount_minor, currency, kind)
    SELECT o.brand_id, 'r' || o.order_id, o.order_id, CAST(o.created_at + INTERVAL 5 DAY AS DATE), o.created_at + INTERVAL 5 DAY,
      l.variant_id, 1, l.price_minor, 'USD', 'line'
    FROM {{orders}} o JOIN {{order_lines}} l ON l.order_id = o.order_id
    WHERE o.brand_id = @brand AND hash(o.order_id || 'r') % 50 = 0 AND o.date < CAST('${BENCH_LAST_DAY}' AS DATE) - 5`);
  // Two journey touches per order (up to 10 days before it, so some fall outside a 7-day window):
  // 85% paid (click id + UTM), 15% email.
  await run(`INSERT INTO {{touchpoints}} (brand_id, touchpoint_id, customer_id, order_id, date, occurred_at, kind,
      utm_source, utm_medium, utm_campaign, click_id, click_id_type)
    SELECT brand_id, order_id || ':' || k, customer_id, order_id, CAST(seen AS DATE), seen, 'visit',
      CASE WHEN paid THEN ${pick(sources, 'c')} ELSE 'klaviyo' END,
      CASE WHEN paid THEN 'paid' ELSE 'email' END,
      CASE WHEN paid THEN ${pick(natives, 'c')} END,
      CASE WHEN paid AND clicked THEN 'x' || hash(order_id || k) END,
      CASE WHEN paid AND clicked THEN ${pick(clicks, 'c')} END
    FROM (SELECT o.brand_id, o.order_id, o.customer_id, k,
                 o.created_at - to_seconds(CAST(hash(o.order_id || k) % 864000 AS BIGINT)) AS seen,
                 hash(o.order_id || 'p' || k) % 100 < 85 AS paid,
                 hash(o.order_id || 'k' || k) % 100 < 70 AS clicked,
                 hash(o.order_id || 'c' || k) AS c
          FROM {{orders}} o, range(2) r(k) WHERE o.brand_id = @brand)`);
  // Journeys that never converted: one visit each, spread over the period.
  await run(`INSERT INTO {{touchpoints}} (brand_id, touchpoint_id, customer_id, order_id, date, occurred_at, kind,
      utm_source, utm_medium, utm_campaign, click_id, click_id_type)
    SELECT @brand, 's' || i, 'c' || (hash(i * 3) % ${Math.max(1, orders / 3)}), NULL, CAST(seen AS DATE), seen, 'visit',
      ${pick(sources, 'hash(i * 5)')}, 'paid', ${pick(natives, 'hash(i * 5)')}, 'y' || i, ${pick(clicks, 'hash(i * 5)')}
    FROM (SELECT i, CAST(${first} AS TIMESTAMP) + to_seconds(CAST(hash(i) % ${BENCH_DAYS * 86400} AS BIGINT)) AS seen
          FROM range(${orders}) r(i))`);
  await run(`INSERT INTO {{ad_performance}} (brand_id, date, platform, account_id, campaign_id, region, spend_minor, currency,
      spend_original_minor, original_currency, fx_rate, impressions, clicks, platform_conversions,
      platform_conversion_value_minor, synced_at)
    SELECT @brand, d, p, a, p || ':' || a || ':' || n, reg, s, 'USD', s, 'USD', 1.0, 0, 0, 0, s * 3, TIMESTAMP '2026-04-01 00:00:00'
    FROM (SELECT ${first} + CAST(dd AS INTEGER) AS d, c.p, c.a, c.n, reg, CAST(1000 + hash(dd, c.n, reg) % 20000 AS BIGINT) AS s
          FROM range(${BENCH_DAYS}) r(dd),
               (SELECT * FROM (VALUES ${BENCH_CAMPAIGNS.map((c) => `('${c[0]}', '${c[1]}', '${c[2]}')`).join(', ')}) v(p, a, n)) c,
               (SELECT UNNEST(${list(REGIONS)}) AS reg))`);
  await run(`INSERT INTO {{campaigns}} (brand_id, date, platform, account_id, campaign_id, promoted_product_ids)
    SELECT @brand, CAST('${BENCH_LAST_DAY}' AS DATE), p, a, p || ':' || a || ':' || n, CASE WHEN n LIKE '%1' THEN 'v1,v2,v3' END
    FROM (VALUES ${BENCH_CAMPAIGNS.map((c) => `('${c[0]}', '${c[1]}', '${c[2]}')`).join(', ')}) v(p, a, n)`);
  const [count] = await warehouse.query<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM {{touchpoints}}');
  return { touchpoints: count?.n ?? 0 };
}

export function benchCatalog(now: string): { products: Product[]; levels: InventoryLevel[] } {
  const products: Product[] = [];
  const levels: InventoryLevel[] = [];
  for (let v = 0; v < BENCH_VARIANTS; v++) {
    products.push({
      id: `v${v}`,
      productId: `p${Math.floor(v / 3)}`,
      title: `Variant ${v}`,
      sku: `SKU-${v}`,
      priceMinor: 1000 + v * 37,
      currency: 'USD',
      status: 'active',
      updatedAt: now,
    });
    for (const loc of ['l1', 'l2'])
      levels.push({
        id: `v${v}@${loc}`,
        variantId: `v${v}`,
        inventoryItemId: `ii${v}`,
        locationId: loc,
        available: (v * 13) % 400,
        onHand: (v * 13) % 400,
        committed: 0,
        incoming: 0,
        updatedAt: now,
      });
  }
  return { products, levels };
}
