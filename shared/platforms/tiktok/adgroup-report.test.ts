import { describe, expect, it } from 'vitest';
import { toAdPerformanceRows } from '../../domain/ads/normalize';
import type { LocalDate } from '../../domain/time';
import { UpstreamError } from '../../kernel/errors';
import { createTiktokConnector } from '.';
import { ADGROUP_AUDIENCE_PAGE, ADGROUP_BASIC_PAGE } from './fixtures/report-adgroup';

const day = '2026-03-09' as LocalDate;
const account = { accountId: '7000000001', currency: 'EUR', timezone: 'Europe/Berlin' };

/** Answers the two report calls with the documented pages, and records what was asked. */
function documentedTiktok(audience: unknown = ADGROUP_AUDIENCE_PAGE) {
  const asked: URLSearchParams[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    asked.push(url.searchParams);
    const body = url.searchParams.get('report_type') === 'BASIC' ? ADGROUP_BASIC_PAGE : audience;
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { asked, tiktok: createTiktokConnector({ fetch, credentials: { accessToken: 't' } }) };
}
const list = (q: URLSearchParams, k: string) => JSON.parse(q.get(k) ?? '[]') as string[];

describe('TikTok report per ad group (documented AUCTION_ADGROUP response)', () => {
  it('asks both reports at AUCTION_ADGROUP by adgroup_id and day, the basic one naming the campaign', async () => {
    const { asked, tiktok } = documentedTiktok();
    await tiktok.report(account, day, day);
    expect(asked.map((q) => [q.get('report_type'), q.get('data_level'), list(q, 'dimensions')])).toEqual([
      ['BASIC', 'AUCTION_ADGROUP', ['adgroup_id', 'stat_time_day']],
      ['AUDIENCE', 'AUCTION_ADGROUP', ['adgroup_id', 'stat_time_day', 'country_code', 'province_id']],
    ]);
    expect(list(asked[0]!, 'metrics')).toEqual(
      expect.arrayContaining(['adgroup_name', 'campaign_id', 'campaign_name', 'complete_payment']),
    );
    expect(list(asked[1]!, 'metrics')).toEqual(['spend', 'impressions', 'clicks']);
  });

  it('keeps each row’s ad group and its campaign: delivery per province, purchases per ad group', async () => {
    const { tiktok } = documentedTiktok();
    const { rows, unmappedRegions } = await tiktok.report(account, day, day);
    expect(
      rows.map((r) => [r.campaignId, r.adsetId, r.adsetName, r.region ?? null, r.spendMinor, r.conversions]),
    ).toEqual([
      ['1790000000000001', '1790000000000101', 'Runners 18–34', 'US-CA', 4_150, 0],
      ['1790000000000001', '1790000000000101', 'Runners 18–34', 'US-NY', 1_850, 0],
      ['1790000000000001', '1790000000000102', 'Lookalike — purchasers', 'US-CA', 2_820, 0],
      ['1790000000000001', '1790000000000101', 'Runners 18–34', null, 0, 4],
      ['1790000000000001', '1790000000000102', 'Lookalike — purchasers', null, 0, 1],
    ]);
    expect(unmappedRegions).toEqual([]);
    expect(
      rows.every((r) => r.date === day && r.currency === 'EUR' && r.campaignName === 'Spark — Trail'),
    ).toBe(true);
  });

  it('stores ad group ids beside the campaign, and the campaign adds up to its ad groups', async () => {
    const { tiktok } = documentedTiktok();
    const stored = toAdPerformanceRows((await tiktok.report(account, day, day)).rows, {
      brandId: 'b1',
      brandCurrency: 'EUR',
      accountTimezone: () => account.timezone,
      rates: { base: 'EUR', fixings: new Map() },
      syncedAt: '2026-03-10T00:00:00.000Z',
    });
    expect(new Set(stored.map((r) => r.campaign_id))).toEqual(
      new Set(['tiktok:7000000001:1790000000000001']),
    );
    expect(new Set(stored.map((r) => r.adset_id))).toEqual(
      new Set(['tiktok:7000000001:1790000000000101', 'tiktok:7000000001:1790000000000102']),
    );
    const sum = (
      k: 'spend_minor' | 'impressions' | 'platform_conversions' | 'platform_conversion_value_minor',
    ) => stored.reduce((s, r) => s + r[k], 0);
    // €41.50 + €18.50 + €28.20; 4 + 1 purchases worth €345.20 + €86.30: the campaign-level totals.
    expect([
      sum('spend_minor'),
      sum('impressions'),
      sum('platform_conversions'),
      sum('platform_conversion_value_minor'),
    ]).toEqual([8_820, 20_440, 5, 43_150]);
  });

  it('refuses audience rows of an ad group the basic report did not tie to a campaign', async () => {
    const stray = JSON.parse(
      JSON.stringify(ADGROUP_AUDIENCE_PAGE).replace('"1790000000000101"', '"1790000000000999"'),
    ) as unknown;
    const { tiktok } = documentedTiktok(stray);
    await expect(tiktok.report(account, day, day)).rejects.toThrow(UpstreamError);
    await expect(tiktok.report(account, day, day)).rejects.toThrow(/ad group 1790000000000999/);
  });
});
