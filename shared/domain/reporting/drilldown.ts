import type { LocalDate } from '../time';
import { change, type Kpis, ratio } from './kpis';
import {
  type Comparison,
  type ComparisonKind,
  comparisonPeriod,
  DEFAULT_COMPARISON,
  type Period,
} from './period';
import {
  type RegionalSpend,
  regionalSpendOf,
  type SpendWithoutRegion,
  spendWithoutRegionOf,
} from './regional-spend';
import {
  attributedDays,
  type BrandRollup,
  type Breakdown,
  breakdownOf,
  type DimensionDay,
  entriesIn,
  sumByDay,
  sumEntries,
  thinComparison,
} from './rollup';
import { type ComparisonPoint, comparisonTrendOf, type DailyTotals, type TrendPoint, trendOf } from './trend';

export const DRILLDOWN_DIMENSIONS = ['channel', 'campaign', 'product', 'region'] as const;
export type DrilldownDimension = (typeof DRILLDOWN_DIMENSIONS)[number];

/** What one level down means for each dimension. */
const NEXT: Record<DrilldownDimension, DrilldownDimension> = {
  channel: 'campaign',
  campaign: 'product',
  product: 'campaign',
  region: 'channel',
};

export interface Drilldown {
  /** What the merchant calls it: the campaign's name, the product's title, the platform, the region. */
  name?: string;
  dimension: DrilldownDimension;
  id: string;
  currency: string;
  period: Period;
  totals: Omit<Breakdown, 'key'> & { units: number };
  trend: TrendPoint[];
  /** What `previousPeriod` is (period.ts): the days just before by default. */
  comparison: ComparisonKind;
  /** The period compared with; its trend aligned with `trend` by offset. */
  previousPeriod: Period;
  previousTrend: ComparisonPoint[];
  /**
   * Each total against the same total over `previousPeriod`, as a fraction (0.25 = +25%); null
   * where the earlier total is zero or missing (nothing to compare with).
   */
  change: {
    [K in 'spendMinor' | 'revenueMinor' | 'roas' | 'profitMinor' | 'orders' | 'units']: number | null;
  };
  /**
   * Everything here rests on attributed rows: when the earlier period has too few attributed days
   * (attribution started inside it), every measure is listed and its line is not drawn.
   */
  incompleteComparison: (keyof Kpis)[];
  breakdown: { dimension: DrilldownDimension; rows: (Breakdown & { regionalSpend?: RegionalSpend })[] };
  /**
   * A region's page only: the channels whose spend in the period is wholly or partly under no
   * region (decision 1001). That spend is in none of a region's spend, blended ROAS or profit, and
   * each channel row says whether its spend is known by region (`regionalSpend`).
   */
  spendWithoutRegion?: SpendWithoutRegion[];
}

function childrenOf(r: BrandRollup, dimension: DrilldownDimension, id: string) {
  switch (dimension) {
    case 'channel':
      return r.channelCampaign.get(id);
    case 'campaign':
      return r.campaignProduct.get(id);
    case 'region':
      return r.regionChannel.get(id);
    case 'product': {
      // A product id or a variant (SKU) id: the inventory view lists SKUs.
      const pairs = r.product.has(id) ? r.campaignProduct : r.campaignVariant;
      const byCampaign = new Map<string, readonly DimensionDay[]>();
      for (const [campaign, products] of pairs) {
        const days = products.get(id);
        if (days) byCampaign.set(campaign, days);
      }
      return byCampaign.size > 0 ? byCampaign : undefined;
    }
  }
}

function daysOf(r: BrandRollup, dimension: DrilldownDimension, id: string) {
  // A campaign's days from its channel's rows (the same unified rows as its products'), so a
  // view under another attribution model (reattribute.ts) credits the campaign as it credits the channel.
  if (dimension === 'campaign') {
    const lists = [...r.channelCampaign.values()].flatMap((campaigns) => campaigns.get(id) ?? []);
    return lists.length > 0 ? sumByDay(lists) : undefined;
  }
  // A SKU in stock that has not sold yet still has a page (the inventory view links every SKU).
  if (dimension === 'product')
    return r.product.get(id) ?? r.variant.get(id) ?? (r.stockByVariant.has(id) ? [] : undefined);
  return r[dimension].get(id);
}

/** One channel, campaign, product or region; undefined when the brand never had it (a 404). */
export function drilldownOf(
  r: BrandRollup,
  currency: string,
  dimension: DrilldownDimension,
  id: string,
  period: Period,
  comparison: Comparison = DEFAULT_COMPARISON,
): Drilldown | undefined {
  const days = daysOf(r, dimension, id);
  if (!days) return undefined;
  const within = entriesIn(days, period);
  const t = sumEntries(within);
  const byDay = new Map(days.map((d) => [d.day as string, d]));
  const daily: DailyTotals = (date) => ({
    spendMinor: byDay.get(date)?.spend ?? 0,
    revenueMinor: byDay.get(date)?.revenue ?? 0,
  });
  const prev = comparisonPeriod(period, comparison);
  const attributed = attributedDays(r);
  // A campaign that did not exist yet really spent nothing; the brand's attribution not having
  // started yet is a gap.
  const since = ([...attributed].sort()[0] ?? null) as LocalDate | null;
  const thin = thinComparison(period, prev, (d) => attributed.has(d));
  const p = sumEntries(entriesIn(days, prev));
  const drill: Drilldown = {
    dimension,
    id,
    currency,
    period,
    totals: {
      spendMinor: t.spend,
      revenueMinor: t.revenue,
      profitMinor: t.profit,
      orders: t.orders,
      units: t.units,
      roas: ratio(t.revenue, t.spend),
    },
    trend: trendOf(period, daily),
    comparison: comparison.kind,
    previousPeriod: prev,
    previousTrend: comparisonTrendOf(period, prev, daily, { spend: since, revenue: since }),
    change: {
      spendMinor: change(t.spend, p.spend),
      revenueMinor: change(t.revenue, p.revenue),
      roas: change(ratio(t.revenue, t.spend), ratio(p.revenue, p.spend)),
      profitMinor: change(t.profit, p.profit),
      orders: change(t.orders, p.orders),
      units: change(t.units, p.units),
    },
    incompleteComparison: thin ? ['spendMinor', 'revenueMinor', 'blendedRoas', 'profitMinor', 'orders'] : [],
    breakdown: {
      dimension: NEXT[dimension],
      rows: breakdownOf(childrenOf(r, dimension, id) ?? new Map(), period),
    },
  };
  return dimension === 'region' && id !== NO_REGION ? withRegionalSpend(drill, r, period) : drill;
}

/** The key of the page of what has no region: its spend is exactly the spend without one. */
const NO_REGION = 'unknown';

/**
 * A region's page with the channels whose spend is not known by region, and each channel row marked
 * by whether its spend is (decision 1001): "$0.00 on TikTok in New York" is not a fact when TikTok's
 * report had no regions.
 */
function withRegionalSpend(drill: Drilldown, r: BrandRollup, period: Period): Drilldown {
  const status = regionalSpendOf(r, period);
  return {
    ...drill,
    breakdown: {
      ...drill.breakdown,
      rows: drill.breakdown.rows.map((row) => {
        const regionalSpend = status.get(row.key);
        return regionalSpend ? { ...row, regionalSpend } : row;
      }),
    },
    spendWithoutRegion: spendWithoutRegionOf(r, period),
  };
}
