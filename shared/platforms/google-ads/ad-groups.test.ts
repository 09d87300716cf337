import { describe, expect, it } from 'vitest';
import { localDate } from '../../domain/time';
import { createGoogleAdsConnector } from '.';
import { GEO_TARGETS_STREAM, GEOGRAPHIC_AD_GROUP_STREAM } from './fixtures/geographic-ad-group';

const account = { accountId: '123-456-7890', currency: 'USD', timezone: 'America/Los_Angeles' };

describe('Google Ads report per ad group (documented geographic_view response)', () => {
  it('selects ad_group.id and ad_group.name and keeps each row’s ad group, the campaign adding up to them', async () => {
    const queries: string[] = [];
    const fakeFetch: typeof fetch = async (_url, init) => {
      const { query } = JSON.parse(String(init?.body)) as { query: string };
      queries.push(query);
      const body = query.includes('FROM geographic_view') ? GEOGRAPHIC_AD_GROUP_STREAM : GEO_TARGETS_STREAM;
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    const google = createGoogleAdsConnector({ fetch: fakeFetch, credentials: { accessToken: 't' } });
    const day = localDate('2026-03-09');
    const { rows } = await google.report(account, day, day);
    expect(queries[0]).toMatch(
      /^SELECT campaign\.id, campaign\.name, ad_group\.id, ad_group\.name, .* FROM geographic_view /,
    );
    expect(
      rows.map((r) => [r.campaignId, r.adsetId, r.adsetName, r.region, r.spendMinor, r.conversions]),
    ).toEqual([
      ['21736540913', '150000000001', 'Brand - Exact', 'US-CA', 10_450, 3.5],
      ['21736540913', '150000000001', 'Brand - Exact', 'US-TX', 2_000, 0.33],
      ['21736540913', '150000000002', 'Brand - Phrase', 'US-CA', 3_100, 1],
    ]);
    // $104.50 + $20.00 + $31.00; $820.00 + $55.50 + $210.75.
    expect(rows.reduce((s, r) => s + r.spendMinor, 0)).toBe(15_550);
    expect(rows.reduce((s, r) => s + r.conversionValueMinor, 0)).toBe(108_625);
  });
});
