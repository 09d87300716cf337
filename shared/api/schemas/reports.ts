import { z } from 'zod';
import { ALIGNMENTS } from '../../domain/inventory/alignment';
import { DRILLDOWN_DIMENSIONS } from '../../domain/reporting/drilldown';
import { COMPARISONS } from '../../domain/reporting/period';
import { REGIONAL_SPEND } from '../../domain/reporting/regional-spend';
import { campaignLtvSchema } from './customers';

/**
 * Response shapes of the report routes (dashboard, drilldown), in plain zod with no server code,
 * so the API (which names them for OpenAPI) and the web app (which checks what it receives) share
 * one definition.
 */
const num = z.number();
const nullableNum = z.number().nullable();
export const periodSchema = z.object({ from: z.string(), to: z.string() });

export const kpisSchema = z.object({
  spendMinor: num,
  revenueMinor: num,
  blendedRoas: nullableNum,
  profitMinor: nullableNum,
  orders: num,
});
export type Kpis = z.infer<typeof kpisSchema>;

/** Relative change vs the previous period (0.25 = +25 %). */
export const kpiChangeSchema = z.object({
  spendMinor: nullableNum,
  revenueMinor: nullableNum,
  blendedRoas: nullableNum,
  profitMinor: nullableNum,
  orders: nullableNum,
});

export const breakdownSchema = z.object({
  key: z.string(),
  /** What the merchant calls the key: a campaign's name, a region's ("New York, US"), a channel's, or what the `unknown` campaign row is ("TikTok — campaign not identified"). */
  name: z.string().optional(),
  /** Why a row has no campaign and what to change (an ad platform's `unknown` campaign row; decision 981). */
  note: z.string().optional(),
  spendMinor: num,
  revenueMinor: num,
  profitMinor: num,
  orders: num,
  roas: nullableNum,
});
export type BreakdownRow = z.infer<typeof breakdownSchema>;

