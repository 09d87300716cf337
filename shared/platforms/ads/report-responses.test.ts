import { describe, expect, it } from 'vitest';
import type { AdAccount } from '../../domain/ads/report';
import type { LocalDate } from '../../domain/time';
import { createGoogleAdsConnector } from '../google-ads';
import { createMetaConnector } from '../meta';
import { createTiktokConnector } from '../tiktok';

/**
 * Each connector's daily campaign report read from responses written from the platform's own
 * documentation (not from the sandboxes): the numbers below are checked by hand.
 */
type Route = [test: (url: string) => boolean, body: unknown];
function routes(list: Route[], seen: string[] = []): typeof fetch {
  return (async (url: string | URL, init?: RequestInit) => {
    const u = decodeURIComponent(String(url));
    seen.push(`${u}${init?.body ? ` ${decodeURIComponent(String(init.body))}` : ''}`);
    const hit = list.find(([test]) => test(seen.at(-1)!));
    if (!hit) return new Response(JSON.stringify({ error: `no route for ${u}` }), { status: 404 });
    return new Response(JSON.stringify(hit[1]), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}
const d = (s: string) => s as LocalDate;

describe('Meta: /act_{id}/insights at campaign level by day', () => {
  // Ad Account Insights (https://developers.facebook.com/docs/marketing-api/reference/ad-account/insights/):
  // `data` rows with `date_start`/`date_stop` per day (time_increment=1), numbers as strings,
  // `actions` / `action_values` as lists of {action_type, value}, cursor `paging`.
  // Breakdowns (https://developers.facebook.com/docs/marketing-api/insights/breakdowns): `region`
  // rows carry an English region name and no off-Meta actions, so purchases are read by `country`.
  // `omni_purchase` and `offsite_conversion.fb_pixel_purchase` report the same purchases.
  const REGION_PAGE = {
    data: [
      {
        campaign_id: '120210000000101',
        campaign_name: 'Prospecting — Runners',
        spend: '120.37',
        impressions: '15432',
        clicks: '311',
        region: 'California',
        date_start: '2026-03-09',
        date_stop: '2026-03-09',
      },
      {
        campaign_id: '120210000000101',
        campaign_name: 'Prospecting — Runners',
        spend: '45.10',
        impressions: '6021',
        clicks: '97',
        region: 'Unknown',
        date_start: '2026-03-09',
        date_stop: '2026-03-09',
      },
    ],
    paging: { cursors: { before: 'MAZDZD', after: 'MQZDZD' } },
  };
  const COUNTRY_PAGE = {
    data: [
      {
        campaign_id: '120210000000101',
        campaign_name: 'Prospecting — Runners',
        country: 'US',
        attribution_setting: '7d_click_1d_view',
        actions: [
          { action_type: 'link_click', value: '300' },
          { action_type: 'omni_purchase', value: '7' },
          { action_type: 'offsite_conversion.fb_pixel_purchase', value: '7' },
        ],
        action_values: [
          { action_type: 'omni_purchase', value: '812.4' },
          { action_type: 'offsite_conversion.fb_pixel_purchase', value: '812.4' },
        ],
        date_start: '2026-03-09',
        date_stop: '2026-03-09',
      },
    ],
    paging: { cursors: { before: 'MAZDZD', after: 'MAZDZD' } },
  };

  it('keeps delivery per region and purchases per country, counting overlapping types once', async () => {
    const seen: string[] = [];
    const meta = createMetaConnector({
      fetch: routes(
        [
          [(u) => u.includes('breakdowns=region'), REGION_PAGE],
          [(u) => u.includes('breakdowns=country'), COUNTRY_PAGE],
        ],
        seen,
      ),
      credentials: { accessToken: 't' },
    });
    const account: AdAccount = { accountId: 'act_1001', currency: 'USD', timezone: 'America/New_York' };
    const { rows, unmappedRegions } = await meta.report(account, d('2026-03-09'), d('2026-03-09'));
    expect(
      rows.map((r) => [r.region ?? r.country, r.spendMinor, r.conversions, r.conversionValueMinor]),
    ).toEqual([
      ['US-CA', 12037, 0, 0],
      [undefined, 4510, 0, 0],
      ['US', 0, 7, 81240],
    ]);
    expect(rows.every((r) => r.campaignName === 'Prospecting — Runners')).toBe(true);
    expect(unmappedRegions).toEqual(['Unknown']);
    expect(seen[0]).toContain('"since":"2026-03-09"');
    expect(seen[0]).toContain('time_increment=1');
  });
});

describe('TikTok: report/integrated/get/ at AUCTION_ADGROUP by stat_time_day', () => {
  // Reporting API v1.3 (https://business-api.tiktok.com/portal/docs?id=1740302848100353): the
  // envelope {code, message, request_id, data: {list, page_info}}; each row is
  // {dimensions: {...}, metrics: {...}} with metric values as strings and `stat_time_day` as
  // "YYYY-MM-DD HH:MM:SS"; at ad group level the BASIC rows name the campaign in the attribute
  // metrics `campaign_id`/`campaign_name`. AUDIENCE reports break delivery down by `country_code` and
  // `province_id`, a GeoNames id (https://business-api.tiktok.com/portal/docs?id=1751443967255553).
  const envelope = (list: unknown[]) => ({
    code: 0,
    message: 'OK',
    request_id: '2026031012000001021515304420000000',
    data: { list, page_info: { page: 1, page_size: 1000, total_number: list.length, total_page: 1 } },
  });
  const BASIC = envelope([
    {
      dimensions: { adgroup_id: '1790000000000101', stat_time_day: '2026-03-09 00:00:00' },
      metrics: {
        adgroup_name: 'Runners',
        campaign_id: '1790000000000001',
        campaign_name: 'Spark — Trail',
        spend: '88.20',
        impressions: '20440',
        clicks: '402',
        complete_payment: '5',
        total_complete_payment_rate: '431.50',
        currency: 'EUR',
      },
    },
  ]);
  const AUDIENCE = envelope([
    {
      dimensions: {
        adgroup_id: '1790000000000101',
        stat_time_day: '2026-03-09 00:00:00',
        country_code: 'US',
        province_id: '5332921',
      },
      metrics: { spend: '60.00', impressions: '14000', clicks: '280' },
    },
    {
      dimensions: {
        adgroup_id: '1790000000000101',
        stat_time_day: '2026-03-09 00:00:00',
        country_code: 'US',
        province_id: '5128638',
      },
      metrics: { spend: '28.20', impressions: '6440', clicks: '122' },
    },
  ]);

  it('reads purchases from the BASIC total and delivery per province, in the account currency', async () => {
    const tiktok = createTiktokConnector({
      fetch: routes([
        [(u) => u.includes('report_type=BASIC'), BASIC],
        [(u) => u.includes('report_type=AUDIENCE'), AUDIENCE],
      ]),
      credentials: { accessToken: 't' },
    });
    const account: AdAccount = { accountId: '7000000001', currency: 'EUR', timezone: 'Europe/Berlin' };
    const { rows } = await tiktok.report(account, d('2026-03-09'), d('2026-03-09'));
    const spend = rows.reduce((s, r) => s + r.spendMinor, 0);
    expect(spend).toBe(8820);
    const purchases = rows.filter((r) => r.conversions > 0);
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ conversions: 5, conversionValueMinor: 43150, spendMinor: 0 });
    expect(rows.filter((r) => r.spendMinor > 0).map((r) => r.region)).toEqual(['US-CA', 'US-NY']);
    expect(rows.every((r) => r.date === '2026-03-09' && r.currency === 'EUR')).toBe(true);
    expect(rows.every((r) => r.campaignName === 'Spark — Trail')).toBe(true);
  });
});

describe('Google Ads: geographic_view by day through searchStream', () => {
  // GeographicView (https://developers.google.com/google-ads/api/fields/v21/geographic_view) with
  // segments.geo_target_region as a geoTargetConstants resource name, resolved through
  // geo_target_constant (https://developers.google.com/google-ads/api/fields/v21/geo_target_constant).
  // Metrics: cost_micros (int64 → string in REST JSON), impressions and clicks (int64 → string),
  // conversions and conversions_value (double → number) — https://protobuf.dev/programming-guides/proto3/#json
  const GEO_STREAM = [
    {
      results: [
        {
          campaign: {
            resourceName: 'customers/1234567890/campaigns/21736540913',
            id: '21736540913',
            name: 'Search — Brand',
          },
          segments: { date: '2026-03-09', geoTargetRegion: 'geoTargetConstants/21137' },
          metrics: {
            costMicros: '53470000',
            impressions: '2210',
            clicks: '184',
            conversions: 6.5,
            conversionsValue: 702.35,
          },
        },
      ],
      fieldMask:
        'campaign.id,campaign.name,segments.date,segments.geoTargetRegion,metrics.costMicros,metrics.impressions,metrics.clicks,metrics.conversions,metrics.conversionsValue',
      requestId: 'q9Zl3nVbR0yX1A2b3C4d5E',
    },
  ];
  const TARGETS = [
    {
      results: [
        {
          geoTargetConstant: {
            resourceName: 'geoTargetConstants/21137',
            name: 'California',
            countryCode: 'US',
          },
        },
      ],
      fieldMask: 'geoTargetConstant.resourceName,geoTargetConstant.name,geoTargetConstant.countryCode',
      requestId: 'r1Zl3nVbR0yX1A2b3C4d5E',
    },
  ];

  it('converts micros to cents, keeps fractional conversions and resolves the region', async () => {
    const google = createGoogleAdsConnector({
      fetch: routes([
        [(u) => u.includes('FROM geographic_view'), GEO_STREAM],
        [(u) => u.includes('FROM geo_target_constant'), TARGETS],
      ]),
      credentials: { accessToken: 't' },
    });
    const account: AdAccount = { accountId: '123-456-7890', currency: 'USD', timezone: 'America/New_York' };
    const { rows, unmappedRegions } = await google.report(account, d('2026-03-09'), d('2026-03-09'));
    expect(rows).toEqual([
      expect.objectContaining({
        campaignId: '21736540913',
        campaignName: 'Search — Brand',
        country: 'US',
        region: 'US-CA',
        spendMinor: 5347,
        impressions: 2210,
        clicks: 184,
        conversions: 6.5,
        conversionValueMinor: 70235,
      }),
    ]);
    expect(unmappedRegions).toEqual([]);
  });
});
