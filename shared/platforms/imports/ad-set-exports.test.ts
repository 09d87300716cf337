import { describe, expect, it } from 'vitest';
import { fixture, importTestbeds } from '../../../test/support/imports';

/**
 * Exports at ad set level (Meta "Ad set name"/"Ad set ID", Google Ads "Ad group"/"Ad group ID",
 * TikTok "Ad group name"/"Ad group ID"); fixtures and their sources: test/fixtures/imports/SOURCES.md.
 * Every expected number below is added up by hand from the fixture files.
 */
const setup = importTestbeds();

type Row = {
  campaign_id: string;
  adset_id: string | null;
  adset_name: string | null;
  spend: number;
  conversions: number;
  value: number;
};
const BY_AD_SET = `SELECT campaign_id, adset_id, adset_name, SUM(spend_minor) AS spend,
    SUM(platform_conversions) AS conversions, SUM(platform_conversion_value_minor) AS value
  FROM {{ad_performance}} GROUP BY campaign_id, adset_id, adset_name ORDER BY campaign_id, adset_id`;
const BY_CAMPAIGN = `SELECT campaign_id, SUM(spend_minor) AS spend FROM {{ad_performance}}
  GROUP BY campaign_id ORDER BY campaign_id`;

describe('ad set level exports', () => {
  it('a Meta Ads Manager ad set export keeps spend per ad set, each known by name within its campaign', async () => {
    const { run, query } = await setup();
    const { preview } = await run({
      source: 'meta',
      account: '1001',
      files: [fixture('valid/meta-usd-adsets-by-day.csv')],
    });
    expect(preview.notes).toContain(
      '3 ad sets — spend is kept per ad set under its campaign (known by name within the campaign: the file has no id column for them)',
    );
    const headers = preview.sample.columns.map((c) => c.header);
    expect(headers).toEqual([
      'Date',
      'Account',
      'Campaign',
      'Ad set',
      'Region',
      'Spend',
      'Currency',
      'Impressions',
    ]);
    expect(preview.sample.rows[0]?.slice(2, 4)).toEqual(['Spring Sale', 'Broad 18–65']);
    expect(await query<Row>(BY_AD_SET)).toEqual([
      {
        campaign_id: 'meta:act_1001:120210000000101',
        adset_id: 'meta:act_1001:120210000000101/name=broad%2018%E2%80%9365',
        adset_name: 'Broad 18–65',
        spend: 10_025 + 100_410,
        conversions: 15,
        value: 24_000 + 96_050,
      },
      {
        campaign_id: 'meta:act_1001:120210000000101',
        adset_id: 'meta:act_1001:120210000000101/name=lookalike%201%25%20us',
        adset_name: 'Lookalike 1% US',
        spend: 5_000,
        conversions: 1,
        value: 8_000,
      },
      {
        campaign_id: 'meta:act_1001:120210000000202',
        adset_id: 'meta:act_1001:120210000000202/name=site%20visitors%2030d',
        adset_name: 'Site visitors 30d',
        spend: 4_550,
        conversions: 2,
        value: 13_000,
      },
    ]);
    expect(await query(BY_CAMPAIGN)).toEqual([
      { campaign_id: 'meta:act_1001:120210000000101', spend: 115_435 },
      { campaign_id: 'meta:act_1001:120210000000202', spend: 4_550 },
    ]);
  });

  it('a Google Ads ad group download files each ad group by its id, Total rows left out', async () => {
    const { run, query } = await setup();
    const { preview } = await run({
      source: 'google_ads',
      files: [fixture('valid/google-ads-ad-group-report.csv')],
    });
    expect(preview.sample.columns.map((c) => c.header)).toContain('Ad group');
    expect(await query<Row>(BY_AD_SET)).toEqual([
      {
        campaign_id: 'google_ads:1234567890:21736540913',
        adset_id: 'google_ads:1234567890:150000000001',
        adset_name: 'Brand - Exact',
        spend: 100_450 + 31_000,
        conversions: 3.5 + 1.33,
        value: 82_000 + 21_075,
      },
      {
        campaign_id: 'google_ads:1234567890:21736540913',
        adset_id: 'google_ads:1234567890:150000000002',
        adset_name: 'Brand - Phrase',
        spend: 20_000,
        conversions: 1,
        value: 20_000,
      },
    ]);
    // The file's own "Total: Account" line: $1,514.50.
    expect(await query(BY_CAMPAIGN)).toEqual([
      { campaign_id: 'google_ads:1234567890:21736540913', spend: 151_450 },
    ]);
  });

  it('a TikTok ad group report, then the campaign report of the same days: the campaign is counted once', async () => {
    const { run, query } = await setup();
    const account = { source: 'tiktok' as const, account: '7000000001', currency: 'USD' };
    await run({ ...account, files: [fixture('valid/tiktok-ad-group-report.csv')] });
    expect(await query<Row>(BY_AD_SET)).toEqual([
      {
        campaign_id: 'tiktok:7000000001:1790000000000001',
        adset_id: 'tiktok:7000000001:1780000000000011',
        adset_name: 'Trail runners 18-34',
        spend: 7_000 + 9_550,
        conversions: 4,
        value: 16_000 + 15_000,
      },
      {
        campaign_id: 'tiktok:7000000001:1790000000000001',
        adset_id: 'tiktok:7000000001:1780000000000012',
        adset_name: 'Trail runners 35+',
        spend: 5_000,
        conversions: 1,
        value: 8_000,
      },
    ]);
    const perAdGroup = await query(BY_CAMPAIGN);
    // The campaign-level report of the same account and days replaces the ad-group rows whole.
    await run({ ...account, files: [fixture('valid/tiktok-custom-report.csv')] });
    expect(await query(BY_CAMPAIGN)).toEqual(perAdGroup);
    expect(await query('SELECT COUNT(adset_id) AS tagged, COUNT(*) AS n FROM {{ad_performance}}')).toEqual([
      { tagged: 0, n: 2 },
    ]);
  });

  it('a file without ad set columns imports as before: no ad set on any row', async () => {
    const { run, query } = await setup();
    await run({ source: 'meta', account: '1001', files: [fixture('valid/meta-usd-by-region-day.csv')] });
    expect(await query('SELECT COUNT(adset_id) AS tagged, COUNT(*) AS n FROM {{ad_performance}}')).toEqual([
      { tagged: 0, n: 5 },
    ]);
  });
});
