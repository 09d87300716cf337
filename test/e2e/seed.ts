import type { Recommendation } from '../../shared/domain/entities';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, type LocalDate, toLocalDate } from '../../shared/domain/time';
import type { Deps } from '../../shared/jobs/deps';
import type { WarehouseRow } from '../../shared/ports/warehouse';

/**
 * Eight weeks of deterministic performance for the demo brand, written through the real warehouse
 * and store adapters (no faked responses): what the pipeline would produce after a first sync.
 */
const TENANT = 'demo';
const BRAND = 'demo-brand';
const CHANNELS = ['meta', 'tiktok', 'google_ads'] as const;
const REGIONS = ['CA', 'NY', 'TX'] as const;
const PRODUCTS = [
  { id: 'gid://shopify/ProductVariant/101', stock: 4, velocity: 3 },
  { id: 'gid://shopify/ProductVariant/102', stock: 60, velocity: 6 },
  { id: 'gid://shopify/ProductVariant/103', stock: 900, velocity: 2 },
  { id: 'gid://shopify/ProductVariant/104', stock: 120, velocity: 5 },
] as const;

export function performanceRows(today: LocalDate, days = 56): WarehouseRow[] {
  const rows: WarehouseRow[] = [];
  for (let back = days; back >= 1; back--) {
    const date = addDays(today, -back);
    CHANNELS.forEach((channel, c) => {
      REGIONS.forEach((region, r) => {
        PRODUCTS.forEach((p, k) => {
          // Spend and revenue vary by channel, region, product and weekday, never randomly.
          const spend = 1500 + 700 * c + 400 * r + 300 * k + 50 * (back % 7);
          const revenue = Math.round(spend * (1.4 + 0.9 * ((c + k) % 3) + 0.1 * r));
          const orders = 1 + ((back + c + r + k) % 3);
          const cogs = Math.round(revenue * 0.35);
          rows.push({
            brand_id: BRAND,
            date,
            channel,
            platform: channel,
            campaign_id: `${channel}:acct_1:camp_${k + 1}`,
            region,
            product_id: p.id,
            currency: 'USD',
            spend_minor: spend,
            revenue_minor: revenue,
            orders,
            units: orders,
            cogs_minor: cogs,
            fulfillment_cost_minor: 300 * orders,
            profit_minor: revenue - cogs - 300 * orders - spend,
            roas: revenue / spend,
            poas: (revenue - cogs) / spend,
            stock_available: p.stock,
            days_of_cover: p.stock / p.velocity,
            spend_allocation_method: 'promoted_products',
            model: 'last_touch',
          });
        });
      });
    });
  }
  return rows;
}

function recommendation(
  now: string,
  over: Partial<Recommendation> & Pick<Recommendation, 'id' | 'title'>,
): Recommendation {
  return {
    brandId: BRAND,
    dedupeKey: over.id,
    type: 'reduce_spend',
    priority: 'high',
    score: 80,
    action: 'Lower the daily budget',
    reason: 'ROAS is below target while the product is close to stocking out.',
    change: {
      platform: 'meta',
      campaignId: 'meta:acct_1:camp_1',
      currentDailySpendMinor: 12_000,
      proposedDailySpendMinor: 6_000,
      currency: 'USD',
    },
    evidence: { roas: 1.6, roasTarget: 3, daysOfCover: 1.33, dailySpendMinor: 12_000 },
    expectedImpact: {
      description: 'Saves spend on units that cannot ship',
      amountMinor: 42_000,
      currency: 'USD',
      model: 'cover-weighted spend',
    },
    status: 'open',
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

export async function seedDemoBrand(deps: Pick<Deps, 'warehouse' | 'store' | 'clock'>): Promise<void> {
  const ctx = systemContext(TENANT, 'e2e-seed');
  const brand = await deps.store.brands.get(ctx, BRAND);
  if (!brand) throw new Error('the demo brand must be seeded first (PULSEPOINT_SEED_DEMO)');
  const today = toLocalDate(deps.clock.now(), brand.timezone);
  await deps.warehouse.replaceRange(
    ctx,
    'unified_performance',
    { brandId: BRAND, from: addDays(today, -56), to: addDays(today, -1) },
    performanceRows(today),
  );
  const now = deps.clock.now().toISOString();
  await deps.store.recommendations.upsertMany(ctx, BRAND, [
    recommendation(now, {
      id: 'rec-stockout',
      title: 'Cut Meta spend on a product about to stock out',
      priority: 'critical',
      score: 95,
    }),
    recommendation(now, {
      id: 'rec-scale',
      title: 'Scale Google Ads on a well-stocked best seller',
      type: 'increase_spend',
      priority: 'medium',
      score: 60,
      action: 'Raise the daily budget by 30%',
      reason: 'ROAS is well above target with 180 days of cover.',
      change: {
        platform: 'google_ads',
        campaignId: 'google_ads:acct_1:camp_3',
        currentDailySpendMinor: 9_000,
        proposedDailySpendMinor: 11_700,
        currency: 'USD',
      },
      evidence: { roas: 5.1, roasTarget: 3, daysOfCover: 450, spendSharePct: 8 },
      expectedImpact: {
        description: 'More revenue at the current ROAS',
        amountMinor: 80_000,
        currency: 'USD',
        model: 'constant marginal ROAS',
      },
    }),
  ]);
}
