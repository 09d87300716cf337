import type { Brand, Product } from '../../shared/domain/entities';
import { brandTargetsSchema } from '../../shared/domain/entities';
import { coverOf } from '../../shared/domain/inventory/cover';
import { addDays, type LocalDate, localDate } from '../../shared/domain/time';
import type { WarehouseRow } from '../../shared/ports/warehouse';

/**
 * A small brand for tests with the three planted situations, written as unified_performance rows
 * the way attribution fills them: a fast seller with low stock that Meta spends heavily on, an
 * overstocked product nobody advertises, and a stocked-out product TikTok still advertises. Plus
 * an ordinary product on Google. Deterministic: a fixed wobble per day, no randomness.
 */
export const WORLD = {
  tenantId: 't_world',
  brandId: 'world-brand',
  asOf: localDate('2026-11-20'),
  days: 63,
  products: {
    fast: 'gid://shopify/ProductVariant/101',
    overstock: 'gid://shopify/ProductVariant/202',
    stockedOut: 'gid://shopify/ProductVariant/303',
    normal: 'gid://shopify/ProductVariant/404',
  },
  campaigns: {
    fast: { id: 'meta:act_1:111', platform: 'meta', name: 'Runner — Prospecting' },
    stockedOut: { id: 'tiktok:adv_7:222', platform: 'tiktok', name: 'Bottle — Spark Ads' },
    normal: { id: 'google_ads:123:333', platform: 'google_ads', name: 'Shopping — Tees' },
  },
} as const;

const PRICES = {
  fast: { price: 12_900, cost: 4_100, title: 'Velocity Runner', variant: 'M' },
  overstock: { price: 8_900, cost: 3_100, title: 'Alpine Throw', variant: 'OS' },
  stockedOut: { price: 3_400, cost: 900, title: 'Trail Bottle', variant: 'OS' },
  normal: { price: 5_900, cost: 1_900, title: 'Merino Tee', variant: 'L' },
} as const;
type Key = keyof typeof PRICES;
/** The parent product of each variant (unified_performance carries both). */
const productOf = (k: Key) => `gid://shopify/Product/${Object.keys(PRICES).indexOf(k) + 1}`;

/** Days before asOf on which the stocked-out product has had no stock. */
const STOCKOUT_DAYS = 6;

export function worldBrand(now = '2026-11-21T12:00:00.000Z'): Brand {
  return {
    id: WORLD.brandId,
    name: 'World Brand',
    shopDomain: 'world-brand.myshopify.com',
    currency: 'USD',
    timezone: 'America/New_York',
    targets: brandTargetsSchema.parse({ roasTarget: 3 }),
    discountCodeCampaigns: {},
    createdAt: now,
    updatedAt: now,
  };
}

export function worldProducts(now = '2026-11-21T12:00:00.000Z'): Product[] {
  return (Object.keys(PRICES) as Key[]).map((k) => ({
    id: WORLD.products[k],
    productId: productOf(k),
    title: PRICES[k].title,
    variantTitle: PRICES[k].variant,
    sku: `PP-${k.toUpperCase()}`,
    priceMinor: PRICES[k].price,
    unitCostMinor: PRICES[k].cost,
    currency: 'USD',
    status: 'active',
    updatedAt: now,
  }));
}

/** Deterministic day-to-day wobble in [0.8, 1.2]. */
const wobble = (i: number) => 0.8 + (0.4 * ((i * 37) % 11)) / 10;

interface DayLine {
  key: Key;
  campaign?: (typeof WORLD.campaigns)[keyof typeof WORLD.campaigns];
  spend: number;
  units: number;
}

function row(date: LocalDate, line: DayLine, stock: number, cover: number, model: string): WarehouseRow {
  const p = PRICES[line.key];
  const revenue = Math.round(line.units * p.price);
  const cogs = Math.round(line.units * p.cost);
  return {
    brand_id: WORLD.brandId,
    date,
    channel: line.campaign ? line.campaign.platform : 'organic',
    platform: line.campaign ? line.campaign.platform : null,
    campaign_id: line.campaign ? line.campaign.id : null,
    region: 'US-NY',
    product_id: productOf(line.key),
    variant_id: WORLD.products[line.key],
    currency: 'USD',
    spend_minor: line.spend,
    revenue_minor: revenue,
    orders: line.units,
    units: line.units,
    cogs_minor: cogs,
    fulfillment_cost_minor: 0,
    profit_minor: revenue - cogs - line.spend,
    roas: line.spend > 0 ? revenue / line.spend : null,
    poas: null,
    stock_available: stock,
    days_of_cover: cover,
    spend_allocation_method: line.campaign ? 'promoted_products' : 'none',
    model,
  };
}

