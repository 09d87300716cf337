import type { Backend } from '../../infra/compose/backend';
import { allocateMinor } from '../../shared/domain/money';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, type LocalDate, toLocalDate } from '../../shared/domain/time';
import { createLocalAnalyst } from '../../shared/insights/local-analyst';
import { createInsightsService } from '../../shared/insights/service';
import { createWeeklySummaryJob } from '../../shared/insights/weekly-summary-job';
import type { Clock } from '../../shared/ports/clock';
import type { OperationalStore } from '../../shared/ports/operational-store';
import type { Warehouse, WarehouseRow } from '../../shared/ports/warehouse';
import type { TenantTable } from '../../shared/ports/warehouse-tables';
import { anAdRow, anAlert, anOrderRow, aPerformanceRow, aRecommendation } from '../support/builders';

/**
 * Eight weeks of deterministic trading for the demo brand — orders, ad spend and the unified
 * performance the attribution pass would derive from them — written through the real warehouse
 * and store adapters, so the API computes every number the browser shows (nothing is faked).
 */
const TENANT = 'demo';
const BRAND = 'demo-brand';
const DAYS = 56;
const CHANNELS = ['meta', 'tiktok', 'google_ads'] as const;
const REGIONS = ['CA', 'NY', 'TX'] as const;
const PRODUCTS = [
  { id: 'gid://shopify/ProductVariant/101', stock: 0, velocity: 3 },
  { id: 'gid://shopify/ProductVariant/102', stock: 30, velocity: 6 },
  { id: 'gid://shopify/ProductVariant/103', stock: 900, velocity: 2 },
  { id: 'gid://shopify/ProductVariant/104', stock: 240, velocity: 5 },
] as const;

export interface DemoRows {
  unified: WarehouseRow[];
  ads: WarehouseRow[];
  orders: WarehouseRow[];
}

export function demoRows(today: LocalDate): DemoRows {
  const rows: DemoRows = { unified: [], ads: [], orders: [] };
  for (let back = DAYS; back >= 1; back--) {
    const date = addDays(today, -back);
    CHANNELS.forEach((channel, c) => {
      PRODUCTS.forEach((p, k) => {
        const campaign = `${channel}:act_1:camp_${k + 1}`;
        let campaignSpend = 0;
        REGIONS.forEach((region, r) => {
          // Varies by channel, product, region and weekday, and grows ~1 % a day so the two
          // dashboard periods differ; deterministic, so reruns agree.
          const growth = 1 + (DAYS - back) / 100;
          const spend = Math.round((1500 + 700 * c + 300 * k + 400 * r + 50 * (back % 7)) * growth);
          const revenue = Math.round(spend * (1.4 + 0.9 * ((c + k) % 3) + 0.1 * r));
          const orders = 1 + ((back + c + r + k) % 3);
          const cogs = Math.round(revenue * 0.35);
          campaignSpend += spend;
          rows.unified.push(
            aPerformanceRow(BRAND, {
              date,
              channel,
              platform: channel,
              campaign_id: campaign,
              region,
              product_id: p.id,
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
            }),
          );
          allocateMinor(revenue, Array(orders).fill(1)).forEach((total, i) => {
            rows.orders.push(
              anOrderRow(BRAND, `o-${date}-${c}${k}${r}${i}`, date, total, { country: 'US', region }),
            );
          });
        });
        rows.ads.push(anAdRow(BRAND, date, channel, campaignSpend, { campaign_id: campaign }));
      });
    });
  }
  return rows;
}

export async function seedDemoBrand(deps: {
  warehouse: Warehouse;
  store: OperationalStore;
  clock: Clock;
}): Promise<void> {
  const ctx = systemContext(TENANT, 'e2e-seed');
  const brand = await deps.store.brands.get(ctx, BRAND);
  if (!brand) throw new Error('the demo brand must be seeded first (PULSEPOINT_SEED_DEMO)');
  const today = toLocalDate(deps.clock.now(), brand.timezone);
  const range = { brandId: BRAND, from: addDays(today, -DAYS), to: addDays(today, -1) };
  const rows = demoRows(today);
  const tables: [TenantTable, WarehouseRow[]][] = [
    ['unified_performance', rows.unified],
    ['ad_performance', rows.ads],
    ['orders', rows.orders],
  ];
  for (const [table, data] of tables) await deps.warehouse.replaceRange(ctx, table, range, data);

  const now = deps.clock.now().toISOString();
  const at = { createdAt: now, updatedAt: now };
  await deps.store.recommendations.upsertMany(ctx, BRAND, [
    aRecommendation(BRAND, {
      id: 'rec-stockout',
      dedupeKey: 'reduce:meta:camp_1',
      priority: 'critical',
      score: 95,
      title: 'Cut Meta spend on Variant 101: it is out of stock',
      action: 'Lower the daily budget of Meta campaign 1 from $120.00 to $0.00',
      reason: 'The campaign promotes a variant with no stock; every click is wasted.',
      change: {
        platform: 'meta',
        campaignId: 'meta:act_1:camp_1',
        currentDailySpendMinor: 12_000,
        proposedDailySpendMinor: 0,
        currency: 'USD',
      },
      // The keys the rules write; stored without a declaration, like records made before them.
      evidence: {
        stock_available: 0,
        days_of_cover: 0,
        window_days: 14,
        spend_window_minor: 168_000,
        roas_window: 1.6,
        roas_target: 3,
      },
      expectedImpact: {
        description: 'Stops spend on units that cannot ship',
        amountMinor: 84_000,
        currency: 'USD',
        model: 'spend saved over 7 days',
      },
      ...at,
    }),
    aRecommendation(BRAND, {
      id: 'rec-scale',
      dedupeKey: 'increase:google_ads:camp_3',
      type: 'increase_spend',
      priority: 'medium',
      score: 40,
      title: 'Scale Google Ads on Variant 103: well stocked and profitable',
      action: 'Raise the daily budget of Google Ads campaign 3 by 30%',
      reason: 'ROAS is well above target with 450 days of cover.',
      change: {
        platform: 'google_ads',
        campaignId: 'google_ads:act_1:camp_3',
        currentDailySpendMinor: 9_000,
        proposedDailySpendMinor: 11_700,
        currency: 'USD',
      },
      evidence: {
        window_days: 14,
        spend_window_minor: 84_000,
        roas_window: 5.1,
        roas_target: 3,
        spend_share: 0.08,
      },
      expectedImpact: {
        description: 'More revenue at the current marginal ROAS',
        amountMinor: 80_000,
        currency: 'USD',
        model: 'constant marginal ROAS',
      },
      ...at,
    }),
  ]);
  await deps.store.alerts.upsertMany(ctx, BRAND, [
    anAlert(BRAND, {
      id: 'alert-stockout',
      title: 'Meta is spending on Variant 101, which is out of stock',
      explanation: 'Meta campaign 1 spent $120.00 yesterday on a variant with 0 units available.',
      recommendedAction: 'Pause the campaign or move its budget to a stocked variant.',
      evidence: {
        product: 'Variant 101',
        stock_available: 0,
        recent_days: 3,
        spend_recent_minor: 36_000,
        campaigns: 1,
      },
      ...at,
    }),
  ]);
}

/** The real weekly-summary job over the seeded data (the local analyst writes it; no key needed). */
export async function writeWeeklySummaries(deps: Backend): Promise<void> {
  const counts = await createWeeklySummaryJob({
    ...deps,
    insights: createInsightsService({ ...deps, llm: createLocalAnalyst() }),
  })();
  if (counts.created + counts.skipped === 0) throw new Error('no weekly summary was written');
}
