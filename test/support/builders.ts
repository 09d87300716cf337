import { activityColumnsOf } from '../../shared/customers/activity-columns';
import type { CustomerActivity } from '../../shared/customers/activity-query';
import { analyzeCustomers } from '../../shared/customers/analysis';
import { modelRow, predictionRows } from '../../shared/customers/rows';
import {
  type Alert,
  type Brand,
  brandSchema,
  type Question,
  type Recommendation,
  type SyncRun,
} from '../../shared/domain/entities';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../shared/domain/entities/brand';
import { localDate } from '../../shared/domain/time';
import type { WarehouseRow } from '../../shared/ports/warehouse';
import { attributionColumns } from '../../shared/ports/warehouse-tables';

const AT = '2026-11-19T10:00:00.000Z';

/** A brand with default targets, its shop named after its id. */
export function aBrand(id: string, over: Partial<Brand> = {}): Brand {
  return brandSchema.parse({
    id,
    name: `Brand ${id}`,
    shopDomain: `${id}.myshopify.com`,
    currency: 'USD',
    timezone: 'America/New_York',
    createdAt: AT,
    updatedAt: AT,
    ...over,
  });
}

export function aRecommendation(brandId: string, over: Partial<Recommendation> = {}): Recommendation {
  return {
    id: `rec-${brandId}`,
    brandId,
    dedupeKey: `reduce:${brandId}`,
    type: 'reduce_spend',
    priority: 'high',
    score: 80,
    title: `Cut spend on ${brandId}`,
    action: 'Reduce the daily budget',
    reason: 'Low cover while spending',
    change: {},
    evidence: { roas: 1.2 },
    expectedImpact: { description: 'saves money', model: 'assumption' },
    status: 'open',
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

export function anAlert(brandId: string, over: Partial<Alert> = {}): Alert {
  return {
    id: `alert-${brandId}`,
    brandId,
    dedupeKey: `stockout:${brandId}`,
    type: 'spending_on_stockout',
    severity: 'critical',
    title: `Spending on a stocked-out product of ${brandId}`,
    explanation: 'Ads run, nothing to sell',
    recommendedAction: 'Pause the campaign',
    evidence: {},
    status: 'open',
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

export function aQuestion(brandId: string, over: Partial<Question> = {}): Question {
  return {
    id: `q-${brandId}`,
    brandId,
    uid: 'someone',
    question: `How is ${brandId} doing?`,
    answer: `Answer about ${brandId}`,
    toolCalls: [],
    grounded: true,
    ungroundedNumbers: [],
    model: 'local',
    inputTokens: 1,
    outputTokens: 1,
    costMicros: 1,
    createdAt: AT,
    ...over,
  };
}

export function aSyncRun(brandId: string, over: Partial<SyncRun> = {}): SyncRun {
  return {
    id: `run-${brandId}`,
    brandId,
    platform: 'meta',
    status: 'succeeded',
    counts: { rows: 3 },
    startedAt: AT,
    finishedAt: AT,
    ...over,
  };
}

/** A unified_performance row; money in minor units of USD. */
export function aPerformanceRow(
  brandId: string,
  over: Partial<Record<string, WarehouseRow[string]>> = {},
): WarehouseRow {
  return {
    brand_id: brandId,
    date: '2026-11-10',
    channel: 'meta',
    platform: 'meta',
    campaign_id: `meta:act_${brandId}:camp_1`,
    region: 'CA',
    product_id: `gid://shopify/Product/${brandId}`,
    currency: 'USD',
    spend_minor: 10_000,
    revenue_minor: 30_000,
    orders: 3,
    units: 4,
    cogs_minor: 9_000,
    fulfillment_cost_minor: 1_000,
    profit_minor: 10_000,
    roas: 3,
    poas: 1,
    stock_available: 50,
    days_of_cover: 20,
    spend_allocation_method: 'promoted',
    model: 'last_touch',
    ...over,
  } as WarehouseRow;
}

/**
 * An `attributions` row: one order's destination with `credit` (and the order's revenue times it)
 * under each model named in `credits`, nothing under the others.
 */
export function anAttributionRow(
  brandId: string,
  over: Partial<Record<string, WarehouseRow[string]>> & { order_id: string; channel: string },
  credits: Partial<Record<AttributionModel, { credit: number; revenueMinor: number }>>,
): WarehouseRow {
  const models = Object.fromEntries(
    ATTRIBUTION_MODELS.flatMap((m) => {
      const { credit, revenue } = attributionColumns(m);
      return [
        [credit, credits[m]?.credit ?? 0],
        [revenue, credits[m]?.revenueMinor ?? 0],
      ];
    }),
  );
  return {
    brand_id: brandId,
    date: '2026-11-10',
    platform: over.channel,
    campaign_id: null,
    touchpoint_id: null,
    method: 'utm',
    confidence: 0.9,
    currency: 'USD',
    ...models,
    ...over,
  } as WarehouseRow;
}

/** An orders row (brand currency USD). */
export function anOrderRow(
  brandId: string,
  orderId: string,
  date: string,
  totalMinor: number,
  over: Partial<WarehouseRow> = {},
): WarehouseRow {
  return {
    brand_id: brandId,
    order_id: orderId,
    date,
    created_at: `${date}T15:00:00Z`,
    updated_at: `${date}T15:00:00Z`,
    currency: 'USD',
    subtotal_minor: totalMinor,
    discount_minor: 0,
    shipping_minor: 0,
    tax_minor: 0,
    total_minor: totalMinor,
    ...over,
  };
}

export function aRefundRow(
  brandId: string,
  orderId: string,
  date: string,
  amountMinor: number,
): WarehouseRow {
  return {
    brand_id: brandId,
    refund_id: `refund-${orderId}-${date}`,
    order_id: orderId,
    date,
    created_at: `${date}T16:00:00Z`,
    quantity: 1,
    amount_minor: amountMinor,
    currency: 'USD',
    kind: 'refund',
  };
}

/** An ad_performance row: one campaign-day of spend. */
export function anAdRow(
  brandId: string,
  date: string,
  platform: string,
  spendMinor: number,
  over: Partial<WarehouseRow> = {},
): WarehouseRow {
  return {
    brand_id: brandId,
    date,
    platform,
    account_id: 'act_1',
    campaign_id: `${platform}:act_1:c1`,
    spend_minor: spendMinor,
    currency: 'USD',
    spend_original_minor: spendMinor,
    original_currency: 'USD',
    fx_rate: 1,
    impressions: 1000,
    clicks: 10,
    platform_conversions: 1,
    platform_conversion_value_minor: spendMinor * 3,
    synced_at: `${date}T23:00:00Z`,
    ...over,
  };
}

/** An inventory_status row as the attribution pass writes it (all locations together). */
export function anInventoryStatusRow(brandId: string, over: Partial<WarehouseRow> = {}): WarehouseRow {
  return {
    brand_id: brandId,
    date: '2026-11-10',
    variant_id: `variant-act_${brandId}`,
    product_id: `gid://shopify/Product/${brandId}`,
    sku: `SKU-${brandId}`,
    location_id: '*',
    available: 5,
    velocity_30d: 1,
    velocity_recent: 1,
    velocity_sba: 1,
    velocity_rate: 1,
    velocity_method: 'sba',
    days_of_cover: 5,
    stockout_date: '2026-11-15',
    status: 'low',
    spend_minor: 10_000,
    spend_share: 0.5,
    alignment: 'overspending_low_stock',
    ...over,
  };
}

export function aReconciliationRow(brandId: string, over: Partial<WarehouseRow> = {}): WarehouseRow {
  return {
    brand_id: brandId,
    date: '2026-11-09',
    platform: 'meta',
    model: 'last_touch',
    currency: 'USD',
    attributed_revenue_minor: 30_000,
    claimed_value_minor: 45_000,
    over_claim_ratio: 1.5,
    ...over,
  };
}

/**
 * A customer-analytics run's model row and predictions (customers `cust-1`, `cust-2`), made by
 * the real analysis from three orders, as the nightly job would write them.
 */
export function customerAnalyticsRows(brandId: string): { model: WarehouseRow; predictions: WarehouseRow[] } {
  const asOf = localDate('2026-11-19');
  const activity: CustomerActivity[] = [
    {
      customer_id: 'cust-1',
      first_order_id: `order-${brandId}-1`,
      first_date: '2026-09-01',
      first_order_minor: 5_000,
      order_days: 2,
      last_date: '2026-11-01',
      revenue_minor: 9_000,
      first_day_minor: 5_000,
      second_date: '2026-11-01',
      cal_days: 1,
      cal_last_date: '2026-09-01',
      cal_repeat_minor: 0,
      acquisition_channel: 'meta',
      acquisition_platform: 'meta',
      acquisition_campaign_id: `meta:act_${brandId}:camp_1`,
    },
    {
      customer_id: 'cust-2',
      first_order_id: `order-${brandId}-2`,
      first_date: '2026-10-10',
      first_order_minor: 3_000,
      order_days: 1,
      last_date: '2026-10-10',
      revenue_minor: 3_000,
      first_day_minor: 3_000,
      second_date: null,
      cal_days: 1,
      cal_last_date: '2026-10-10',
      cal_repeat_minor: 0,
      acquisition_channel: null,
      acquisition_platform: null,
      acquisition_campaign_id: null,
    },
  ];
  const columns = activityColumnsOf(activity);
  const analysis = analyzeCustomers(columns, { asOf, annualDiscountRate: 0.1 });
  const id = {
    brandId,
    modelId: `ltv-${asOf}`,
    fittedAt: '2026-11-20T03:30:00.000Z',
    currency: 'USD',
    annualDiscountRate: 0.1,
  };
  return {
    model: modelRow(analysis, id, activity.length),
    predictions: predictionRows(analysis, columns, id),
  };
}
