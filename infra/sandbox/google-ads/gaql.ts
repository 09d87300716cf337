/**
 * Just enough GAQL for the sandbox: it recognises the resource in FROM, a `segments.date BETWEEN`
 * range (or one day for click_view), `campaign.id =`, `geo_target_constant.resource_name IN (...)` and the geographic_view
 * `location_type` filter, and answers in the REST JSON shape (camelCase, int64 as strings).
 */

import { addDays, type LocalDate } from '../../../shared/domain/time';
import { type AdFact, type CampaignSettingsBook, campaignsOf, factsFor, splitFact } from '../ads/facts';
import { REGIONS } from '../world';

/** Sandbox geo target constants for the world's regions, and country criterion ids. */
const GEO_TARGETS: Record<string, { id: string; targetType: string }> = {
  'US-CA': { id: '21137', targetType: 'State' },
  'US-NY': { id: '21167', targetType: 'State' },
  'US-TX': { id: '21176', targetType: 'State' },
  'US-FL': { id: '21142', targetType: 'State' },
  'US-WA': { id: '21180', targetType: 'State' },
  'US-IL': { id: '21147', targetType: 'State' },
  'CA-ON': { id: '20121', targetType: 'Province' },
  'GB-ENG': { id: '20339', targetType: 'Country' },
  'DE-BE': { id: '20228', targetType: 'State' },
  'AU-NSW': { id: '20034', targetType: 'State' },
};
const COUNTRY_CRITERIA: Record<string, string> = {
  US: '2840',
  CA: '2124',
  GB: '2826',
  DE: '2276',
  AU: '2036',
};

/** Each campaign's two ad groups in the sandbox (Search-style: exact and phrase match). */
const AD_GROUPS = [
  { suffix: '01', name: 'Exact match' },
  { suffix: '02', name: 'Phrase match' },
] as const;

type Result = { ok: true; rows: unknown[]; fieldMask: string } | { ok: false; message: string };

export function gaqlRows(
  query: string,
  ctx: { customerId: string; asOf: LocalDate; settings: CampaignSettingsBook },
): Result {
  const from = /\bFROM\s+([a-z_]+)/i.exec(query)?.[1];
  const fieldMask = /SELECT\s+(.+?)\s+FROM/is.exec(query)?.[1]?.replace(/\s+/g, '') ?? '';
  const campaigns = campaignsOf('google_ads');
  const campaignRef = (nativeId: string) => ({
    resourceName: `customers/${ctx.customerId}/campaigns/${nativeId}`,
    id: nativeId,
    name: campaigns.find((c) => c.nativeId === nativeId)?.name,
  });
  if (from === 'customer')
    return {
      ok: true,
      fieldMask,
      rows: [
        {
          customer: {
            resourceName: `customers/${ctx.customerId}`,
            id: ctx.customerId,
            descriptiveName: 'Demo Brand US',
            currencyCode: 'USD',
            timeZone: 'America/Los_Angeles',
          },
        },
      ],
    };
  if (from === 'campaign') {
    const only = /campaign\.id\s*=\s*(\d+)/.exec(query)?.[1];
    const rows = campaigns
      .filter((c) => !only || c.nativeId === only)
      .map((c) => {
        const s = ctx.settings.get(c.nativeId)!;
        return {
          campaign: {
            ...campaignRef(c.nativeId),
            status: s.status === 'active' ? 'ENABLED' : 'PAUSED',
            advertisingChannelType: c.objective,
          },
          campaignBudget: {
            resourceName: `customers/${ctx.customerId}/campaignBudgets/9${c.nativeId}`,
            amountMicros: String(s.dailyBudgetMinor * 10_000),
          },
        };
      });
    return { ok: true, fieldMask, rows };
  }
  if (from === 'geo_target_constant') {
    const wanted = [...query.matchAll(/geoTargetConstants\/(\d+)/g)].map((m) => m[1]);
    const rows = REGIONS.filter((r) => wanted.includes(GEO_TARGETS[r.code]?.id)).map((r) => ({
      geoTargetConstant: {
        resourceName: `geoTargetConstants/${GEO_TARGETS[r.code]!.id}`,
        id: GEO_TARGETS[r.code]!.id,
        name: r.name,
        countryCode: r.country,
        targetType: GEO_TARGETS[r.code]!.targetType,
      },
    }));
    return { ok: true, fieldMask, rows };
  }
  if (from === 'geographic_view') {
    const range = /segments\.date\s+BETWEEN\s+'(\d{4}-\d{2}-\d{2})'\s+AND\s+'(\d{4}-\d{2}-\d{2})'/i.exec(
      query,
    );
    if (!range) return { ok: false, message: 'A date range is required: segments.date BETWEEN ... AND ...' };
    const presenceOnly = /location_type\s*=\s*'LOCATION_OF_PRESENCE'/.test(query);
    // ad_group is a segmenting resource of geographic_view: selecting its fields splits the rows.
    const byAdGroup = /\bad_group\.(id|name)\b/.test(fieldMask);
    const facts = factsFor('google_ads', range[1] as LocalDate, range[2] as LocalDate, ctx.asOf);
    const rows = (byAdGroup ? facts.flatMap((f) => splitFact(f, AD_GROUPS, 0.7)) : facts).flatMap(
      (f: AdFact & { adsetId?: string; adsetName?: string }) => {
        const row = (locationType: string) => ({
          campaign: campaignRef(f.campaign.nativeId),
          ...(f.adsetId
            ? {
                adGroup: {
                  resourceName: `customers/${ctx.customerId}/adGroups/${f.adsetId}`,
                  id: f.adsetId,
                  name: f.adsetName,
                },
              }
            : {}),
          geographicView: { countryCriterionId: COUNTRY_CRITERIA[f.region.country], locationType },
          segments: { date: f.date, geoTargetRegion: `geoTargetConstants/${GEO_TARGETS[f.region.code]!.id}` },
          metrics: {
            costMicros: String(f.spendMinor * 10_000),
            impressions: String(f.impressions),
            clicks: String(f.clicks),
            conversions: f.conversions,
            conversionsValue: f.conversionValueMinor / 100,
          },
        });
        return presenceOnly
          ? [row('LOCATION_OF_PRESENCE')]
          : [row('LOCATION_OF_PRESENCE'), row('AREA_OF_INTEREST')];
      },
    );
    return { ok: true, fieldMask, rows };
  }
  if (from === 'click_view') return clickViewRows(query, ctx, fieldMask, campaignRef);
  return { ok: false, message: `Unsupported resource in FROM: ${from ?? '(none)'}` };
}