/** unified_performance rows for the world's `days` days up to asOf, for one attribution model. */
export function worldRows(model = 'last_touch'): WarehouseRow[] {
  const rows: WarehouseRow[] = [];
  const c = WORLD.campaigns;
  for (let i = 0; i < WORLD.days; i++) {
    const date = addDays(WORLD.asOf, i - (WORLD.days - 1));
    const daysLeft = WORLD.days - 1 - i;
    const f = wobble(i);
    const round2 = (x: number) => Math.round(x * 100) / 100;
    const outOfStock = daysLeft < STOCKOUT_DAYS;
    // Fast seller: 6.5 units a day, 40 left on the last day.
    const fastStock = 40 + Math.round(6.5 * daysLeft);
    const fastCover = round2(fastStock / 6.5);
    rows.push(
      row(
        date,
        { key: 'fast', campaign: c.fast, spend: Math.round(20_000 * f), units: round2(5.5 * f ** 0.7) },
        fastStock,
        fastCover,
        model,
      ),
    );
    rows.push(row(date, { key: 'fast', spend: 0, units: 1 }, fastStock, fastCover, model));
    // Overstock: 0.4 units a day, 2600 on hand, no ads.
    rows.push(row(date, { key: 'overstock', spend: 0, units: 0.4 }, 2600, 6500, model));
    // Stocked out for the last days, and TikTok keeps spending on it.
    const bottleStock = outOfStock ? 0 : 3 * (daysLeft - STOCKOUT_DAYS + 1);
    rows.push(
      row(
        date,
        {
          key: 'stockedOut',
          campaign: c.stockedOut,
          spend: Math.round(6_000 * f),
          units: outOfStock ? 0 : round2(3 * f ** 0.7),
        },
        bottleStock,
        outOfStock ? 0 : round2(bottleStock / 4),
        model,
      ),
    );
    rows.push(
      row(
        date,
        { key: 'stockedOut', spend: 0, units: outOfStock ? 0 : 1 },
        bottleStock,
        outOfStock ? 0 : round2(bottleStock / 4),
        model,
      ),
    );
    // An ordinary, healthy product on Google Shopping.
    rows.push(
      row(
        date,
        { key: 'normal', campaign: c.normal, spend: Math.round(8_000 * f), units: round2(6 * f ** 0.7) },
        400,
        44.44,
        model,
      ),
    );
    rows.push(row(date, { key: 'normal', spend: 0, units: 3 }, 400, 44.44, model));
  }
  return rows;
}

/** Units sold per day of each variant, as the pass's velocity would find them. */
const RATES: Record<Key, number> = { fast: 6.5, overstock: 0.4, stockedOut: 4, normal: 9 };

/** Stock of each variant on day `i` of the world (0 = first day). */
function stockOn(key: Key, i: number): number {
  const daysLeft = WORLD.days - 1 - i;
  if (key === 'fast') return 40 + Math.round(6.5 * daysLeft);
  if (key === 'overstock') return 2600;
  if (key === 'normal') return 400;
  return daysLeft < STOCKOUT_DAYS ? 0 : 3 * (daysLeft - STOCKOUT_DAYS + 1);
}

/** inventory_status rows (all locations) for every day, as daily attribution passes write them. */
export function worldInventoryRows(): WarehouseRow[] {
  const out: WarehouseRow[] = [];
  for (let i = 0; i < WORLD.days; i++) {
    const date = addDays(WORLD.asOf, i - (WORLD.days - 1));
    for (const key of Object.keys(PRICES) as Key[]) {
      const cover = coverOf(stockOn(key, i), RATES[key], date, { lowCoverDays: 14, overstockCoverDays: 90 });
      const advertised = key !== 'overstock';
      out.push({
        brand_id: WORLD.brandId,
        date,
        variant_id: WORLD.products[key],
        product_id: productOf(key),
        sku: `PP-${key.toUpperCase()}`,
        location_id: '*',
        available: cover.available,
        velocity_30d: RATES[key],
        velocity_recent: RATES[key],
        velocity_sba: RATES[key],
        velocity_rate: RATES[key],
        velocity_method: 'trailing_30d',
        days_of_cover: cover.daysOfCover,
        stockout_date: cover.stockoutDate,
        status: cover.status,
        spend_minor: 0,
        spend_share: 0,
        alignment:
          cover.status === 'stockout' && advertised
            ? 'spending_on_stockout'
            : cover.status === 'low' && advertised
              ? 'overspending_low_stock'
              : cover.status === 'overstock' && !advertised
                ? 'underspending_overstock'
                : 'aligned',
      });
    }
  }
  return out;
}

export function worldCampaignRows(): WarehouseRow[] {
  return Object.values(WORLD.campaigns).map((c) => ({
    brand_id: WORLD.brandId,
    date: WORLD.asOf,
    platform: c.platform,
    account_id: c.id.split(':')[1]!,
    campaign_id: c.id,
    name: c.name,
    status: 'ACTIVE',
    objective: null,
    daily_budget_minor: null,
    lifetime_budget_minor: null,
    currency: 'USD',
    promoted_product_ids: null,
  }));
}

export const WORLD_FROM = addDays(WORLD.asOf, -(WORLD.days - 1));
