import { describe, expect, it } from 'vitest';
import { parseDecimalToMinor } from '../../../shared/domain/money';
import type { LocalDate } from '../../../shared/domain/time';
import { reportRows } from '.';

const from = '2026-02-10' as LocalDate;
const to = '2026-03-10' as LocalDate;
const asOf = '2026-03-10' as LocalDate;
type Row = ReturnType<typeof reportRows>[number];

/** Integer totals (minor units, counts, hundredths of a conversion) per key, from a report's rows. */
function totals(rows: Row[], keyOf: (r: Row) => string) {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const m = r.metrics;
    const v = [
      parseDecimalToMinor(m.spend ?? '0', 'EUR'),
      Number(m.impressions ?? 0),
      Number(m.clicks ?? 0),
      Math.round(Number(m.complete_payment ?? 0) * 100),
      parseDecimalToMinor(m.total_complete_payment_rate ?? '0', 'EUR'),
    ];
    const k = keyOf(r);
    const sum = out.get(k) ?? [0, 0, 0, 0, 0];
    out.set(
      k,
      sum.map((s, i) => s + v[i]!),
    );
  }
  return out;
}

describe('TikTok sandbox at AUCTION_ADGROUP', () => {
  it.each(['BASIC', 'AUDIENCE'])('splits each campaign’s %s rows over its two ad groups exactly', (type) => {
    const campaign = reportRows(type, 'AUCTION_CAMPAIGN', from, to, asOf);
    const adGroups = reportRows(type, 'AUCTION_ADGROUP', from, to, asOf);
    const campaignOf = new Map(
      reportRows('BASIC', 'AUCTION_ADGROUP', from, to, asOf).map((r) => [
        r.dimensions.adgroup_id!,
        r.metrics.campaign_id!,
      ]),
    );
    const where = (r: Row) => `${r.dimensions.stat_time_day}|${r.dimensions.province_id ?? ''}`;
    expect(adGroups.every((r) => r.dimensions.adgroup_id && !r.dimensions.campaign_id)).toBe(true);
    expect(new Set([...campaignOf.keys()]).size).toBe(
      2 * new Set(campaign.map((r) => r.dimensions.campaign_id)).size,
    );
    expect(totals(adGroups, (r) => `${campaignOf.get(r.dimensions.adgroup_id!)}|${where(r)}`)).toEqual(
      totals(campaign, (r) => `${r.dimensions.campaign_id}|${where(r)}`),
    );
  });

  it('names each ad group and its campaign on BASIC rows only', () => {
    const basic = reportRows('BASIC', 'AUCTION_ADGROUP', from, to, asOf);
    expect(
      basic.every((r) => r.metrics.adgroup_name && r.metrics.campaign_id && r.metrics.campaign_name),
    ).toBe(true);
    const audience = reportRows('AUDIENCE', 'AUCTION_ADGROUP', from, to, asOf);
    expect(audience.some((r) => 'campaign_id' in r.metrics || 'adgroup_name' in r.metrics)).toBe(false);
  });
});