export const trendPointSchema = z.object({
  date: z.string(),
  spendMinor: num,
  revenueMinor: num,
  roas: nullableNum,
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

/**
 * A day of the comparison period, drawn under the current period's day at the same offset; a
 * null value is a day before the brand's data of that kind begins (a gap, not a zero).
 */
export const comparisonPointSchema = z.object({
  date: z.string(),
  spendMinor: nullableNum,
  revenueMinor: nullableNum,
  roas: nullableNum,
});
export type ComparisonPoint = z.infer<typeof comparisonPointSchema>;

const incompleteComparisonSchema = z.array(
  z.enum(['spendMinor', 'revenueMinor', 'blendedRoas', 'profitMinor', 'orders']),
);

export const inventorySpendRowSchema = z.object({
  productId: z.string(),
  /** The catalog's name for it (product — variant) and SKU, when the catalog knows it. */
  title: z.string().optional(),
  sku: z.string().optional(),
  spendMinor: num,
  spendShare: num,
  revenueMinor: num,
  units: num,
  stockAvailable: nullableNum,
  daysOfCover: nullableNum,
  alignment: z.enum(ALIGNMENTS),
});
export type InventoryRow = z.infer<typeof inventorySpendRowSchema>;

/** GET /api/brands/{brandId}/dashboard */
export const dashboardSchema = z.object({
  currency: z.string(),
  period: periodSchema,
  /** What `previousPeriod` is (`?compare=`): the days just before, the same dates last year, … */
  comparison: z.enum(COMPARISONS),
  previousPeriod: periodSchema,
  /** The attribution model channels and campaigns are credited under in this view (`?model=`). */
  model: z.string(),
  /** The brand's own model (Settings): KPIs, products and regions are always under it. */
  defaultModel: z.string(),
  /** What counts as revenue for this brand (brand targets `revenueBasis`, `refundTiming`). */
  revenueDefinition: z.object({
    basis: z.enum(['order_total', 'net_sales']),
    refunds: z.enum(['refund_day', 'order_day']),
  }),
  /**
   * The period's revenue by evidence, in three parts that sum to it: to a campaign, to an ad
   * platform without a campaign (its click id but no campaign tag; per platform with the drill-down
   * row's name and how to add the tag), not attributed. `modelledRevenueMinor` (geo + time
   * guesses, inside not attributed) is null when off.
   */
  attribution: z.object({
    attributedRevenueMinor: num,
    campaignNotIdentifiedRevenueMinor: num,
    campaignNotIdentified: z.array(
      z.object({
        channel: z.string(),
        name: z.string().optional(),
        note: z.string().optional(),
        revenueMinor: num,
      }),
    ),
    unattributedRevenueMinor: num,
    modelledRevenueMinor: nullableNum,
  }),
  kpis: kpisSchema,
  previous: kpisSchema,
  change: kpiChangeSchema,
  /** KPIs whose previous period has data on too few days to compare with (shown as such, not as a %). */
  incompleteComparison: incompleteComparisonSchema,
  byChannel: z.array(breakdownSchema),
  byRegion: z.array(breakdownSchema),
  trend: z.array(trendPointSchema),
  /** The comparison period day by day, aligned with `trend` by offset. */
  previousTrend: z.array(comparisonPointSchema),
  inventory: z.array(inventorySpendRowSchema),
  /**
   * LTV-based ROAS of each campaign over the period (customers it acquired, valued at their first
   * order plus the predicted 365-day value). Empty before the first customer-analytics run.
   */
  ltvByCampaign: z.array(campaignLtvSchema).optional(),
  /** The first and last day the brand has spend or orders (null: none yet), whatever the period. */
  dataDays: periodSchema.nullable().optional(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** One ad set (Meta) or ad group (Google Ads, TikTok) of a campaign, as its platform reports it. */
export const adSetRowSchema = z.object({
  /** The internal id, for tooltips; null for spend reported per campaign only. */
  adsetId: z.string().nullable(),
  name: z.string(),
  spendMinor: num,
  impressions: num,
  clicks: num,
  /** Platform-reported conversions and value (the platform's claim, not Shopify's orders). */
  conversions: num,
  conversionValueMinor: num,
});
export const campaignAdSetsSchema = z.object({
  /** "ad set" or "ad group", as the campaign's platform calls it. */
  term: z.string(),
  rows: z.array(adSetRowSchema),
});

/** GET /api/brands/{brandId}/drilldown/{dimension}/{id} */
export const drilldownSchema = z.object({
  dimension: z.enum(DRILLDOWN_DIMENSIONS),
  id: z.string(),
  /** What the merchant calls it: the campaign's name, the product's title, the platform, the region ("New York, US"). */
  name: z.string().optional(),
  currency: z.string(),
  period: periodSchema,
  /** The attribution model channel and campaign figures are credited under (`?model=`). */
  model: z.string(),
  /** The brand's own model: a campaign's products and a region's channels are always under it. */
  defaultModel: z.string(),
  totals: breakdownSchema.omit({ key: true }).extend({ units: num }),
  trend: z.array(trendPointSchema),
  comparison: z.enum(COMPARISONS),
  previousPeriod: periodSchema,
  /** The comparison period day by day, aligned with `trend` by offset. */
  previousTrend: z.array(comparisonPointSchema),
  /** Each total against the previous period's, as a fraction; null where there is nothing to compare. */
  change: z.object({
    spendMinor: nullableNum,
    revenueMinor: nullableNum,
    roas: nullableNum,
    profitMinor: nullableNum,
    orders: nullableNum,
    units: nullableNum,
  }),
  /** Measures whose previous period has too few attributed days to compare with (line not drawn). */
  incompleteComparison: incompleteComparisonSchema,
  breakdown: z.object({
    dimension: z.enum(DRILLDOWN_DIMENSIONS),
    rows: z.array(
      breakdownSchema.extend({
        /**
         * A region's channel rows: whether the channel's spend in the period is known by region
         * (decision 1001). `not_reported`: its report had no regions, so its spend here is not
         * known (not zero); `partly`: only part of it had. Absent for a channel without spend.
         */
        regionalSpend: z.enum(REGIONAL_SPEND).optional(),
      }),
    ),
  }),
  /**
   * A region's page: the channels whose spend in the period is wholly or partly under no region,
   * with that spend. It is in none of this region's spend, blended ROAS or profit (decision 1001).
   */
  spendWithoutRegion: z
    .array(
      z.object({
        channel: z.string(),
        spendMinor: num,
        regionalSpend: z.enum(['partly', 'not_reported']),
      }),
    )
    .optional(),
  /** For a campaign: the customers it acquired in the period and its LTV-based ROAS. */
  acquisition: campaignLtvSchema.nullable().optional(),
  /** For a campaign: its ad sets (ad groups) in the period; attributed revenue stays per campaign. */
  adSets: campaignAdSetsSchema.optional(),
});
export type Drilldown = z.infer<typeof drilldownSchema>;
