import { describe, expect, it } from 'vitest';
import { toAdPerformanceRows } from '../../domain/ads/normalize';
import type { LocalDate } from '../../domain/time';
import { createMetaConnector } from '.';
import { ADSET_COUNTRY_PAGE, ADSET_REGION_PAGE } from './fixtures/insights-adset';

const day = '2026-03-09' as LocalDate;
const account = { accountId: 'act_1001', currency: 'USD', timezone: 'America/New_York' };

/** Answers the two insights calls with the documented pages, and records what was asked. */
function documentedMeta() {
  const asked: URLSearchParams[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    asked.push(url.searchParams);
    const body = url.searchParams.get('breakdowns') === 'region' ? ADSET_REGION_PAGE : ADSET_COUNTRY_PAGE;
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { asked, meta: createMetaConnector({ fetch, credentials: { accessToken: 't' } }) };
}

describe('Meta insights at ad set level (documented response shape)', () => {
  it('asks for level=adset with adset_id and adset_name, and keeps each row’s ad set', async () => {
    const { asked, meta } = documentedMeta();
    const { rows } = await meta.report(account, day, day);
    expect(asked.map((q) => [q.get('level'), q.get('breakdowns')])).toEqual([
      ['adset', 'region'],
      ['adset', 'country'],
    ]);
    for (const q of asked)
      expect(q.get('fields')?.split(',')).toEqual(expect.arrayContaining(['adset_id', 'adset_name']));
    expect(
      rows.map((r) => [r.adsetId, r.adsetName, r.region ?? r.country, r.spendMinor, r.conversions]),
    ).toEqual([
      ['120210000000555', 'Broad 18–65', 'US-CA', 12_050, 0],
      ['120210000000555', 'Broad 18–65', 'US-TX', 3_025, 0],
      ['120210000000556', 'Lookalike 1% US', 'US-CA', 4_925, 0],
      ['120210000000555', 'Broad 18–65', 'US', 0, 4],
      ['120210000000556', 'Lookalike 1% US', 'US', 0, 1],
    ]);
  });

  it('stores ad set ids beside the campaign, and the campaign adds up to its ad sets', async () => {
    const { meta } = documentedMeta();
    const stored = toAdPerformanceRows((await meta.report(account, day, day)).rows, {
      brandId: 'b1',
      brandCurrency: 'USD',
      accountTimezone: () => account.timezone,
      rates: { base: 'USD', fixings: new Map() },
      syncedAt: '2026-03-10T00:00:00.000Z',
    });
    expect(new Set(stored.map((r) => r.campaign_id))).toEqual(new Set(['meta:act_1001:120210000000101']));
    expect(new Set(stored.map((r) => r.adset_id))).toEqual(
      new Set(['meta:act_1001:120210000000555', 'meta:act_1001:120210000000556']),
    );
    const sum = (k: 'spend_minor' | 'platform_conversions' | 'platform_conversion_value_minor') =>
      stored.reduce((s, r) => s + r[k], 0);
    // 120.50 + 30.25 + 49.25; 4 + 1 purchases worth 356.80 + 89.20.
    expect([sum('spend_minor'), sum('platform_conversions'), sum('platform_conversion_value_minor')]).toEqual(
      [20_000, 5, 44_600],
    );
  });
});