/** Clicks listed per campaign, region and day: enough to map, few enough to stay small. */
const CLICKS_LISTED = 20;

/**
 * `click_view`: one row per click with its gclid. As the API requires, the query must filter to a
 * single day (`segments.date = '…'`) no more than 90 days before the request
 * (https://developers.google.com/google-ads/api/reference/rpc/v21/ClickView). Gclids here are
 * deterministic per campaign, region, day and click; the Shopify sandbox's journeys tag their
 * landing URLs with utm_campaign as well, so matching never depends on these alone.
 */
function clickViewRows(
  query: string,
  ctx: { customerId: string; asOf: LocalDate },
  fieldMask: string,
  campaignRef: (nativeId: string) => { resourceName: string; id: string },
): Result {
  const day = /segments\.date\s*=\s*'(\d{4}-\d{2}-\d{2})'/i.exec(query)?.[1] as LocalDate | undefined;
  if (!day || /BETWEEN|DURING/i.test(query))
    return {
      ok: false,
      message: 'Queries including ClickView must have a filter limiting the results to one day.',
    };
  // The last day with data is yesterday; today is a valid (still empty) day, as on the real API.
  if (day < addDays(ctx.asOf, -90))
    return { ok: false, message: `click_view can be requested for dates back to 90 days: ${day}` };
  const rows = factsFor('google_ads', day, day, ctx.asOf).flatMap((f) =>
    Array.from({ length: Math.min(f.clicks, CLICKS_LISTED) }, (_, k) => {
      const gclid = `Cj0KCQ${f.campaign.nativeId}${day.replace(/-/g, '')}${f.region.code.replace('-', '')}${k}`;
      return {
        clickView: { resourceName: `customers/${ctx.customerId}/clickViews/${day}~${gclid}`, gclid },
        campaign: campaignRef(f.campaign.nativeId),
        segments: { date: day },
      };
    }),
  );
  return { ok: true, fieldMask, rows };
}
