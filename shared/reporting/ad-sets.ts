import { z } from 'zod';
import { formatMinor } from '../domain/money';
import { adSetTerm, type NameBook } from '../domain/names/names';
import type { Period } from '../domain/reporting/period';
import type { TenantContext } from '../domain/tenancy';
import type { Warehouse } from '../ports/warehouse';
import { queryRows } from '../ports/warehouse-rows';
import { csvCell } from './export';

/**
 * One campaign's ad sets (Meta) or ad groups (Google Ads, TikTok) over a period, as the platform
 * reports them: spend, delivery and the platform's own conversions. Attribution credits campaigns,
 * not ad sets (touchpoints name the campaign), so there is no attributed revenue here.
 */
export interface AdSetRow {
  /** `<platform>:<account>:<native id>`; null for spend the platform reported per campaign only. */
  adsetId: string | null;
  name: string;
  spendMinor: number;
  impressions: number;
  clicks: number;
  /** Platform-reported (modelled, often over-claimed) conversions and their value. */
  conversions: number;
  conversionValueMinor: number;
}
export interface CampaignAdSets {
  /** "ad set" or "ad group", as the campaign's platform says it. */
  term: string;
  rows: AdSetRow[];
}

const rowSchema = z.object({
  adset_id: z.string().nullable(),
  day: z.string(),
  spend: z.number(),
  impressions: z.number(),
  clicks: z.number(),
  conversions: z.number(),
  value: z.number(),
});
/** One campaign's daily sums per ad set: what any period's table is summed from. */
export type AdSetDay = z.infer<typeof rowSchema>;

/**
 * The campaign's daily rows per ad set, every day (a few hundred rows per ad set a year), so a
 * cache kept with the brand's rollup answers any period without another warehouse read.
 */
export async function loadCampaignAdSetDays(
  warehouse: Pick<Warehouse, 'query'>,
  ctx: TenantContext,
  brandId: string,
  campaignId: string,
): Promise<AdSetDay[]> {
  return queryRows(
    warehouse,
    { ctx, brandId },
    rowSchema,
    `SELECT adset_id, CAST(date AS STRING) AS day, CAST(SUM(spend_minor) AS DOUBLE) AS spend,
            CAST(SUM(impressions) AS DOUBLE) AS impressions, CAST(SUM(clicks) AS DOUBLE) AS clicks,
            CAST(SUM(platform_conversions) AS DOUBLE) AS conversions,
            CAST(SUM(platform_conversion_value_minor) AS DOUBLE) AS value
     FROM {{ad_performance}}
     WHERE brand_id = @brand AND campaign_id = @campaign
     GROUP BY adset_id, date`,
    { campaign: campaignId },
  );
}

/** The ad sets of one campaign over a period, most spend first; spend the platform did not split is one row. */
export function campaignAdSetsOf(
  days: readonly AdSetDay[],
  campaignId: string,
  period: Period,
  names: Pick<NameBook, 'adSet'>,
): CampaignAdSets {
  const sums = new Map<string | null, Omit<AdSetDay, 'adset_id' | 'day'>>();
  for (const d of days) {
    if (d.day < period.from || d.day > period.to) continue;
    const s = sums.get(d.adset_id) ?? { spend: 0, impressions: 0, clicks: 0, conversions: 0, value: 0 };
    s.spend += d.spend;
    s.impressions += d.impressions;
    s.clicks += d.clicks;
    s.conversions += d.conversions;
    s.value += d.value;
    sums.set(d.adset_id, s);
  }
  const platform = campaignId.slice(0, campaignId.indexOf(':'));
  const term = adSetTerm(platform);
  return {
    term,
    rows: [...sums.entries()]
      .map(([adsetId, r]) => ({
        adsetId,
        name: adsetId ? names.adSet(adsetId) : `Not reported per ${term}`,
        spendMinor: r.spend,
        impressions: r.impressions,
        clicks: r.clicks,
        // Modelled fractions: two places, as the platforms show them.
        conversions: Math.round(r.conversions * 100) / 100,
        conversionValueMinor: r.value,
      }))
      .sort((a, b) => b.spendMinor - a.spendMinor || a.name.localeCompare(b.name)),
  };
}

const CSV_COLUMNS = [
  'campaign',
  'ad_set',
  'ad_set_id',
  'currency',
  'spend',
  'impressions',
  'clicks',
  'platform_conversions',
  'platform_conversion_value',
] as const;

/** The drilldown's ad set table as CSV: names first, the id beside them, money in the brand currency. */
export function adSetsCsv(campaignName: string, currency: string, adSets: CampaignAdSets): string {
  const lines = adSets.rows.map((r) =>
    [
      csvCell(campaignName),
      csvCell(r.name),
      csvCell(r.adsetId),
      csvCell(currency),
      csvCell(formatMinor(r.spendMinor, currency), false),
      csvCell(r.impressions),
      csvCell(r.clicks),
      csvCell(r.conversions),
      csvCell(formatMinor(r.conversionValueMinor, currency), false),
    ].join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
