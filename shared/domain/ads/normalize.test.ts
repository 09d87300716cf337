import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../time';
import type { RateSeries } from './fx';
import { MissingRateError, mergeReportRows, toAdPerformanceRows } from './normalize';
import type { AdReportRow } from './report';

/** A TikTok EUR report row; override what the case is about. */
function aReportRow(over: Partial<AdReportRow> = {}): AdReportRow {
  return {
    platform: 'tiktok',
    accountId: '700',
    campaignId: '17',
    campaignName: 'Spark',
    date: '2026-03-09' as LocalDate,
    country: 'DE',
    region: 'DE-BE',
    spendMinor: 10_000,
    currency: 'EUR',
    impressions: 1000,
    clicks: 12,
    conversions: 1.5,
    conversionValueMinor: 9_000,
    ...over,
  };
}
const rates: RateSeries = {
  base: 'EUR',
  fixings: new Map([['USD', new Map([['2026-03-09' as LocalDate, 1.0833]])]]),
};
const ctx = {
  brandId: 'b1',
  brandCurrency: 'USD',
  accountTimezone: () => 'Europe/Berlin',
  rates,
  syncedAt: '2026-03-10T00:00:00.000Z',
};

describe('toAdPerformanceRows', () => {
  it('converts spend and value to the brand currency with the day’s rate and keeps the original', () => {
    const [row] = toAdPerformanceRows([aReportRow()], ctx);
    expect(row).toMatchObject({
      campaign_id: 'tiktok:700:17',
      spend_minor: 10_833,
      currency: 'USD',
      spend_original_minor: 10_000,
      original_currency: 'EUR',
      fx_rate: 1.0833,
      platform_conversion_value_minor: 9_750,
      account_timezone: 'Europe/Berlin',
      region: 'DE-BE',
    });
  });

  it('rounds each row once, half away from zero', () => {
    const spend = (spendMinor: number) =>
      toAdPerformanceRows([aReportRow({ spendMinor })], ctx)[0]?.spend_minor;
    expect(spend(6)).toBe(6); // 6.4998
    expect(spend(7)).toBe(8); // 7.5831
    expect(spend(-7)).toBe(-8); // a refund-like credit rounds away from zero too
  });

  it('refuses to guess a rate it does not have', () => {
    expect(() => toAdPerformanceRows([aReportRow({ date: '2026-01-01' as LocalDate })], ctx)).toThrow(
      MissingRateError,
    );
  });

  it('keys an ad set like a campaign and leaves campaign-level rows without one', () => {
    const [adSet, campaign] = toAdPerformanceRows(
      [
        aReportRow({ adsetId: '1760000000001', adsetName: 'Berlin — Lookalike 1%' }),
        aReportRow({ region: 'DE-HH' }),
      ],
      ctx,
    );
    expect(adSet).toMatchObject({
      adset_id: 'tiktok:700:1760000000001',
      adset_name: 'Berlin — Lookalike 1%',
    });
    expect(campaign).toMatchObject({ adset_id: null, adset_name: null });
  });

  it('leaves brand-currency rows untouched at rate 1', () => {
    const [row] = toAdPerformanceRows([aReportRow({ currency: 'USD', spendMinor: 1234 })], ctx);
    expect(row).toMatchObject({ spend_minor: 1234, fx_rate: 1 });
  });
});

describe('mergeReportRows', () => {
  it('adds rows that land on the same key (two unknown regions of one country)', () => {
    const merged = mergeReportRows([
      aReportRow({ region: undefined, spendMinor: 100, conversions: 0.5 }),
      aReportRow({ region: undefined, spendMinor: 250, conversions: 1 }),
      aReportRow(),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ spendMinor: 350, conversions: 1.5, impressions: 2000 });
  });

  it('keeps two ad sets of one campaign-day-region apart', () => {
    const merged = mergeReportRows([
      aReportRow({ adsetId: 'a1', spendMinor: 100 }),
      aReportRow({ adsetId: 'a2', spendMinor: 250 }),
      aReportRow({ adsetId: 'a1', spendMinor: 5 }),
    ]);
    expect(merged.map((r) => [r.adsetId, r.spendMinor])).toEqual([
      ['a1', 105],
      ['a2', 250],
    ]);
  });
});
